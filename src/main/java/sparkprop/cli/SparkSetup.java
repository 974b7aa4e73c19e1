package sparkprop.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * The Spark configuration a command runs with, as spark-submit hands it over (system properties),
 * and what the job says about it: the whole configuration, secrets hidden, to the log file; one
 * warning line on stderr when a cluster master runs without authentication.
 */
final class SparkSetup {
  private static final String HADOOP_PREFIX = "spark.hadoop.";

  private SparkSetup() {}

  static SparkConf conf(String command) {
    SparkConf conf = new SparkConf().setAppName("sparkprop " + command);
    if (!conf.contains("spark.master")) conf.setMaster("local[*]");
    // Spark's own redaction (event log, UI, its log lines) by sparkprop's rule, which adds Azure's account keys.
    conf.setIfMissing("spark.redaction.regex", sparkprop.Secrets.KEY_REGEX);
    // The rows are read by few tasks (one per IDX file) and shuffled into the partitions. Spark's reduce
    // locality would place every partition on the host holding that map output (≥ 20% of it), and a pass's
    // tasks, far shorter than the 3 s locality wait, would then all run and be cached on one host of a
    // multi-host cluster. Off, the partitions spread over the executors (StandaloneClusterIT).
    conf.setIfMissing("spark.shuffle.reduceLocality.enabled", "false");
    return conf;
  }

  /**
   * The Hadoop configuration Spark will build from {@code conf} (its {@code spark.hadoop.*} keys), for
   * checking the output folder before a Spark context is started: a refusal then takes a second.
   */
  static Configuration hadoop(SparkConf conf) {
    Configuration hadoop = new Configuration();
    for (Tuple2<String, String> kv : conf.getAll()) {
      if (kv._1().startsWith(HADOOP_PREFIX)) hadoop.set(kv._1().substring(HADOOP_PREFIX.length()), kv._2());
    }
    return hadoop;
  }

  /** Logs the configuration, secrets hidden, and warns once if a cluster is used without authentication. */
  static void describe(SparkConf conf, PrintStream err) {
    StringBuilder b = new StringBuilder("Spark configuration:");
    Tuple2<String, String>[] all = conf.getAll();
    Arrays.sort(all, Comparator.comparing(Tuple2::_1));
    for (Tuple2<String, String> kv : all) b.append("\n  ").append(kv._1()).append('=').append(sparkprop.Secrets.redact(kv._1(), kv._2()));
    Failures.DETAILS.info(b.toString());
    String master = conf.get("spark.master", "local[*]");
    if (!master.startsWith("local") && !conf.getBoolean("spark.authenticate", false)) {
      err.println("sparkprop: warning: spark.authenticate is off: anyone who can reach " + master
          + " and the executors can run code there (see conf/spark-standalone.conf.example)");
      err.flush();
    }
  }
}
