package sparkprop.bench;

import java.util.Collections;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The floor of any Spark job's wall time, to compare the check's with: create a context, count an
 * empty RDD, stop, with the JVM flags and settings of the job
 * ({@code mvn -q -Papparatus process-test-classes -Dapparatus=EmptySparkApp}; for the whole process's
 * wall time, {@code time} around that command counts Maven too: BENCHMARKS.md times the java command
 * the profile runs, which {@code mvn -X} prints).
 */
public final class EmptySparkApp {
  private EmptySparkApp() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    SparkConf conf = new SparkConf().setAppName("sparkprop empty");
    if (!conf.contains("spark.master")) conf.setMaster("local[*]");
    long count;
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      count = sc.parallelize(Collections.<Integer>emptyList()).count();
    }
    System.out.printf("empty Spark job: %d rows counted, %.2f s inside the JVM%n", count, (System.nanoTime() - t0) / 1e9);
  }
}
