package sparkprop.cluster;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Surefire and failsafe write a failure's message and stack trace (causes and suppressed ones included)
 * into their reports. Any of them holding a registered secret is replaced by an AssertionError with
 * that text redacted, so that no report can hold it whatever a message was built from.
 */
final class RedactFailures implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw redacted(t);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw redacted(t);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw redacted(t);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw redacted(t);
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw redacted(t);
  }

  static Throwable redacted(Throwable t) {
    StringWriter text = new StringWriter();
    t.printStackTrace(new PrintWriter(text));
    if (!Submission.showsASecret(text.toString())) return t;
    AssertionError clean = new AssertionError("[a secret was redacted from this failure]\n" + Submission.redact(text.toString()));
    clean.setStackTrace(t.getStackTrace());
    return clean;
  }
}
