package sparkprop.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sparkprop.BadInputException;
import sparkprop.check.CheckJob;
import sparkprop.check.CheckResult;
import sparkprop.report.ConsoleTable;
import sparkprop.report.GradientFiles;
import sparkprop.report.OutputFolder;
import sparkprop.report.ReportJson;

/** The application's entry point under spark-submit: {@code [check] [options]}; see {@link JobOptions}. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger("sparkprop");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length > 0 && args[0].equals("bench")) {
      return sparkprop.bench.BenchCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length));
    }
    JobOptions options;
    try {
      options = JobOptions.parse(args);
    } catch (BadInputException e) {
      System.err.println("sparkprop: error: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    if (options.command.equals("help")) {
      System.out.print(JobOptions.usage());
      return ExitCode.AGREE;
    }
    SparkConf conf = new SparkConf().setAppName("sparkprop " + options.command);
    if (!conf.contains("spark.master")) conf.setMaster("local[*]");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      return check(sc, options, System.out, System.err);
    } catch (Throwable e) { // an Error too: exit 1 would read as "gradients disagree"
      return failure(e, System.err);
    }
  }

  /** Runs the check in an existing Spark context, writes the output folder and returns the exit code. */
  public static int check(JavaSparkContext sc, JobOptions options, PrintStream out, PrintStream err) {
    OutputFolder folder;
    try {
      java.util.List<String> inputs = new java.util.ArrayList<>(java.util.List.of(options.data.data));
      if (options.model.weights != null) inputs.add(options.model.weights);
      folder = OutputFolder.prepare(options.out, "check", inputs, sc.hadoopConfiguration());
    } catch (RuntimeException e) {
      return failure(e, err);
    }
    try {
      CheckResult result = CheckJob.run(sc, options);
      folder.write("report.json", ReportJson.render(result));
      folder.write("gradients.npz", GradientFiles.npz(result.fullGradient()));
      folder.write("reference.npz", GradientFiles.npz(result.reference));
      folder.commit();
      out.print(ConsoleTable.render(result));
      out.println("output: " + folder.location());
      out.flush();
      if (!result.blasNative) LOG.warn("BLAS is {}, not native: install libopenblas0-pthread for full speed", result.blas);
      return result.pass() ? ExitCode.AGREE : ExitCode.DISAGREE;
    } catch (Throwable e) {
      folder.abandon();
      return failure(e, err);
    }
  }

  private static int failure(Throwable e, PrintStream err) {
    BadInputException bad = Failures.badInput(e);
    if (bad != null) {
      err.println("sparkprop: error: " + bad.getMessage());
      return ExitCode.BAD_INPUT;
    }
    err.println("sparkprop: failed: " + e);
    e.printStackTrace(err);
    return ExitCode.FAILURE;
  }
}
