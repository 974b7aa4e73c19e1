package sparkprop.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on this machine for the cluster tests: one master and N workers, each a
 * separate JVM started from the project's own jars ({@code target/spark-home/jars}), everything bound
 * to 127.0.0.1, with shared-secret authentication and AES-based RPC encryption on. Stopping it (also
 * from a JVM shutdown hook) kills, by process id, every process it started and the executor JVMs the
 * workers spawned.
 *
 * <p>Each daemon reads the secret as {@code spark.authenticate.secret} from its own properties file
 * (mode 600). Spark 4.2 has no other way for standalone: {@code spark.authenticate.secret.file} (and
 * its {@code .driver.file}/{@code .executor.file} variants) is refused outside Kubernetes ("Secret keys
 * provided via files is only allowed in Kubernetes mode", SecurityManager.secretKeyFromFile), and a
 * {@code -D} flag or {@code --conf} would show the secret to anyone running {@code ps}. Workers hand
 * it to their executors in the environment ({@code _SPARK_AUTH_SECRET}), not on the command line.
 */
final class StandaloneCluster implements AutoCloseable {
  static final String LOOPBACK = "127.0.0.1";
  static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path projectDir;
  private final Path dir;
  private final String secret;
  private final List<Process> processes = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();
  private final List<Path> workerDirs = new ArrayList<>();
  private final List<Path> secretFiles = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopAll, "stop-standalone-cluster");
  private int masterPort;
  private int masterWebUiPort;

  private StandaloneCluster(Path projectDir, Path dir, String secret) {
    this.projectDir = projectDir;
    this.dir = dir;
    this.secret = secret;
  }

  /**
   * Starts a master and {@code workerCount} workers ({@code cores} cores and 2g each) and waits until
   * every worker has registered.
   */
  static StandaloneCluster start(Path projectDir, Path dir, String secret, int workerCount, int cores,
      Duration timeout) throws IOException, InterruptedException {
    return start(projectDir, dir, secret, workerCount, cores, 2048, timeout);
  }

  /** As {@link #start(Path, Path, String, int, int, Duration)}, each worker offering {@code memoryMb} to its executors. */
  static StandaloneCluster start(Path projectDir, Path dir, String secret, int workerCount, int cores, int memoryMb,
      Duration timeout) throws IOException, InterruptedException {
    List<WorkerSpec> specs = new ArrayList<>();
    for (int i = 0; i < workerCount; i++) specs.add(new WorkerSpec(LOOPBACK, Map.of()));
    return start(projectDir, dir, secret, specs, cores, memoryMb, timeout);
  }

  /**
   * A worker's own address and environment: {@code SPARK_LOCAL_IP} is set to {@code host} (so that a
   * worker on 127.0.0.3 and its executors are a host of their own to Spark), {@code env} added to it and
   * inherited by its executors (e.g. a node's fire drill).
   */
  record WorkerSpec(String host, Map<String, String> env) {}

  /** A master and one worker per spec ({@code cores} cores and {@code memoryMb} each); waits until all registered. */
  static StandaloneCluster start(Path projectDir, Path dir, String secret, List<WorkerSpec> specs, int cores, int memoryMb,
      Duration timeout) throws IOException, InterruptedException {
    StandaloneCluster c = new StandaloneCluster(projectDir, dir, secret);
    Runtime.getRuntime().addShutdownHook(c.shutdownHook);
    boolean ok = false;
    try {
      c.startMaster();
      for (int i = 0; i < specs.size(); i++) c.startWorker(i, specs.get(i), cores, memoryMb);
      c.awaitWorkers(specs.size(), timeout);
      ok = true;
      return c;
    } finally {
      if (!ok) c.close();
    }
  }

  String masterUrl() {
    return "spark://" + LOOPBACK + ":" + masterPort;
  }

  Path dir() {
    return dir;
  }

  /** The environment of every Spark JVM started here, and of the submissions. */
  static void sparkEnvironment(Map<String, String> env, Path projectDir) {
    env.put("SPARK_HOME", projectDir.resolve("target/spark-home").toString());
    // Without it Spark's launcher looks for a source build ("Cannot find any build directories")
    // when a worker builds an executor's command line.
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", LOOPBACK);
    // One BLAS thread per task slot (the workers hand out cores as task slots).
    env.putIfAbsent("OPENBLAS_NUM_THREADS", "1");
    env.remove("SPARK_CONF_DIR");
    env.remove("MASTER");
  }

  private void startMaster() throws IOException {
    masterPort = freePort();
    masterWebUiPort = freePort();
    Path props = securityProperties("master");
    processes.add(launch("master", List.of("-Dlog4j2.configurationFile=" + masterLogConfig()),
        "org.apache.spark.deploy.master.Master",
        "--host", LOOPBACK, "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterWebUiPort),
        "--properties-file", props.toString()));
  }

  private Process startWorker(int index, WorkerSpec spec, int cores, int memoryMb) throws IOException {
    String name = "worker-" + index + (workerDirs.size() > index ? "-" + workerDirs.size() : "");
    Path work = Files.createDirectories(dir.resolve(name));
    workerDirs.add(work);
    Path props = securityProperties(name);
    Map<String, String> env = new java.util.HashMap<>(spec.env());
    env.put("SPARK_LOCAL_IP", spec.host());
    Process p = launch(name, List.of(), env, "org.apache.spark.deploy.worker.Worker",
        "--host", spec.host(), "--cores", String.valueOf(cores), "--memory", memoryMb + "m",
        "--webui-port", String.valueOf(freePort()), "--work-dir", work.toString(),
        "--properties-file", props.toString(), masterUrl());
    processes.add(p);
    workers.add(p);
    return p;
  }

  /**
   * Stops worker {@code index} (and its executors) and starts another in its place, as {@code spec}
   * says (a node restarted with another environment); waits until the master counts it ALIVE.
   */
  synchronized void replaceWorker(int index, WorkerSpec spec, int cores, int memoryMb, Duration timeout)
      throws IOException, InterruptedException {
    Process old = workers.get(index);
    List<ProcessHandle> handles = old.toHandle().descendants().collect(Collectors.toList());
    handles.add(old.toHandle());
    stop(handles);
    processes.remove(old);
    int n = workers.size();
    Process p = startWorker(index, spec, cores, memoryMb);
    workers.remove(p);
    workers.set(index, p);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) throw new IllegalStateException("the new worker exited with " + p.exitValue() + "; see " + dir);
      JsonNode status = masterState();
      long alive = 0;
      for (JsonNode w : status.path("workers")) if (w.path("state").asText().equals("ALIVE")) alive++;
      if (alive == n) return;
      Thread.sleep(500);
    }
    throw new IllegalStateException("the replaced worker did not register within " + timeout + "; logs in " + dir);
  }

  /**
   * The daemons' Spark properties. The secret goes in a file readable only by us rather than on the
   * command line, where {@code ps} would show it.
   */
  private Path securityProperties(String name) throws IOException {
    Properties p = authentication(secret);
    // The standalone REST submission server would listen on 6066: not needed, not wanted.
    p.setProperty("spark.master.rest.enabled", "false");
    Path file = writePrivate(dir.resolve(name + ".properties"), p, "sparkprop cluster test: " + name);
    secretFiles.add(file);
    return file;
  }

  /** The daemons' properties files, the only files of the cluster that hold the secret. */
  List<Path> secretFiles() {
    return List.copyOf(secretFiles);
  }

  /**
   * The settings that every daemon and driver of the cluster shares: authentication with
   * {@code secret}, and AES-based encryption of RPC traffic (without it on the master and the workers
   * too, a driver that asks for encryption falls back to unencrypted SASL with them).
   */
  static Properties authentication(String secret) {
    Properties p = new Properties();
    p.setProperty("spark.authenticate", "true");
    p.setProperty("spark.authenticate.secret", secret);
    p.setProperty("spark.network.crypto.enabled", "true");
    return p;
  }

  /** Writes {@code p} to a new file readable and writable only by this user (mode 600). */
  static Path writePrivate(Path file, Properties p, String comment) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, comment);
    }
    return file;
  }

  /**
   * The master's logging: Spark's defaults (INFO to stderr), and the server side of the RPC
   * authentication at DEBUG, where Spark says which clients it refused ("Authentication failed for
   * client ..., closing channel") and which it let in.
   */
  private Path masterLogConfig() throws IOException {
    Path file = dir.resolve("master-log4j2.properties");
    Files.writeString(file, String.join("\n",
        "rootLogger.level = info",
        "rootLogger.appenderRef.stderr.ref = console",
        "appender.console.type = Console",
        "appender.console.name = console",
        "appender.console.target = SYSTEM_ERR",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex",
        "logger.auth.name = org.apache.spark.network.crypto.AuthRpcHandler",
        "logger.auth.level = debug",
        ""), StandardCharsets.UTF_8);
    return file;
  }

  private Process launch(String name, List<String> jvmOptions, String mainClass, String... args) throws IOException {
    return launch(name, jvmOptions, Map.of(), mainClass, args);
  }

  /**
   * {@code env} on top of {@link #sparkEnvironment}. The daemons (master, workers) run with the client
   * compiler only and the serial collector: they compute nothing of sparkprop's, and on the test machine's
   * 2 cores a Spark JVM's start costs about 40 % less CPU so (3.1 → 1.9 s user+sys for
   * {@code SparkSubmit --version}); the executors they start and the drivers keep Spark's defaults.
   */
  private Process launch(String name, List<String> jvmOptions, Map<String, String> env, String mainClass, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.add("-Xmx512m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(projectDir.resolve("target/spark-home/jars").toString() + "/*");
    cmd.add(mainClass);
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    sparkEnvironment(pb.environment(), projectDir);
    pb.environment().putAll(env);
    return pb.start();
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** Polls the master's JSON status page until {@code n} workers are ALIVE. */
  private void awaitWorkers(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "(no answer)";
    while (System.nanoTime() < deadline) {
      for (Process p : processes) {
        if (!p.isAlive()) throw new IllegalStateException("a cluster daemon exited with " + p.exitValue() + "; see " + dir);
      }
      try {
        JsonNode status = masterState();
        last = status.toString();
        if (status.path("aliveworkers").asInt() >= n) return;
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("fewer than " + n + " workers registered within " + timeout + "; master said: " + last
        + "; logs in " + dir);
  }

  /**
   * The master's state from its web UI's JSON page ({@code http://127.0.0.1:<webui>/json/}): status,
   * workers with their state, active and completed applications. Throws when the master does not answer.
   */
  JsonNode masterState() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + masterWebUiPort + "/json/"))
        .timeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IOException("the master's /json/ answered HTTP " + r.statusCode());
    return JSON.readTree(r.body());
  }

  /** The master's log (its stdout and stderr). */
  Path masterLog() {
    return dir.resolve("master.log");
  }

  /** Every process of the cluster that is still running: master, workers and the executors they spawned. */
  synchronized List<ProcessHandle> processes() {
    List<ProcessHandle> handles = new ArrayList<>();
    for (Process p : processes) {
      handles.add(p.toHandle());
      p.toHandle().descendants().forEach(handles::add);
    }
    return handles;
  }

  /** The live executor JVMs the workers have spawned. */
  List<ProcessHandle> executors() {
    return workers.stream()
        .flatMap(w -> w.toHandle().descendants())
        .filter(ProcessHandle::isAlive)
        .filter(h -> h.info().commandLine().map(c -> c.contains(EXECUTOR_MAIN)).orElse(false))
        .collect(Collectors.toList());
  }

  /** The value after {@code --name} on an executor's command line (e.g. --executor-id, --app-id). */
  static Optional<String> executorArgument(ProcessHandle executor, String name) {
    String[] args = executor.info().arguments().orElse(new String[0]);
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) return Optional.of(args[i + 1]);
    }
    return Optional.empty();
  }

  /** An executor's stderr log, in its worker's work folder: {@code <work>/<app-id>/<executor-id>/stderr}. */
  Optional<Path> executorLog(ProcessHandle executor) {
    Optional<String> app = executorArgument(executor, "--app-id");
    Optional<String> id = executorArgument(executor, "--executor-id");
    if (app.isEmpty() || id.isEmpty()) return Optional.empty();
    return workerDirs.stream().map(w -> w.resolve(app.get()).resolve(id.get()).resolve("stderr"))
        .filter(Files::isRegularFile).findFirst();
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run.
    }
  }

  /** Executors first (so that workers cannot relaunch them), then workers, then the master. */
  private synchronized void stopAll() {
    List<ProcessHandle> handles = new ArrayList<>();
    for (Process w : workers) w.toHandle().descendants().forEach(handles::add);
    for (int i = processes.size() - 1; i >= 0; i--) handles.add(processes.get(i).toHandle());
    stop(handles);
    processes.clear();
    workers.clear();
  }

  /** Asks each process to stop (SIGTERM), waits briefly, then kills what is left (SIGKILL). */
  static void stop(List<ProcessHandle> handles) {
    for (ProcessHandle h : handles) h.destroy();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ProcessHandle h : handles) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception timedOutOrInterrupted) {
        // Killed below.
      }
      if (h.isAlive()) h.destroyForcibly();
    }
  }

  static void deleteRecursively(Path root) {
    if (!Files.exists(root)) return;
    try (var paths = Files.walk(root)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
