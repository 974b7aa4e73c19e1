package sparkprop.cli;

import sparkprop.app.JobCommand;
import sparkprop.app.Outcome;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.app.OutputFolder;

/**
 * Runs one parsed command the same way for every command: prepare the output folder → run → write its
 * files → commit (or abandon on any failure) → print → exit code. It owns every failure: bad input
 * anywhere, an executor's included, is exit 2 and one line; anything else exit 3, one line naming the
 * log file with the details.
 */
final class JobRunner {
  private final PrintStream out;
  private final PrintStream err;
  private final PrintStream progress;

  /**
   * @param out the results (tables, "output: DIR"); {@code progress} lines go there too, so that stderr
   *     holds nothing but warnings and the one line of a failure
   * @param err that line
   */
  JobRunner(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
    this.progress = out;
  }

  /** As under spark-submit: the Spark context is started here, after the output folder is accepted. */
  int runInNewContext(String name, JobCommand command) {
    LastSparkError.install();
    SparkConf conf = SparkSetup.conf(name);
    command.sparkDefaults().forEach(conf::setIfMissing); // the command's own, under the user's settings
    SparkSetup.describe(conf, err);
    return run(name, command, SparkSetup.hadoop(conf), () -> new JavaSparkContext(conf), true);
  }

  /** In a context that already runs (tests), which stays open. */
  int runIn(JavaSparkContext sc, String name, JobCommand command) {
    return run(name, command, sc.hadoopConfiguration(), () -> sc, false);
  }

  private int run(String name, JobCommand command, Configuration hadoop, Supplier<JavaSparkContext> context,
      boolean stopContext) {
    OutputFolder folder;
    try {
      folder = OutputFolder.prepare(name, command, hadoop, err); // takes --out's lock: released below
    } catch (Throwable e) {
      return Failures.report(e, err);
    }
    JavaSparkContext sc = null;
    try {
      sc = context.get();
      command.output(folder);
      command.warnings(err);
      Outcome outcome = command.run(sc, progress);
      for (Map.Entry<String, byte[]> f : outcome.files().entrySet()) folder.write(f.getKey(), f.getValue());
      folder.commit();
      out.print(outcome.console());
      String shown = sparkprop.Secrets.hide(folder.location()); // a URI's credentials are never echoed
      out.println("output: " + shown);
      if (outcome.files().containsKey("report.html")) out.println("report: " + shown + "/report.html");
      if (outcome.lastLine() != null) out.println(outcome.lastLine());
      out.flush();
      return outcome.exitCode();
    } catch (Throwable e) { // an Error too: exit 1 would read as "gradients disagree"
      folder.abandon();
      return Failures.report(e, err);
    } finally {
      folder.release();
      if (stopContext && sc != null) stop(sc);
    }
  }

  /** Stops Spark; a failure to stop changes nothing about a result already written. */
  private static void stop(JavaSparkContext sc) {
    try {
      sc.stop();
    } catch (RuntimeException e) {
      Failures.DETAILS.warn("stopping Spark failed", e);
    }
  }
}
