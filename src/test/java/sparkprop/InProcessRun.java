package sparkprop;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import sparkprop.cli.Main;

/**
 * One sparkprop command through its entry point in this JVM, {@link Main#run(org.apache.spark.api.java.JavaSparkContext,
 * String[], PrintStream, PrintStream)} in the shared local[2] context: the same parsing, checks, job and exit
 * code as {@code ./submit.sh ARGS}, without a driver JVM of its own. What only a real process shows (the
 * exit code through submit.sh, Spark's logging kept off the real stderr, signals, kill -9) stays with
 * {@code cli.JobProcess} in the {@code *IT} classes; the many cases behind each such claim run here.
 */
public final class InProcessRun {
  public final int exitCode;
  public final String stdout;
  public final String stderr;

  private InProcessRun(int exitCode, String stdout, String stderr) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static InProcessRun of(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code;
    try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      code = Main.run(LocalSpark.context(), args, po, pe);
    }
    return new InProcessRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  /** {@link #of(String...)} with the arguments as a list. */
  public static InProcessRun of(List<String> args) {
    return of(args.toArray(new String[0]));
  }

  /** The lines written to stderr. */
  public List<String> stderrLines() {
    return stderr.lines().filter(l -> !l.isEmpty()).toList();
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
