package sparkprop.app;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.ParseResult;

/**
 * One command of the job ({@code check}, {@code bench}): a picocli {@code @Command} class whose fields
 * are its options. It only computes; {@code cli.JobRunner} owns the output folder, the Spark context and
 * every failure, so a new command is this one class plus one line in {@code cli.Main}.
 */
public interface JobCommand {
  /** The output folder ({@code --out}). */
  String out();

  /** Paths the output folder must never be or contain: the data, the weights. */
  List<String> inputs();

  /**
   * Whether the output's staging folder must survive a failed or killed run (a fixed name, kept on
   * failure), for commands that write checkpoints as they go.
   */
  default boolean resumable() {
    return false;
  }

  /**
   * Spark settings this command needs unless the user set them (the runner applies them before Spark
   * starts; a context that already runs keeps its own).
   */
  default java.util.Map<String, String> sparkDefaults() {
    return java.util.Map.of();
  }

  /** Called before {@link #run} with the output folder, for commands that write into it as they go. */
  default void output(sparkprop.app.OutputFolder folder) {}

  /** Called before {@link #run} with the stream for warning lines (stderr). */
  default void warnings(PrintStream err) {}

  /**
   * What a signal that stops the run now leaves, completing the line {@code sparkprop: interrupted
   * (SIGTERM)…}: by default no output, the folder as it was.
   */
  default String interruption() {
    return "; no output written, " + out() + " is as it was";
  }

  /** Called once the options are set, with what the command line named: for defaults that depend on it. */
  default void parsed(ParseResult given) {}

  /**
   * Runs in {@code sc} and returns what to write and print. Throws {@code BadInputException} for bad
   * input (exit 2), anything else for other failures (exit 3).
   *
   * @param progress lines for a person watching a long run
   */
  Outcome run(JavaSparkContext sc, PrintStream progress) throws Exception;
}
