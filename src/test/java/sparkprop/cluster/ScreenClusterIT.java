package sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
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
import sparkprop.pass.FireDrill;

/**
 * {@code screen} on the run's {@link SharedCluster}, whose three 1-core workers are three hosts to Spark
 * (127.0.0.2, .3 and .4, SPARK_LOCAL_IP per worker), submitted through {@code ./submit.sh} as an operator
 * would. The fault is the documented fire drill naming the host 127.0.0.3 ({@code host=127.0.0.3}), given
 * to the application's executors in their environment ({@code spark.executorEnv.SPARKPROP_FIRE_DRILL}):
 * each executor reads it from its own environment and only the one on 127.0.0.3 applies it; the screen's
 * code never reads it, so it does not know where the fault is. No worker is restarted between cases.
 *
 * <ol>
 *   <li>no fault: every host compared, every comparison bit for bit equal over 5 rounds, exit 0, and a
 *       round costs at most 2.2 × 2 × check's distributed pass on the same data;
 *   <li>an intermittent fault, p = 0.3, on 127.0.0.3: found within the documented 4 rounds, exactly that
 *       host named (suspects.txt, last stdout line, report.html), every disagreement a flipped mantissa
 *       bit (2^39 ulps) of w1 on that host settled by a referee elsewhere, as many as the drill logged,
 *       exit 1;
 *   <li>the drill at p = 0.0001 (it does not fire): this run sees no disagreement on 127.0.0.3, but its
 *       --history record (run 2) makes it suspect, exit 1;
 *   <li>the drill "always" and the executor on 127.0.0.4 killed mid-screen: reported lost, every partition
 *       of every round still compared on two executors, every task on 127.0.0.3 caught, the verdict
 *       exactly that host.
 * </ol>
 */
@Tag("cluster")
@ExtendWith(SharedCluster.Resolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScreenClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FAULTY = "127.0.0.3";
  private static final List<String> HOSTS = SharedCluster.HOSTS;
  /** The bundled sample cut small: the screen's cost is Spark's per-task overhead here, not arithmetic. */
  private static final String[] DATA = {"--limit", "1200", "--partitions", "6"};

  private static SharedCluster shared;
  private static Path runDir;
  private static Path history;
  private static final List<Submission> STARTED = new ArrayList<>();

  @RegisterExtension
  static final TestWatcher FAILURES = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (shared != null) shared.keep();
    }
  };

  @BeforeAll
  static void start(SharedCluster sharedCluster) throws IOException {
    shared = sharedCluster;
    runDir = Files.createDirectories(shared.runDir.resolve("screen"));
    history = runDir.resolve("history");
    assertTrue(HOSTS.contains(FAULTY));
  }

  @AfterAll
  static void stopSubmissions() {
    for (Submission s : STARTED) s.stop();
  }

  /** The fire drill for this application's executors: {@code --conf spark.executorEnv.SPARKPROP_FIRE_DRILL=drill,host=127.0.0.3}. */
  private static String[] drill(String drill) {
    return new String[] {"--conf", "spark.executorEnv." + FireDrill.VARIABLE + "=" + drill + ",host=" + FAULTY};
  }

  /** ./submit.sh --master … [sparkArgs] screen DATA --out OUT args…, started. */
  private static Submission submit(String name, String[] sparkArgs, String... args) throws IOException {
    String[] line = Stream.of(new String[] {"--master", shared.cluster.masterUrl(), "--extra-properties-file",
        shared.driverSecretFile.toString()}, sparkArgs, new String[] {"screen"}, DATA,
        new String[] {"--out", runDir.resolve("out-" + name).toString()}, args).flatMap(Stream::of).toArray(String[]::new);
    Submission s = Submission.start(shared.project, runDir, name, line);
    STARTED.add(s);
    return s;
  }

  /** A screen with --history, awaited; returns its exit code, report and wall time. */
  private static Run screen(String name, String[] sparkArgs, String... args) throws IOException, InterruptedException {
    long t = System.nanoTime();
    Submission s = submit(name, sparkArgs, Stream.concat(Stream.of("--history", history.toString()), Stream.of(args))
        .toArray(String[]::new));
    int code = s.await(Duration.ofMinutes(5));
    return new Run(code, s, runDir.resolve("out-" + name), (System.nanoTime() - t) / 1_000_000);
  }

  private record Run(int exitCode, Submission submission, Path out, long millis) {
    JsonNode report() throws IOException {
      return JSON.readTree(out.resolve("report.json").toFile());
    }

    String lastLine() throws IOException {
      List<String> lines = Files.readAllLines(submission.stdout, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    String describe() {
      return submission.describe();
    }
  }

  private static Set<String> set(JsonNode array) {
    Set<String> out = new TreeSet<>();
    for (JsonNode n : array) out.add(n.asText());
    return out;
  }

  @Test
  @Order(1)
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void withoutAFaultEveryHostAgreesBitForBitOverFiveRounds() throws Exception {
    Run run = screen("healthy", new String[0], "--rounds", "5");
    assertEquals(0, run.exitCode(), run::describe);
    JsonNode r = run.report();
    assertEquals("pass", r.path("verdict").asText(), run::describe);
    assertEquals(Set.copyOf(HOSTS), iterable(r.path("hosts").fieldNames()), "all three hosts took part");
    assertTrue(r.path("distinct_hosts").asBoolean(), "every compared pair on two hosts");
    for (String h : HOSTS) {
      JsonNode host = r.path("hosts").path(h);
      assertTrue(host.path("comparisons").asLong() > 0, h + " was compared: " + host);
      assertEquals(0, host.path("disagreements").asLong(), h + ": " + host);
      assertFalse(host.path("cpu_model").asText().isEmpty());
      for (JsonNode cell : r.path("grid").path(h)) assertEquals("agreed", cell.asText(), h + " in the grid");
    }
    assertEquals(0, r.path("disagreements").size());
    assertEquals(0, r.path("not_screened").size(), "every executor screened: " + r.path("not_screened"));
    assertEquals(0, Files.size(run.out().resolve("suspects.txt")));
    assertTrue(run.lastLine().startsWith("screen: every screened host agreed"), run.lastLine());
    assertTrue(r.path("cost_core_seconds").asDouble() > 0);

    // The cost bound of README "screen": a round's passes cost at most 2.2 × replicas × one check's
    // distributed pass on the same data and partitions (timings_ms.distributed).
    Path checkOut = runDir.resolve("out-check");
    Submission check = Submission.start(shared.project, runDir, "check", Stream.of(new String[] {"--master",
        shared.cluster.masterUrl(), "--extra-properties-file", shared.driverSecretFile.toString(), "check"}, DATA,
        new String[] {"--fd-directions", "0", "--input-check", "false", "--out", checkOut.toString()})
        .flatMap(Stream::of).toArray(String[]::new));
    STARTED.add(check);
    assertEquals(0, check.await(Duration.ofMinutes(4)), check::describe);
    long distributed = JSON.readTree(checkOut.resolve("report.json").toFile()).path("timings_ms").path("distributed").asLong();
    double perRound = r.path("timings_ms").path("rounds").asDouble() / 5;
    System.err.println("screen healthy: 5 rounds, " + run.millis() + " ms wall, " + r.path("cost_core_seconds")
        + " core-s, " + perRound + " ms a round; check's distributed pass " + distributed + " ms");
    assertTrue(perRound <= 2.2 * 2 * Math.max(distributed, 1), perRound + " ms a round against check's " + distributed + " ms");
  }

  /**
   * An intermittent fault, p = 0.3 per task: with t tasks a round on the bad executor, R rounds find it
   * with probability 1 − (1 − p)^(t·R) (README "screen"); here t = 6 partitions × 2 replicas / 3 executors
   * = 4, and R = 4 rounds make it 1 − 0.7^16 ≥ 0.996. The drill's draws are seeded, so this run is
   * repeatable. Each fired task must be caught and named exactly as a flipped bit on that host.
   */
  @Test
  @Order(2)
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void anIntermittentFaultOnOneHostIsFoundWithinTheDocumentedRoundsAndNamesExactlyThatHost() throws Exception {
    Run run = screen("intermittent", drill("p=0.3,seed=7"), "--rounds", "4");
    assertEquals(1, run.exitCode(), run::describe);
    assertEquals("suspect: " + FAULTY, run.lastLine(), run::describe);
    assertEquals(FAULTY + "\n", Files.readString(run.out().resolve("suspects.txt")));
    JsonNode r = run.report();
    assertEquals(Set.of(FAULTY), set(r.path("suspects")));
    JsonNode faulty = r.path("hosts").path(FAULTY);
    long disagreements = faulty.path("disagreements").asLong();
    long tasks = faulty.path("tasks").asLong();
    assertTrue(disagreements > 0 && disagreements < tasks, "an intermittent fault: " + disagreements + " of " + tasks);
    assertEquals(flipsLogged(r), disagreements, "every task in which the drill fired (its executor's log) was caught");
    for (JsonNode f : r.path("disagreements")) {
      assertEquals(FAULTY, f.path("host").asText(), f.toString());
      assertFalse(f.path("undecided").asBoolean(), f.toString());
      assertEquals("w1", f.path("tensor").asText());
      assertEquals(1L << 39, f.path("ulps").asLong(), "one flipped mantissa bit (39): " + f);
      assertTrue(f.path("bitwise").asBoolean());
      assertFalse(f.path("referee").asText().contains(FAULTY), "refereed elsewhere: " + f);
    }
    for (String h : HOSTS) {
      if (h.equals(FAULTY)) continue;
      assertEquals(0, r.path("hosts").path(h).path("disagreements").asLong(), h + " is healthy");
      assertFalse(r.path("hosts").path(h).path("suspect").asBoolean());
    }
    String html = Files.readString(run.out().resolve("report.html"));
    assertTrue(html.contains("class=\"cell disagreed\"") && html.contains("Suspect: <b>" + FAULTY + "</b>"), "report.html's grid");
    System.err.println("screen intermittent drill: 4 rounds, " + run.millis() + " ms wall, " + r.path("cost_core_seconds")
        + " core-s, " + disagreements + " of " + tasks + " tasks on " + FAULTY + " caught");
  }

  @Test
  @Order(3)
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void theHistoryKeepsAHostSuspectInARunWhereItsFaultDidNotFire() throws Exception {
    Run run = screen("history", drill("p=0.0001,seed=1"), "--rounds", "1", "--suspect-after", "1");
    assertEquals(1, run.exitCode(), run::describe);
    JsonNode r = run.report();
    assertEquals(0, r.path("hosts").path(FAULTY).path("disagreements").asLong(), "the fault did not fire in this run");
    assertTrue(r.path("hosts").path(FAULTY).path("comparisons").asLong() > 0);
    assertEquals(Set.of(FAULTY), set(r.path("suspects")), "suspect from its record alone");
    assertTrue(r.path("history").path(FAULTY).asText().startsWith("disagreed in 1 of its last 3"), r.path("history").toString());
    assertEquals("suspect: " + FAULTY, run.lastLine());
    try (Stream<Path> files = Files.list(history)) {
      assertEquals(3, files.filter(p -> p.getFileName().toString().startsWith("screen-")).count(), "one file per run");
    }
  }

  /**
   * kill -9 of the executor on 127.0.0.4 while a screen runs (after its second round): the executor is
   * reported lost, the rounds go on with the executors that are left (the worker starts a new one), every
   * partition of every round is still compared on two executors, every task of the drilled host is caught,
   * and the verdict is still exactly that host.
   */
  @Test
  @Order(4)
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void aKilledExecutorIsReportedLostAndTheVerdictStands() throws Exception {
    int rounds = 10;
    Submission s = submit("killed", Stream.concat(Stream.of("--conf", "spark.locality.wait=5s"), Stream.of(drill("always")))
        .toArray(String[]::new), "--rounds", String.valueOf(rounds));
    Path out = runDir.resolve("out-killed");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (s.isAlive() && System.nanoTime() < deadline && !Files.readString(s.stdout).contains("round 2 of " + rounds + " done")) {
      Thread.sleep(50);
    }
    assertTrue(s.isAlive(), "the screen ended before an executor could be killed\n" + s.describe());
    ProcessHandle victim = shared.cluster.executors().stream()
        .filter(h -> StandaloneCluster.executorArgument(h, "--hostname").orElse("").equals("127.0.0.4"))
        .findFirst().orElseThrow(() -> new AssertionError("no executor on 127.0.0.4"));
    String victimId = StandaloneCluster.executorArgument(victim, "--executor-id").orElseThrow();
    victim.destroyForcibly();
    victim.onExit().get(30, TimeUnit.SECONDS);
    int code = s.await(Duration.ofMinutes(5));
    assertEquals(1, code, s::describe);
    JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
    assertTrue(r.path("lost_executors").has(victimId), "executor " + victimId + " reported lost: " + r.path("lost_executors"));
    assertEquals(0, r.path("placement").path("uncompared_partition_rounds").asLong(),
        "every partition of every round compared on two executors: " + r.path("placement"));
    assertEquals(Set.of(FAULTY), set(r.path("suspects")), s::describe);
    for (JsonNode f : r.path("disagreements")) assertEquals(FAULTY, f.path("host").asText(), f.toString());
    JsonNode faulty = r.path("hosts").path(FAULTY);
    assertEquals(faulty.path("tasks").asLong(), faulty.path("disagreements").asLong(), "every task there was wrong and caught");
    assertEquals(flipsLogged(r), faulty.path("disagreements").asLong(), "as many as the drill logged");
    for (String h : HOSTS) {
      if (!h.equals(FAULTY)) assertEquals(0, r.path("hosts").path(h).path("disagreements").asLong(), h + " is healthy");
    }
    System.err.println("screen killed executor " + victimId + ": placement " + r.path("placement") + ", lost "
        + r.path("lost_executors") + ", not screened " + r.path("not_screened"));
  }

  /** The fire drill's flips that the executors of the run's application logged (their stderr in the workers' folders). */
  private static long flipsLogged(JsonNode report) throws IOException {
    String app = report.path("spark").path("application_id").asText();
    try (Stream<Path> files = Files.walk(shared.runDir)) {
      long n = 0;
      for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr") && p.toString().contains("/" + app + "/")).toList()) {
        n += Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> l.contains("SPARKPROP_FIRE_DRILL: flipped")).count();
      }
      return n;
    }
  }

  private static Set<String> iterable(java.util.Iterator<String> it) {
    Set<String> out = new TreeSet<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
