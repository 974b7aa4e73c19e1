package sparkprop.cli;

import sparkprop.app.ExitCode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.function.ToIntFunction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The application's entry point under spark-submit: {@code [check|bench] [options]} (see {@link JobOptions}).
 * Its exit code is the contract with schedulers: 0 agree, 1 disagree, 2 bad input or usage, 3 any other
 * failure ({@link ExitCode}); 130 and 143 when SIGINT or SIGTERM stopped it ({@link Signals}).
 */
public final class Main {
  /**
   * Where submit.sh asks for the exit code, so that it can tell the job's own exit 1 (the gradients
   * disagree) from spark-submit's, which uses 1 for its own failures too.
   */
  static final String EXIT_FILE_VARIABLE = "SPARKPROP_EXIT_FILE";

  private Main() {}

  /** The commands; the first is the one that runs when the command line names none. */
  public static JobOptions commands() {
    return new JobOptions()
        .command("check", CheckCommand::new)
        .command("train", TrainCommand::new)
        .command("bench", BenchCommand::new)
        .command("screen", ScreenCommand::new);
  }

  public static void main(String[] args) {
    LogFile.routeJavaUtilLogging(); // before netlib logs "Using …JNIBLAS" through java.util.logging to stderr
    Signals.install(Main::recordExitCode);
    int code = run(args, System.out, System.err);
    Signals.conclude(code, Main::recordExitCode);
    System.exit(code); // after a signal: waits for the JVM's shutdown, which exits 128 + its number
  }

  /** Parses {@code args} and runs the command in a Spark context of its own. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return parseThen(args, out, err, parsed -> {
      sparkprop.blas.BundledOpenBlas.install(); // before Spark, MLlib or Breeze can start netlib without it (help needs none)
      Signals.running(parsed.command());
      return new JobRunner(out, err).runInNewContext(parsed.name(), parsed.command());
    });
  }

  /** Parses {@code args} and runs the command in {@code sc}, a context that already runs (tests, notebooks). */
  public static int run(JavaSparkContext sc, String[] args, PrintStream out, PrintStream err) {
    return parseThen(args, out, err, parsed -> new JobRunner(out, err).runIn(sc, parsed.name(), parsed.command()));
  }

  /** Parses {@code args}; a usage error is reported, {@code --help} printed (exit 0), else {@code run} runs the command. */
  private static int parseThen(String[] args, PrintStream out, PrintStream err, ToIntFunction<JobOptions.Parsed> run) {
    JobOptions.Parsed parsed;
    try {
      parsed = commands().parse(args);
    } catch (Throwable e) {
      return Failures.report(e, err);
    }
    if (parsed.help() != null) {
      out.print(parsed.help());
      return ExitCode.AGREE;
    }
    return run.applyAsInt(parsed);
  }

  private static void recordExitCode(int code) {
    String file = System.getenv(EXIT_FILE_VARIABLE);
    if (file == null || file.isEmpty()) return;
    try {
      Files.write(Paths.get(file), (code + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      // submit.sh then reports a failure of its own (exit 3): nothing better can be done here.
    }
  }
}
