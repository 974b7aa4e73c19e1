package sparkprop.bench;

import java.util.Collections;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The floor of any Spark job's wall time, to compare the check's with: create a context, count an
 * empty RDD, stop. Run it with the same JVM flags and class path as the job
 * ({@code java ... sparkprop.bench.EmptySparkApp}).
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
