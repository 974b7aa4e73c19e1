package sparkprop.bench;

import java.io.PrintStream;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The bench's entry point for its command (in {@code cli}, which alone may add report.html): how
 * fast the gradient pass runs on this data, this Spark and this BLAS, against the GEMMs it is made of
 * and against Spark MLlib, and the race to MLlib's accuracy. BENCHMARKS.md explains every number.
 */
public final class Bench {
  private Bench() {}

  /**
   * Runs every measurement the options ask for.
   *
   * @param commandLine the command line as given, recorded in bench.json
   * @param progress    lines for a person watching the run
   */
  public static BenchResult measure(JavaSparkContext sc, BenchOptions options, String commandLine, PrintStream progress) {
    BenchReport r = new BenchRun(sc, BenchPlan.of(options), progress).measure();
    r.command = commandLine;
    return new BenchResult(sparkprop.Json.pretty(BenchJson.of(r)), BenchTable.render(r), r.race, r.raceSkipped);
  }
}
