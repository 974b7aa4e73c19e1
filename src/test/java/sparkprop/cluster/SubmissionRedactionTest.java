package sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What the cluster tests rely on to keep the cluster secret out of messages and reports (no cluster needed). */
class SubmissionRedactionTest {
  private static final String SECRET = "0123456789abcdef-redaction-test-secret";

  static {
    Submission.neverShow(SECRET);
  }

  @Test
  void registeredSecretsAndSensitiveKeyValuesAreRedacted() {
    String text = "$ submit.sh --conf spark.authenticate.secret=whatever --conf spark.ssl.keyPassword=pw"
        + " --conf spark.hadoop.fs.s3a.access.key=AKIA --conf spark.app.name=x\nsecret in a log line: " + SECRET + ".";
    String redacted = Submission.redact(text);
    assertEquals("$ submit.sh --conf spark.authenticate.secret=" + Submission.REDACTED
        + " --conf spark.ssl.keyPassword=" + Submission.REDACTED
        + " --conf spark.hadoop.fs.s3a.access.key=" + Submission.REDACTED
        + " --conf spark.app.name=x\nsecret in a log line: " + Submission.REDACTED + ".", redacted);
    assertTrue(Submission.showsASecret(text));
    assertFalse(Submission.showsASecret(redacted));
  }

  @Test
  void aFailureCarryingTheSecretIsReplacedByARedactedOne() {
    Throwable leaking = new IllegalStateException("wrapper", new AssertionError("expected " + SECRET));
    Throwable replaced = RedactFailures.redacted(leaking);
    StringWriter text = new StringWriter();
    replaced.printStackTrace(new PrintWriter(text));
    assertFalse(text.toString().contains(SECRET), text.toString());
    assertTrue(text.toString().contains("expected " + Submission.REDACTED), text.toString());

    Throwable clean = new AssertionError("nothing secret here");
    assertSame(clean, RedactFailures.redacted(clean));
  }
}
