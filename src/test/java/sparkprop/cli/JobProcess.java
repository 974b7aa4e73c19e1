package sparkprop.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One run of the real job as a child process, {@code ./submit.sh ARGS} exactly as a user or a scheduler
 * starts it (spark-submit's launcher, the driver JVM, conf/), with its real stdout, stderr and exit
 * code. It uses the jars Maven built (SPARKPROP_SKIP_BUILD=1): build them first with
 * {@code mvn -q -B package -Pcluster -DskipTests}; the tests are skipped while they are missing or
 * older than the compiled classes, rather than run against stale code.
 */
final class JobProcess {
  static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();

  final List<String> command;
  final int exitCode;
  final String stdout;
  final String stderr;
  final Duration took;
  final Path logDir;

  private JobProcess(List<String> command, int exitCode, String stdout, String stderr, Duration took, Path logDir) {
    this.command = command;
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.took = took;
    this.logDir = logDir;
  }

  /** Runs {@code ./submit.sh args} in {@code cwd}; its logs go to {@code scratch}/logs. Kills it after {@code timeout}. */
  static JobProcess run(Path cwd, Path scratch, Duration timeout, String... args) throws IOException, InterruptedException {
    return run(cwd, scratch, timeout, Map.of(), args);
  }

  /** The same with extra environment variables, e.g. SPARKPROP_DRY_RUN. */
  static JobProcess run(Path cwd, Path scratch, Duration timeout, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Running r = start(cwd, scratch, env, args);
    Process p = r.process;
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", r.command) + " did not finish within " + timeout);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new JobProcess(r.command, p.exitValue(), r.stdout(),
        Files.readString(r.io.resolve("stderr"), StandardCharsets.UTF_8), took, r.io.resolve("logs"));
  }

  /** A job started in the background, for tests that kill it. */
  static final class Running {
    final Process process;
    final Path io;
    final List<String> command;

    Running(Process process, Path io, List<String> command) {
      this.process = process;
      this.io = io;
      this.command = command;
    }

    /**
     * kill -9 of the driver and everything submit.sh started, at once; returns when they are gone (a
     * run started right after must find the driver's process id dead, as a scheduler's retry does).
     */
    void killHard() throws InterruptedException {
      List<ProcessHandle> all = process.descendants().collect(Collectors.toList());
      all.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      for (ProcessHandle h : all) {
        try {
          h.onExit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
          throw new AssertionError("process " + h.pid() + " still alive 30 s after kill -9", e);
        }
      }
    }

    String stdout() throws IOException {
      return Files.readString(io.resolve("stdout"), StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code signal} (INT, TERM) with kill(1): to submit.sh's whole process group, as a shell's
     * Ctrl-C or Airflow does (the job must have been started {@linkplain #startInOwnGroup in its own
     * group}), or to submit.sh alone.
     */
    void signal(String signal, boolean group) throws IOException, InterruptedException {
      String target = group ? "-" + process.pid() : Long.toString(process.pid());
      Process kill = new ProcessBuilder("kill", "-s", signal, "--", target).inheritIO().start();
      if (kill.waitFor() != 0) throw new IOException("kill -s " + signal + " -- " + target + " failed");
    }

    /** Waits for the job to end (killing it after {@code timeout}) and returns what it did. */
    JobProcess finish(Duration timeout) throws IOException, InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        killHard();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
      }
      return new JobProcess(command, process.exitValue(), stdout(),
          Files.readString(io.resolve("stderr"), StandardCharsets.UTF_8), Duration.ZERO, io.resolve("logs"));
    }
  }

  /**
   * Starts {@code ./submit.sh args} as the leader of a process group of its own (setsid), as a shell
   * starts a job, so that a signal can be sent to the group without reaching the test's JVM. As a
   * shell's job, it starts with SIGINT and SIGQUIT at their defaults ({@code env --default-signal}):
   * where the build itself was started in the background ({@code nohup mvn … &}, a CI runner), they
   * arrive ignored, a disposition that no shell or JVM below may change, and a Ctrl-C could not be
   * tested at all (SignalProcessIT's SIGINT case then failed with exit 0 every time).
   */
  static Running startInOwnGroup(Path cwd, Path scratch, String... args) throws IOException {
    return start(cwd, scratch, Map.of(), List.of("setsid", "env", "--default-signal=INT,QUIT"), args);
  }

  /** Starts {@code ./submit.sh args} in {@code cwd} and returns at once. */
  static Running start(Path cwd, Path scratch, String... args) throws IOException {
    return start(cwd, scratch, Map.of(), args);
  }

  private static Running start(Path cwd, Path scratch, Map<String, String> env, String... args) throws IOException {
    return start(cwd, scratch, env, List.of(), args);
  }

  private static Running start(Path cwd, Path scratch, Map<String, String> env, List<String> prefix, String... args)
      throws IOException {
    assumeBuilt();
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(PROJECT.resolve("submit.sh").toString());
    cmd.addAll(Arrays.asList(args));
    Path io = Files.createTempDirectory(scratch, "job-");
    Path logs = Files.createDirectories(io.resolve("logs"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
        .redirectOutput(io.resolve("stdout").toFile()).redirectError(io.resolve("stderr").toFile());
    pb.environment().put("SPARKPROP_SKIP_BUILD", "1");
    pb.environment().put("SPARKPROP_BUNDLED_SPARK", "1");
    pb.environment().put("SPARKPROP_LOG_DIR", logs.toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("MASTER");
    pb.environment().remove("SPARK_CONF_DIR");
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    return new Running(p, io, cmd);
  }

  /** The lines of the real stderr. */
  List<String> stderrLines() {
    return stderr.lines().filter(l -> !l.isEmpty()).toList();
  }

  @Override
  public String toString() {
    return "$ " + String.join(" ", command) + "\nexit " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n"
        + stdout + "--- stderr\n" + stderr;
  }

  private static void assumeBuilt() throws IOException {
    Path jar = PROJECT.resolve("target/sparkprop.jar");
    assumeTrue(Files.isRegularFile(jar) && Files.isDirectory(PROJECT.resolve("target/spark-home/jars")),
        "target/sparkprop.jar is missing: mvn -q -B package -Pcluster -DskipTests");
    FileTime built = Files.getLastModifiedTime(jar);
    try (Stream<Path> classes = Files.walk(PROJECT.resolve("target/classes"))) {
      assumeTrue(classes.noneMatch(c -> newer(c, built)),
          "target/sparkprop.jar is older than target/classes: mvn -q -B package -Pcluster -DskipTests");
    }
  }

  private static boolean newer(Path file, FileTime than) {
    try {
      return Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(than) > 0;
    } catch (IOException e) {
      return false;
    }
  }
}
