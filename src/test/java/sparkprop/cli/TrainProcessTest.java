package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./submit.sh train} as a user runs it, in a real process: a run killed with kill -9 and resumed
 * (or retried before its first checkpoint) ends with weights.npz (and weights-best.npz) byte-identical
 * to an uninterrupted run; an early stop is exit 0; bad input is exit 2 and one line.
 */
class TrainProcessTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path tmp;
  @TempDir static Path shared;
  private static byte[] uninterrupted;

  /** weights.npz of the uninterrupted run of {@link #args}, made once for the tests of this class. */
  private static synchronized byte[] uninterruptedWeights() throws Exception {
    if (uninterrupted == null) {
      Path whole = shared.resolve("whole");
      JobProcess a = JobProcess.run(shared, shared, TIMEOUT, args(whole));
      assertEquals(0, a.exitCode, a.toString());
      assertTrue(a.stdout.contains("status: completed"), a.toString());
      uninterrupted = Files.readAllBytes(whole.resolve("weights.npz"));
    }
    return uninterrupted;
  }

  /** Waits until the file exists while the job runs. */
  private static void awaitFile(JobProcess.Running job, Path file) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.exists(file) && job.process.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
    assertTrue(Files.exists(file), file + " never appeared while the run went on:\n" + job.stdout());
  }

  /** The data and the network, without an optimizer's options. */
  private static List<String> base(Path out) {
    return new ArrayList<>(List.of("train", "--data", JobProcess.PROJECT.resolve("data/mnist-sample").toString(),
        "--limit", "3000", "--partitions", "2", "--layers", "784-16-10",
        "--activation", "sigmoid", "--loss", "cross-entropy", "--init", "kaiming", "--steps", "24", "--out", out.toString()));
  }

  private static String[] with(List<String> a, String... more) {
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  /** SGD with momentum on mini-batches, checkpointed every 4 steps. */
  private static String[] args(Path out, String... more) {
    List<String> a = base(out);
    a.addAll(List.of("--lr", "0.5", "--momentum", "0.9", "--batch-rows", "500", "--checkpoint-every", "4", "--check-every", "8"));
    return with(a, more);
  }

  /**
   * Adam on mini-batches with a warm-up and a cosine schedule, keeping the best evaluation on the valid
   * side of the split: everything a resumed run must carry over (m, v, t and the best so far).
   */
  private static String[] adam(Path out, String... more) {
    List<String> a = base(out);
    a.addAll(List.of("--optimizer", "adam", "--lr", "0.01", "--betas", "0.85,0.995", "--lr-schedule", "cosine",
        "--lr-period", "16", "--lr-min", "0.001", "--warmup-steps", "3", "--batch-rows", "500", "--split", "train",
        "--keep-best", "loss", "--eval-every", "4", "--checkpoint-every", "4", "--check-every", "8"));
    return with(a, more);
  }

  @Test
  void anAdamRunKilledWithKillNineResumesToByteIdenticalWeightsAndBest() throws Exception {
    Path whole = tmp.resolve("whole");
    JobProcess a = JobProcess.run(tmp, tmp, TIMEOUT, adam(whole));
    assertEquals(0, a.exitCode, a.toString());
    assertTrue(a.stdout.contains("status: completed") && a.stdout.contains("best: step"), a.toString());

    Path killed = tmp.resolve("killed");
    Path run = tmp.resolve(".killed.sparkprop-run");
    JobProcess.Running b = JobProcess.start(tmp, tmp, adam(killed));
    awaitFile(b, run.resolve("checkpoints/step-00000008/checkpoint.json"));
    b.killHard();
    assertFalse(Files.exists(killed), "a killed run must leave no output folder");
    assertTrue(Files.isDirectory(run.resolve("checkpoints")), "a killed run keeps its checkpoints");

    JobProcess c = JobProcess.run(tmp, tmp, TIMEOUT, adam(killed, "--resume", killed.toString()));
    assertEquals(0, c.exitCode, c.toString());
    assertTrue(c.stdout.contains("resuming at step"), c.toString());
    assertArrayEquals(Files.readAllBytes(whole.resolve("weights.npz")), Files.readAllBytes(killed.resolve("weights.npz")),
        "the resumed run must end where the uninterrupted one did");
    assertArrayEquals(Files.readAllBytes(whole.resolve("weights-best.npz")), Files.readAllBytes(killed.resolve("weights-best.npz")),
        "and keep the same best");
    assertEquals(25, Files.readAllLines(killed.resolve("history.csv")).size(), "a header and 24 steps");
    assertFalse(Files.exists(run), "the committed run leaves no run folder behind");
  }

  /**
   * A scheduler's retry of the same command after a kill -9 before the first checkpoint: {@code --resume X
   * --out X} starts at step 0 with one warning line (besides the one taking over the lock the killed
   * driver left) and ends byte-identical to an uninterrupted run; the unfinished checkpoint write the
   * kill left ({@code .tmp-*}) is not carried into the output.
   */
  @Test
  void aRetryAfterAKillBeforeTheFirstCheckpointStartsOverAndEndsByteIdentical() throws Exception {
    Path out = tmp.resolve("retried");
    Path run = tmp.resolve(".retried.sparkprop-run");
    JobProcess.Running b = JobProcess.start(tmp, tmp, args(out, "--resume", out.toString()));
    Path marker = run.resolve(".sparkprop-run");
    awaitFile(b, marker);
    while (Files.size(marker) == 0 && b.process.isAlive()) Thread.sleep(5); // its one line written
    b.killHard();
    assertFalse(Files.exists(run.resolve("checkpoints/step-00000004")), "killed before the first checkpoint");
    Path unfinished = Files.createDirectories(run.resolve("checkpoints/.tmp-0f1e2d3c"));
    Files.write(unfinished.resolve("weights.npz"), new byte[] {'P', 'K', 3}); // what a write killed midway leaves

    JobProcess c = JobProcess.run(tmp, tmp, TIMEOUT, args(out, "--resume", out.toString()));
    assertEquals(0, c.exitCode, c.toString());
    List<String> warnings = c.stderrLines();
    assertEquals(2, warnings.size(), c.toString());
    assertTrue(warnings.get(0).startsWith("sparkprop: warning:") && warnings.get(0).contains("took over the lock"), c.toString());
    assertTrue(warnings.get(1).startsWith("sparkprop: warning:") && warnings.get(1).contains("starting at step 0"), c.toString());
    assertArrayEquals(uninterruptedWeights(), Files.readAllBytes(out.resolve("weights.npz")));
    try (Stream<Path> kept = Files.list(out.resolve("checkpoints"))) {
      assertEquals(List.of("step-00000004", "step-00000008", "step-00000012", "step-00000016", "step-00000020",
          "step-00000024"), kept.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  /**
   * {@code --resume X} takes the newest progress: here the run folder of a run killed at step 16 or later,
   * over X's completed output at step 8 — and says so in its first progress line.
   */
  @Test
  void resumeTakesTheKilledRunsNewerCheckpointOverTheOlderCompletedOutput() throws Exception {
    Path out = tmp.resolve("n");
    Path run = tmp.resolve(".n.sparkprop-run");
    JobProcess a = JobProcess.run(tmp, tmp, TIMEOUT, args(out, "--steps", "8"));
    assertEquals(0, a.exitCode, a.toString());
    JobProcess.Running b = JobProcess.start(tmp, tmp, args(out, "--resume", out.toString()));
    awaitFile(b, run.resolve("checkpoints/step-00000016/checkpoint.json"));
    b.killHard();

    JobProcess c = JobProcess.run(tmp, tmp, TIMEOUT, args(out, "--resume", out.toString()));
    assertEquals(0, c.exitCode, c.toString());
    String first = c.stdout.lines().findFirst().orElse("");
    assertTrue(first.matches("train: resuming at step (16|20) from \\S*/\\.n\\.sparkprop-run/checkpoints/step-000000(16|20);"
        + " \\S*/n/checkpoints/step-00000008 is older"), c.toString());
    assertArrayEquals(uninterruptedWeights(), Files.readAllBytes(out.resolve("weights.npz")));
  }

  @Test
  void badTrainingInputExitsTwoInOneLine() throws Exception {
    Path out = tmp.resolve("o");
    String[][] cases = {
      args(out, "--optimizer", "rmsprop"), args(out, "--lr", "0"), args(out, "--steps", "0"), args(out, "--momentum", "1.5"),
      args(out, "--resume", tmp.toString()), args(out, "--optimizer", "lbfgs", "--momentum", "0"),
      with(base(out), "--early-stop", "3"), with(base(out), "--optimizer", "lbfgs", "--betas", "0.9,0.99"),
      with(base(out), "--optimizer", "lbfgs", "--lr-schedule", "cosine", "--lr-period", "10", "--lr-min", "0"),
    };
    String[] expected = {"optimizer", "--lr", "--steps", "--momentum", "not a sparkprop training output", "--batch-rows",
      "--early-stop", "--betas", "--lr-schedule"};
    for (int k = 0; k < cases.length; k++) {
      JobProcess p = JobProcess.run(tmp, tmp, TIMEOUT, cases[k]);
      assertEquals(2, p.exitCode, p.toString());
      assertEquals(1, p.stderrLines().size(), p.toString());
      assertTrue(p.stderr.contains(expected[k]), "'" + expected[k] + "' in " + p);
      assertFalse(Files.exists(out), "nothing written: " + p);
    }
  }

  /**
   * An Adam step of 1e-12 changes no prediction, so no evaluation after step 0 is a new best (ties keep
   * the earliest): --early-stop 2 with an evaluation every step stops at step 2, exit 0, both weights written.
   */
  @Test
  void anEarlyStopExitsZeroNamingItsStepAndTheBest() throws Exception {
    Path out = tmp.resolve("early");
    JobProcess p = JobProcess.run(tmp, tmp, TIMEOUT, with(base(out), "--optimizer", "adam", "--lr", "1e-12", "--split", "train",
        "--eval-every", "1", "--early-stop", "2"));
    assertEquals(0, p.exitCode, p.toString());
    assertTrue(p.stdout.contains("stopped early at step 2 (best at step 0)"), p.toString());
    assertTrue(Files.readString(out.resolve("report.json")).contains("\"status\" : \"stopped_early\""), p.toString());
    assertTrue(Files.exists(out.resolve("weights.npz")) && Files.exists(out.resolve("weights-best.npz")), p.toString());
    assertEquals(3, Files.readAllLines(out.resolve("history.csv")).size(), "a header and steps 0 and 1");
  }

  @Test
  void resumingADifferentRunIsRefused() throws Exception {
    Path first = tmp.resolve("first");
    JobProcess a = JobProcess.run(tmp, tmp, TIMEOUT, args(first, "--steps", "4"));
    assertEquals(0, a.exitCode, a.toString());
    Path other = tmp.resolve("other");
    JobProcess b = JobProcess.run(tmp, tmp, TIMEOUT, args(other, "--resume", first.toString(), "--lr", "0.25"));
    assertEquals(2, b.exitCode, b.toString());
    assertTrue(b.stderr.contains("different run"), b.toString());
  }
}
