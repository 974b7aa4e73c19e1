package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import sparkprop.Secrets;

/** Secrets never printed; one warning line for a cluster without authentication. */
class SparkSetupTest {
  @Test
  void valuesOfSecretPasswordAndTokenKeysAreHidden() {
    assertEquals(Secrets.HIDDEN, Secrets.redact("spark.authenticate.secret", "hunter2"));
    assertEquals(Secrets.HIDDEN, Secrets.redact("spark.ssl.keyStorePassword", "hunter2"));
    assertEquals(Secrets.HIDDEN, Secrets.redact("spark.hadoop.fs.s3a.session.TOKEN", "hunter2"));
    assertEquals("local[2]", Secrets.redact("spark.master", "local[2]"));
    String options = Secrets.redact("spark.driver.extraJavaOptions", "-Xss4m -Djavax.net.ssl.trustStorePassword=hunter2 -Dx=1");
    assertFalse(options.contains("hunter2"), options);
    assertTrue(options.contains("-Xss4m") && options.contains("-Dx=1"), options);
  }

  /** Spark's own default spark.redaction.regex (access keys) and Azure's account keys, and a URI's user-info. */
  @Test
  void accessAndAccountKeysAndUriCredentialsAreHidden() {
    assertEquals(Secrets.HIDDEN, Secrets.redact("spark.hadoop.fs.s3a.access.key", "ACCESSKEY123"));
    assertEquals(Secrets.HIDDEN, Secrets.redact("spark.hadoop.fs.azure.account.key.acct.blob.core.windows.net", "AZUREKEY123"));
    assertEquals(Secrets.HIDDEN, Secrets.redact("spark.hadoop.fs.s3a.accesskey", "ACCESSKEY123"));
    assertEquals("hdfs://*****@nn:8020/data", Secrets.redact("spark.hadoop.fs.defaultFS", "hdfs://user:SECRET@nn:8020/data"));
    String text = Secrets.hide("--data hdfs://user:SECRET@host:1/x and s3a://TOKEN@bucket/y, -Dfs.azure.account.key.a=K1 file:/tmp/z");
    assertEquals("--data hdfs://*****@host:1/x and s3a://*****@bucket/y, -Dfs.azure.account.key.a=***** file:/tmp/z", text);
    assertEquals("hdfs://nn:8020/a@b", Secrets.hide("hdfs://nn:8020/a@b"), "an @ in the path is no user-info");
  }

  private static String warnings(SparkConf conf) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SparkSetup.describe(conf, new PrintStream(err, true, StandardCharsets.UTF_8));
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aClusterWithoutAuthenticationGetsOneWarningLine() {
    SparkConf cluster = new SparkConf(false).setMaster("spark://10.0.0.1:7077").set("spark.authenticate.secret", "x");
    String warning = warnings(cluster);
    assertEquals(1, warning.lines().count(), warning);
    assertTrue(warning.contains("spark.authenticate is off") && !warning.contains("x\n"), warning);
    assertEquals("", warnings(cluster.clone().set("spark.authenticate", "true")));
    assertEquals("", warnings(new SparkConf(false).setMaster("local[2]")));
  }
}
