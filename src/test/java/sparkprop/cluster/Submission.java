package sparkprop.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One {@code ./submit.sh ...} run as a subprocess of the test, its stdout and stderr in files. It
 * uses the jars the Maven build made (SPARKPROP_SKIP_BUILD=1: no nested Maven inside a test run)
 * and the project's own Spark (SPARKPROP_BUNDLED_SPARK=1).
 *
 * <p>Descriptions for assertion messages are redacted: every secret registered with
 * {@link #neverShow} and the value of any {@code key=value} argument whose key looks sensitive (the
 * pattern of Spark's own {@code spark.redaction.regex}) become {@value #REDACTED}.
 */
final class Submission {
  static final String REDACTED = "*********(redacted)";
  /** Spark's default spark.redaction.regex, applied to the keys of key=value arguments. */
  private static final Pattern SENSITIVE_KEY = Pattern.compile("(?i)secret|password|token|access[.]?key");
  private static final Pattern KEY_VALUE = Pattern.compile("([^\\s=]+)=(\\S*)");
  private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();

  final String name;
  final Process process;
  final Path stdout;
  final Path stderr;
  final List<String> args;

  private Submission(String name, Process process, Path stdout, Path stderr, List<String> args) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.args = args;
  }

  static Submission start(Path projectDir, Path logDir, String name, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(projectDir.resolve("submit.sh").toString());
    cmd.addAll(Arrays.asList(args));
    Path out = logDir.resolve(name + ".stdout");
    Path err = logDir.resolve(name + ".stderr");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(projectDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    StandaloneCluster.sparkEnvironment(pb.environment(), projectDir);
    // The project's own Spark (target/spark-home), not an installation that may be on this machine.
    pb.environment().put("SPARKPROP_BUNDLED_SPARK", "1");
    pb.environment().put("SPARKPROP_SKIP_BUILD", "1");
    // The driver's Spark logging goes to a log file, not stderr: one folder per submission to read it from.
    pb.environment().put("SPARKPROP_LOG_DIR", Files.createDirectories(logDir.resolve(name + "-logs")).toString());
    Process p = pb.start();
    p.getOutputStream().close(); // nothing to read on stdin
    return new Submission(name, p, out, err, List.copyOf(cmd));
  }

  /** Waits for the exit code; kills the run (and its driver JVM) if it takes longer than {@code timeout}. */
  int await(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      stop();
      throw new AssertionError(name + " did not finish within " + timeout + "\n" + describe());
    }
    return process.exitValue();
  }

  /** The driver's log file(s): Spark's own logging of this submission. */
  String driverLog() throws IOException {
    StringBuilder b = new StringBuilder();
    Path dir = stdout.getParent().resolve(name + "-logs");
    if (!Files.isDirectory(dir)) return "";
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) b.append(Files.readString(f, StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** submit.sh and every process it started that is still running (the driver JVM among them). */
  List<ProcessHandle> processes() {
    List<ProcessHandle> handles = new ArrayList<>();
    handles.add(process.toHandle());
    process.toHandle().descendants().forEach(handles::add);
    return handles;
  }

  /** Stops submit.sh and everything it started. */
  void stop() {
    List<ProcessHandle> handles = process.toHandle().descendants().collect(Collectors.toList());
    handles.add(process.toHandle());
    StandaloneCluster.stop(handles);
  }

  /** The command and the tails of its output, for assertion messages; redacted (see the class comment). */
  String describe() {
    return redact("$ " + String.join(" ", args) + "\n--- stdout (tail)\n" + tail(stdout) + "\n--- stderr (tail)\n" + tail(stderr));
  }

  /** From now on, {@link #redact} (and so {@link #describe}) replaces {@code secret} wherever it occurs. */
  static void neverShow(String secret) {
    if (secret.length() < 8) throw new IllegalArgumentException("too short to redact safely");
    SECRETS.add(secret);
  }

  /** {@code text} with every registered secret, and the value of every sensitive-looking key=value, redacted. */
  static String redact(String text) {
    String out = text;
    for (String secret : SECRETS) out = out.replace(secret, REDACTED);
    Matcher m = KEY_VALUE.matcher(out);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String replacement = SENSITIVE_KEY.matcher(m.group(1)).find() ? m.group(1) + "=" + REDACTED : m.group();
      m.appendReplacement(b, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** Whether {@code text} holds any registered secret. */
  static boolean showsASecret(String text) {
    return SECRETS.stream().anyMatch(text::contains);
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }
}
