package sparkprop;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One local[2] Spark context shared by every test in the JVM (starting one costs seconds), stopped
 * when the JVM exits. The UI is off and everything binds to loopback.
 */
public final class LocalSpark {
  private static JavaSparkContext sc;

  private LocalSpark() {}

  public static synchronized JavaSparkContext context() {
    if (sc == null) {
      SparkConf conf = new SparkConf()
          .setMaster("local[2]")
          .setAppName("sparkprop-tests")
          .set("spark.ui.enabled", "false")
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1")
          .set("spark.sql.shuffle.partitions", "4");
      sc = new JavaSparkContext(conf);
      sc.setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> sc.stop()));
    }
    return sc;
  }
}
