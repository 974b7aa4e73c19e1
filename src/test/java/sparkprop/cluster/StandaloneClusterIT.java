package sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import sparkprop.LocalSpark;
import sparkprop.cli.Main;
import sparkprop.cluster.EventLog.TaskEnd;

/**
 * sparkprop on a real Spark standalone cluster: a master and three 1-core workers started from the
 * project's own jars (see {@link StandaloneCluster}), with shared-secret authentication and RPC
 * encryption, the check submitted through {@code ./submit.sh} exactly as a user would. One cluster
 * serves every test.
 *
 * <p>The secret never appears on a command line, in an assertion message or in a log: daemons and
 * drivers read it from private properties files (the driver's through spark-submit's
 * {@code --extra-properties-file}), {@link Submission#describe} redacts, a failure that would still
 * carry it is replaced by a redacted one, and the last test searches every file the run wrote, every
 * command line seen and this JVM's own output for it.
 *
 * <p>Run with {@code mvn verify -Pcluster} (failsafe); plain {@code mvn test} leaves it out. The cluster
 * is the run's {@link SharedCluster}; logs and outputs go to its {@code target/cluster-tests/<time>/},
 * kept when a test fails (or with {@code -Dsparkprop.cluster.keep=true}).
 */
@Tag("cluster")
@ExtendWith(SharedCluster.Resolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The Fashion-MNIST training set (60,000 rows), from Debian's dataset-fashion-mnist package. */
  private static final Path FASHION_MNIST =
      Path.of(System.getProperty("sparkprop.fashionMnist", "/usr/share/datasets/fashion-mnist"));
  /**
   * submit.sh's exit code for a driver the master refuses: Main catches the failure ("SparkContext has
   * been shutdown" once Spark gives up on the master) and returns ExitCode.FAILURE, which submit.sh
   * passes on; README: "3 any other failure (Spark, I/O, build)".
   */
  private static final int EXIT_REFUSED = 3;

  private static SharedCluster shared;
  private static Path project;
  private static Path runDir;
  private static String secret;
  /** The driver's private properties file holding the secret (see {@link #withSecret}). */
  private static Path driverSecretFile;
  /** Files that hold the secret on purpose (mode 600); every other file the run writes must not. */
  private static final Set<Path> SECRET_FILES = ConcurrentHashMap.newKeySet();
  private static StandaloneCluster cluster;
  /** Submissions without the secret and with a wrong one, started with the cluster (each waits ~60 s). */
  private static final Map<String, Submission> REFUSED = new LinkedHashMap<>();
  /**
   * How the master's refusal of each refused submission shows in the driver's log: without
   * spark.authenticate the driver sends plain RPCs, and the master (AES-based auth, falling back to
   * SASL for clients that do not speak it) answers that it expected a SASL message; with a wrong
   * secret the authentication handshake the driver opens with the master fails. A dead master would
   * show "Connection refused" instead.
   */
  private static final Map<String, Pattern> REFUSAL_IN_DRIVER_LOG = Map.of(
      "no-secret", Pattern.compile("Expected SaslMessage, received something else"),
      "wrong-secret", Pattern.compile("Exception while bootstrapping client"));
  /** The same refusals in the master's log (AuthRpcHandler at DEBUG, see StandaloneCluster). */
  private static final Map<String, Pattern> REFUSAL_IN_MASTER_LOG = Map.of(
      "no-secret", Pattern.compile("Expected SaslMessage, received something else"),
      "wrong-secret", Pattern.compile("Authentication failed for client /127\\.0\\.0\\.1:\\d+, closing channel"));
  /** Submissions started with the right secret, and the application ids their reports name. */
  private static final AtomicInteger AUTHENTICATED_STARTED = new AtomicInteger();
  /** The applications the shared cluster ran before this class (other cluster tests' drivers). */
  private static Set<String> appsBefore;
  private static final Set<String> AUTHENTICATED_APPS = ConcurrentHashMap.newKeySet();
  /** Command lines seen holding the secret (redacted), with their process ids. */
  private static final List<String> COMMAND_LINES_WITH_SECRET = new CopyOnWriteArrayList<>();
  private static final AtomicInteger COMMAND_LINES_SEEN = new AtomicInteger();
  /** Everything this JVM prints while the class runs: surefire puts it in its reports. */
  private static final ByteArrayOutputStream JVM_OUTPUT = new ByteArrayOutputStream();
  private static PrintStream originalOut;
  private static PrintStream originalErr;
  /** Every submission started, stopped at the end (or at JVM exit) whether or not it finished. */
  private static final List<Submission> STARTED = new CopyOnWriteArrayList<>();
  private static final Thread STOP_SUBMISSIONS = new Thread(StandaloneClusterIT::stopSubmissions, "stop-submissions");

  @RegisterExtension
  static final TestWatcher FAILURES = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (shared != null) shared.keep();
    }
  };

  /** A failure whose text (message, causes, stack) holds the secret is replaced by a redacted copy. */
  @RegisterExtension
  static final RedactFailures REDACT_FAILURES = new RedactFailures();

  @BeforeAll
  static void startCluster(SharedCluster sharedCluster) throws Exception {
    captureOutput();
    shared = sharedCluster;
    project = shared.project;
    runDir = shared.runDir;
    secret = shared.secret;
    cluster = shared.cluster;
    driverSecretFile = shared.driverSecretFile;
    appsBefore = applicationIds(cluster.masterState());
    // Not derived from the right one: a wrong secret that contained it would print it.
    String wrongSecret = SharedCluster.randomSecret();
    Submission.neverShow(wrongSecret);
    Runtime.getRuntime().addShutdownHook(STOP_SUBMISSIONS);
    try {
      SECRET_FILES.addAll(cluster.secretFiles());
      SECRET_FILES.add(driverSecretFile);
      Path wrongSecretFile = StandaloneCluster.writePrivate(runDir.resolve("wrong-secret.conf"),
          StandaloneCluster.authentication(wrongSecret), "a secret the cluster does not know");
      // Started now, checked last: a refused driver retries the master for ~60 s before it gives up.
      REFUSED.put("no-secret", submit("no-secret",
          "--master", cluster.masterUrl(), "check", "--partitions", "4", "--out", runDir.resolve("out-no-secret").toString()));
      REFUSED.put("wrong-secret", submit("wrong-secret",
          "--master", cluster.masterUrl(), "--extra-properties-file", wrongSecretFile.toString(),
          "check", "--partitions", "4", "--out", runDir.resolve("out-wrong-secret").toString()));
      // Every submission with the secret comes after the master refused both: each of them shows that
      // the refusals left the master serving (submissionsWithoutTheRightSecretAreRefused), with no
      // extra submission of its own for it.
      awaitRefusalsInTheMasterLog(Duration.ofMinutes(2));
    } catch (Throwable e) {
      shared.keep();
      throw e;
    }
  }

  /** Waits until the master's log shows it refusing the submission without the secret and the one with a wrong one. */
  private static void awaitRefusalsInTheMasterLog(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String masterLog = Files.readString(cluster.masterLog(), StandardCharsets.UTF_8);
      if (REFUSAL_IN_MASTER_LOG.values().stream().allMatch(p -> p.matcher(masterLog).find())) return;
      for (Submission s : REFUSED.values()) {
        if (!s.isAlive()) fail(s.name + " ended before the master's log showed its refusal\n" + s.describe());
      }
      Thread.sleep(200);
    }
    fail("the master's log " + cluster.masterLog() + " shows no refusal of both submissions within " + timeout);
  }

  /** Stops this class's submissions; the cluster and its folder stay for the run (see {@link SharedCluster}). */
  @AfterAll
  static void stopSubmissionsAndOutputCapture() {
    try {
      stopSubmissions();
      try {
        Runtime.getRuntime().removeShutdownHook(STOP_SUBMISSIONS);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook is running or has run.
      }
    } finally {
      restoreOutput();
    }
  }

  private static Submission submit(String name, String... args) throws IOException {
    Submission s = Submission.start(project, runDir, name, args);
    STARTED.add(s);
    return s;
  }

  /** A submission to the cluster with the right secret (see {@link #withSecret}). */
  private static Submission submitWithSecret(String name, String... args) throws IOException {
    AUTHENTICATED_STARTED.incrementAndGet();
    return submit(name, withSecret(args));
  }

  private static void stopSubmissions() {
    for (Submission s : STARTED) s.stop();
  }

  /**
   * The cluster's master and the driver's secret file: spark.authenticate, spark.authenticate.secret
   * and spark.network.crypto.enabled, added by spark-submit on top of conf/spark-defaults.conf. Not
   * {@code --conf spark.authenticate.secret=...}: that would put the secret on the driver's command
   * line, for {@code ps} and for this test's messages.
   */
  private static String[] withSecret(String... rest) {
    return Stream.concat(Stream.of("--master", cluster.masterUrl(), "--extra-properties-file", driverSecretFile.toString()),
        Stream.of(rest)).toArray(String[]::new);
  }

  /** {@link Submission#await}, looking at the command line of every process of the run and of the cluster meanwhile. */
  private static int awaitWatchingCommandLines(Submission s, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (s.isAlive() && System.nanoTime() < deadline) {
      lookForTheSecretInCommandLines(s);
      s.process.waitFor(500, TimeUnit.MILLISECONDS);
    }
    return s.await(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
  }

  private static void lookForTheSecretInCommandLines(Submission s) {
    List<ProcessHandle> handles = new ArrayList<>(s.processes());
    handles.addAll(cluster.processes());
    for (ProcessHandle h : handles) {
      Optional<String> commandLine = h.info().commandLine();
      if (commandLine.isEmpty()) continue;
      COMMAND_LINES_SEEN.incrementAndGet();
      if (Submission.showsASecret(commandLine.get())) {
        COMMAND_LINES_WITH_SECRET.add("pid " + h.pid() + ": " + Submission.redact(commandLine.get()));
      }
    }
  }

  private static JsonNode clusterReport(Path out) throws IOException {
    JsonNode report = report(out);
    AUTHENTICATED_APPS.add(report.path("spark").path("application_id").asText());
    return report;
  }

  @Test
  @Order(1)
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void authenticatedSubmissionUsesSeveralWorkersAndMatchesLocalModeBitForBit() throws Exception {
    Path clusterOut = runDir.resolve("out-cluster");
    // Every worker's executor takes part: the first job waits for all their cores (standalone counts the ratio
    // against spark.cores.max). That the rows' one reading task does not pull the 4 partitions after it to its
    // host is the product's own setting (SparkSetup: reduce locality off), not this submission's.
    Submission onCluster = submitWithSecret("cluster", "--conf", "spark.cores.max=" + SharedCluster.HOSTS.size(),
        "--conf", "spark.scheduler.minRegisteredResourcesRatio=1",
        "check", "--limit", "4000", "--partitions", "4", "--out", clusterOut.toString());
    assertEquals(0, awaitWatchingCommandLines(onCluster, Duration.ofMinutes(4)), onCluster::describe);

    JsonNode report = clusterReport(clusterOut);
    assertEquals("pass", report.path("verdict").asText(), onCluster::describe);
    assertEquals(cluster.masterUrl(), report.path("spark").path("master").asText());
    Set<String> executors = executorIds(report);
    assertTrue(executors.size() >= 2, "partitions ran on executors " + executors + ", expected two or more (one per worker)");
    assertFalse(executors.contains("driver"), "partitions ran in the driver: " + executors);

    Path localOut = runDir.resolve("out-local");
    assertEquals(0, inLocalMode("check", "--limit", "4000", "--partitions", "4", "--out", localOut.toString()));
    assertArrayEquals(Files.readAllBytes(localOut.resolve("gradients.npz")), Files.readAllBytes(clusterOut.resolve("gradients.npz")),
        "gradients.npz differs between the cluster and local[2] with the same 4 partitions");
  }

  /**
   * Kills one executor JVM (SIGKILL) while the check runs on Fashion-MNIST's first 12,000 rows in 48
   * partitions, at a moment its log shows a task started and not finished. Spark's event log (the
   * driver's listener bus, written to a file) must then show that executor removed, its task attempts
   * failed, and each of them run again and finished on the other executor; the gradient must come out
   * bitwise the same as a run without the fault (TreeSum adds in partition order).
   * The input check is off: it broadcasts rows x 784 doubles to every executor (376 MB for all 60,000
   * rows, more than these 1g test executors hold), and it is not what this test is about.
   */
  @Test
  @Order(2)
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void killedExecutorChangesNothing() throws Exception {
    assumeTrue(Files.isDirectory(FASHION_MNIST),
        FASHION_MNIST + " is missing (Debian package dataset-fashion-mnist, or -Dsparkprop.fashionMnist=DIR)");
    // 12,000 rows, not all 60,000: 48 tasks of 250 rows still keep every executor busy past the kill (16 tasks
    // each, one core), while the one task that reads the rows (run again when the kill loses its map output)
    // and the local baseline read a fifth.
    String[] job = {"check", "--data", FASHION_MNIST.toString(), "--limit", "12000", "--partitions", "48", "--input-check", "false"};
    Set<Long> before = cluster.executors().stream().map(ProcessHandle::pid).collect(Collectors.toSet());

    Path faultOut = runDir.resolve("out-executor-killed");
    Path events = Files.createDirectories(runDir.resolve("events"));
    Submission faulty = submitWithSecret("executor-killed", concat(new String[] {
        "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + events.toUri(),
        "--conf", "spark.eventLog.compress=false"}, concat(job, "--out", faultOut.toString())));
    Victim victim = awaitExecutorRunningATask(faulty, before, Duration.ofMinutes(3));
    lookForTheSecretInCommandLines(faulty); // the driver, both executors and the daemons are up now
    assertTrue(faulty.isAlive(), "the job finished before an executor could be killed");
    victim.process.destroyForcibly(); // kill -9
    victim.process.onExit().get(30, TimeUnit.SECONDS);
    assertTrue(faulty.isAlive(), "the job ended as the executor was killed");
    String victimId = victim.executorId;

    assertEquals(0, awaitWatchingCommandLines(faulty, Duration.ofMinutes(5)), faulty::describe);
    JsonNode report = clusterReport(faultOut);
    assertEquals("pass", report.path("verdict").asText());
    assertEquals(12_000, report.path("rows").asLong());
    assertFalse(executorIds(report).contains(victimId),
        "partitions still credited to killed executor " + victimId + ": " + executorIds(report));

    // What the listener bus saw: the executor lost, its tasks failed and each run again elsewhere.
    EventLog log = EventLog.of(events, report.path("spark").path("application_id").asText());
    Map<String, String> removed = log.removedExecutors();
    assertTrue(removed.containsKey(victimId),
        "the event log " + log.location() + " shows no SparkListenerExecutorRemoved for killed executor " + victimId + ": " + removed);
    List<TaskEnd> ends = log.taskEnds();
    List<TaskEnd> lost = ends.stream().filter(t -> t.executor().equals(victimId) && !t.succeeded()).collect(Collectors.toList());
    assertTrue(lost.stream().anyMatch(t -> t.reason().equals("ExecutorLostFailure")),
        "no task attempt on killed executor " + victimId + " ended in ExecutorLostFailure (it ran " + victim.inFlight
            + " when killed); its failed attempts: " + lost);
    List<String> reruns = new ArrayList<>();
    for (TaskEnd t : lost) {
      List<TaskEnd> later = ends.subList(ends.indexOf(t) + 1, ends.size()).stream()
          .filter(r -> r.stage() == t.stage() && r.index() == t.index()).collect(Collectors.toList());
      Optional<TaskEnd> rerun = later.stream().filter(TaskEnd::succeeded).findFirst();
      assertTrue(rerun.isPresent(), "lost " + t + ", and it never finished afterwards: " + later);
      assertNotEquals(victimId, rerun.get().executor(), "lost " + t + ", then 'rerun' on the killed executor: " + rerun.get());
      assertTrue(rerun.get().attempt() > t.attempt() || rerun.get().stageAttempt() > t.stageAttempt(),
          "lost " + t + ", and what finished it was no new attempt: " + rerun.get());
      reruns.add(t + "\n    then " + later.stream().map(TaskEnd::toString).collect(Collectors.joining("\n    then ")));
    }
    assertTrue(lost.stream().anyMatch(t -> ends.stream().anyMatch(r -> r.stage() == t.stage() && r.index() == t.index()
            && r.stageAttempt() == t.stageAttempt() && r.attempt() >= 1)),
        "no task lost with executor " + victimId + " was launched again as attempt >= 1: " + lost);
    assertEquals(Optional.of("true"), log.sparkProperty("spark.authenticate"), "the driver ran without spark.authenticate");
    assertEquals(Optional.of("true"), log.sparkProperty("spark.network.crypto.enabled"), "the driver ran without RPC encryption");
    System.out.println("killedExecutorChangesNothing: killed executor " + victimId + " (pid " + victim.process.pid()
        + ") while its log showed " + victim.inFlight + " started and not finished; event log: removed executor "
        + victimId + " (" + removed.get(victimId) + "); attempts lost and their re-runs:\n  " + String.join("\n  ", reruns));

    Path cleanOut = runDir.resolve("out-fault-free");
    assertEquals(0, inLocalMode(concat(job, "--out", cleanOut.toString())));
    assertArrayEquals(Files.readAllBytes(cleanOut.resolve("gradients.npz")), Files.readAllBytes(faultOut.resolve("gradients.npz")),
        "gradients.npz after losing executor " + victimId + " differs from the fault-free run");
  }

  /**
   * The submissions without the secret and with a wrong one fail with exit 3 and no output, because
   * the master refused them, not because it was gone: each driver's log shows the master's answer, the
   * master's log shows it refusing them, the master registered no application for them and is still
   * ALIVE with all its workers afterwards, and submissions with the right secret then ran on it: the
   * class's authenticated submissions, each started after the master's log showed both refusals
   * ({@link #startCluster}), each ending in a report whose application the master lists.
   */
  @Test
  @Order(3)
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void submissionsWithoutTheRightSecretAreRefused() throws Exception {
    for (Map.Entry<String, Submission> e : REFUSED.entrySet()) {
      Submission s = e.getValue();
      int code = s.await(Duration.ofMinutes(3));
      assertNotEquals(0, code, s::describe);
      assertNotEquals(1, code, "exit 1 means 'gradients disagree'; a refused submission is a failure (3)\n" + s.describe());
      assertEquals(EXIT_REFUSED, code, () -> e.getKey() + ": a refused submission exits with " + EXIT_REFUSED + "\n" + s.describe());
      Path out = runDir.resolve("out-" + e.getKey());
      assertFalse(Files.exists(out.resolve("_SUCCESS")), e.getKey() + ": a refused run wrote _SUCCESS");
      assertFalse(Files.exists(out.resolve("report.json")), e.getKey() + ": a refused run wrote report.json");
      String stderr = Files.readString(s.stderr, StandardCharsets.UTF_8);
      assertTrue(stderr.contains("All masters are unresponsive"),
          e.getKey() + ": the run failed, but not because the master refused it\n" + s.describe());
      String driverLog = s.driverLog();
      Pattern refusal = REFUSAL_IN_DRIVER_LOG.get(e.getKey());
      assertTrue(refusal.matcher(driverLog).find(),
          e.getKey() + ": the driver's log does not show the master's refusal /" + refusal + "/\n" + s.describe());
      assertFalse(driverLog.contains("Connection refused"), e.getKey() + ": the master was not there\n" + s.describe());
    }

    // The master heard them and said no.
    String masterLog = Files.readString(cluster.masterLog(), StandardCharsets.UTF_8);
    for (Map.Entry<String, Pattern> refusal : REFUSAL_IN_MASTER_LOG.entrySet()) {
      assertTrue(refusal.getValue().matcher(masterLog).find(),
          refusal.getKey() + ": the master's log " + cluster.masterLog() + " shows no refusal /" + refusal.getValue() + "/");
    }
    // It is alive, with all its workers, and registered no application for the refused drivers.
    JsonNode state = cluster.masterState();
    assertEquals("ALIVE", state.path("status").asText(), () -> "master: " + state);
    assertEquals(SharedCluster.HOSTS.size(), state.path("aliveworkers").asInt(), () -> "master: " + state);
    assertEquals(SharedCluster.HOSTS.size(), state.path("workers").size(), () -> "master: " + state);
    for (JsonNode w : state.path("workers")) assertEquals("ALIVE", w.path("state").asText(), () -> "worker " + w);
    Set<String> apps = applicationIds(state);
    assertTrue(apps.containsAll(AUTHENTICATED_APPS), "the master lost track of applications " + AUTHENTICATED_APPS + ": " + apps);
    Set<String> ours = new TreeSet<>(apps);
    ours.removeAll(appsBefore); // other cluster tests' applications on the shared cluster
    assertTrue(ours.size() <= AUTHENTICATED_STARTED.get(), "the master registered " + ours.size() + " applications "
        + ours + " for " + AUTHENTICATED_STARTED.get() + " submissions with the secret: a refused one got in");

    // And the same master, having refused them, ran the submissions with the right secret (each started
    // after both refusals, each with a passing report: the tests above).
    assertFalse(AUTHENTICATED_APPS.isEmpty(), "no submission with the right secret ran after the refusals");
    assertTrue(apps.containsAll(AUTHENTICATED_APPS), "the master has not the applications " + AUTHENTICATED_APPS + ": " + apps);
    System.out.println("submissionsWithoutTheRightSecretAreRefused: refused exits " + REFUSED.keySet() + " = " + EXIT_REFUSED
        + "; master ALIVE with " + SharedCluster.HOSTS.size() + " ALIVE workers and applications " + apps
        + "; after the refusals it ran " + AUTHENTICATED_APPS + " with the right secret");
  }

  /**
   * The secret is in no file the run wrote but the private properties files made to hold it (driver
   * and daemon logs, executor logs, the event log, outputs), in no command line seen while jobs ran
   * (ps), and in nothing this JVM printed or holds as a system property (what surefire's reports
   * record besides failures, which {@link RedactFailures} covers).
   */
  @Test
  @Order(4)
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void theSecretAppearsInNoLogOutputOrCommandLine() throws Exception {
    for (Submission s : STARTED) s.await(Duration.ofMinutes(1));
    List<String> leaks = new ArrayList<>();
    byte[] needle = secret.getBytes(StandardCharsets.ISO_8859_1);
    long scanned;
    try (Stream<Path> files = Files.walk(runDir)) {
      List<Path> all = files.filter(Files::isRegularFile).filter(f -> !SECRET_FILES.contains(f)).collect(Collectors.toList());
      scanned = all.size();
      for (Path f : all) {
        if (contains(Files.readAllBytes(f), needle)) leaks.add(runDir.relativize(f).toString());
      }
    }
    assertTrue(scanned > 10, "only " + scanned + " files to search in " + runDir);
    assertEquals(List.of(), leaks, "files that hold the cluster secret");
    for (Path f : SECRET_FILES) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f + " holds the secret");
    }
    assertTrue(COMMAND_LINES_SEEN.get() > 0, "no command line was looked at");
    assertEquals(List.of(), COMMAND_LINES_WITH_SECRET, "command lines that held the cluster secret (redacted here)");
    assertFalse(Submission.showsASecret(System.getProperties().toString()), "a system property holds the cluster secret");
    String printed;
    synchronized (JVM_OUTPUT) {
      printed = JVM_OUTPUT.toString(StandardCharsets.UTF_8);
    }
    assertFalse(Submission.showsASecret(printed), "this JVM printed the cluster secret");
    System.out.println("theSecretAppearsInNoLogOutputOrCommandLine: searched " + scanned + " files, "
        + COMMAND_LINES_SEEN.get() + " command lines and " + printed.length() + " characters of this JVM's output");
  }

  // ------------------------------------------------------------------------------------------------

  /** An executor JVM picked to be killed, and the task its log showed running then. */
  private record Victim(ProcessHandle process, String executorId, String inFlight) {}

  private static final Pattern RUNNING_TASK = Pattern.compile("Running task (\\S+) in stage (\\S+) \\(TID (\\d+)\\)");
  private static final Pattern FINISHED_TASK = Pattern.compile("Finished task \\S+ in stage \\S+ \\(TID (\\d+)\\)");

  /**
   * The first executor of the submission's application (not among {@code before}) that has finished
   * two tasks and, per its log, has started another one that has not finished: a task is running in
   * it. With one core per executor and 48 partitions, more tasks are queued behind that one.
   */
  private static Victim awaitExecutorRunningATask(Submission s, Set<Long> before, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<Long, ExecutorLog> logs = new HashMap<>();
    while (System.nanoTime() < deadline) {
      if (!s.isAlive()) fail("the job ended before an executor ran a task\n" + s.describe());
      for (ProcessHandle e : cluster.executors()) {
        if (before.contains(e.pid())) continue;
        ExecutorLog log = logs.get(e.pid());
        if (log == null) {
          Optional<Path> path = cluster.executorLog(e);
          if (path.isEmpty()) continue;
          log = new ExecutorLog(path.get());
          logs.put(e.pid(), log);
        }
        log.readNewLines();
        if (log.finished >= 2 && !log.running.isEmpty()) {
          String id = StandaloneCluster.executorArgument(e, "--executor-id").orElse("?");
          return new Victim(e, id, log.running.values().iterator().next());
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no executor of the job ran a task within " + timeout + "\n" + s.describe());
  }

  /** An executor's log read as it grows: the tasks started and not finished, and how many finished. */
  private static final class ExecutorLog {
    final Path file;
    long offset;
    final StringBuilder partial = new StringBuilder();
    final Map<Long, String> running = new TreeMap<>();
    int finished;

    ExecutorLog(Path file) {
      this.file = file;
    }

    void readNewLines() throws IOException {
      byte[] bytes;
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
        long length = f.length();
        if (length <= offset) return;
        bytes = new byte[(int) (length - offset)];
        f.seek(offset);
        f.readFully(bytes);
        offset = length;
      }
      partial.append(new String(bytes, StandardCharsets.UTF_8));
      int newline;
      while ((newline = partial.indexOf("\n")) >= 0) {
        String line = partial.substring(0, newline);
        partial.delete(0, newline + 1);
        Matcher m = RUNNING_TASK.matcher(line);
        if (m.find()) running.put(Long.parseLong(m.group(3)), "task " + m.group(1) + " in stage " + m.group(2) + " (TID " + m.group(3) + ")");
        m = FINISHED_TASK.matcher(line);
        if (m.find() && running.remove(Long.parseLong(m.group(1))) != null) finished++;
      }
    }
  }

  private static JsonNode report(Path out) throws IOException {
    assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")), out + " has no _SUCCESS");
    return JSON.readTree(out.resolve("report.json").toFile());
  }

  private static Set<String> executorIds(JsonNode report) {
    Set<String> ids = new TreeSet<>();
    for (JsonNode p : report.path("partition_table")) ids.add(p.path("executor").asText());
    return ids;
  }

  /** The ids of the applications the master knows, running and completed. */
  private static Set<String> applicationIds(JsonNode masterState) {
    Set<String> ids = new TreeSet<>();
    for (String list : new String[] {"activeapps", "completedapps"}) {
      for (JsonNode app : masterState.path(list)) ids.add(app.path("id").asText());
    }
    return ids;
  }

  /**
   * The command through sparkprop's entry point in this JVM's local[2] context ({@link LocalSpark}): the
   * local-mode baseline the cluster's bytes are compared with, without a second driver JVM.
   */
  private static int inLocalMode(String... args) {
    return Main.run(LocalSpark.context(), args, System.out, System.err);
  }

  private static String[] concat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return true;
    }
    return false;
  }

  /** Copies everything this JVM prints to {@link #JVM_OUTPUT} as well. */
  private static void captureOutput() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
  }

  private static void restoreOutput() {
    if (originalOut != null) System.setOut(originalOut);
    if (originalErr != null) System.setErr(originalErr);
  }

  private static final class Tee extends OutputStream {
    private final OutputStream out;

    Tee(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      synchronized (JVM_OUTPUT) {
        JVM_OUTPUT.write(b);
      }
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      synchronized (JVM_OUTPUT) {
        JVM_OUTPUT.write(b, off, len);
      }
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
