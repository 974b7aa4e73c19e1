package sparkprop.cli;

import sparkprop.InProcessRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sparkprop.cli.TrainArgs.adam;
import static sparkprop.cli.TrainArgs.sgd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./submit.sh train} as a user runs it, in a real process: a run killed with kill -9 and resumed
 * (or retried before its first checkpoint) ends with weights.npz (and weights-best.npz) byte-identical
 * to an uninterrupted run. The killed run is a real process (only a process can be killed with -9 and
 * leave what it leaves: its checkpoints, the lock of a dead process id, a half-written checkpoint); the
 * uninterrupted baselines and the resume that reads what the kill left run through the same entry point
 * in this JVM ({@link InProcessRun}): the claim is about surviving the kill, and a second driver JVM per
 * run adds nothing to it (issue 18.6). Bad input, the early stop's exit 0 and a foreign --resume are in
 * {@link TrainEntryPointTest}.
 */
@Tag("cluster")
class TrainProcessIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path tmp;
  @TempDir static Path shared;
  private static byte[] uninterrupted;

  /** weights.npz of the uninterrupted SGD run, made once in this JVM. */
  private static synchronized byte[] uninterruptedWeights() throws Exception {
    if (uninterrupted == null) {
      Path whole = shared.resolve("whole");
      InProcessRun a = InProcessRun.of(sgd(whole));
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

  /**
   * kill -9 during an Adam run that resumed X's completed output (step 8): {@code --resume X} then takes
   * the killed run's newer checkpoint (step 16 or later) over X's older one, says so in its first progress
   * line, and ends with weights.npz and weights-best.npz byte-identical to an uninterrupted run — m, v, t
   * and the best so far carried over twice, from a committed output and from a killed run's checkpoint.
   * (Issue 18.6: one killed run for what two killed runs proved, the resume to identical weights and the
   * choice of the newest progress.)
   */
  @Test
  void anAdamRunKilledWithKillNineResumesFromItsNewestCheckpointToByteIdenticalWeightsAndBest() throws Exception {
    Path whole = tmp.resolve("whole");
    InProcessRun a = InProcessRun.of(adam(whole));
    assertEquals(0, a.exitCode, a.toString());
    assertTrue(a.stdout.contains("status: completed") && a.stdout.contains("best: step"), a.toString());

    Path out = tmp.resolve("n");
    Path run = tmp.resolve(".n.sparkprop-run");
    InProcessRun older = InProcessRun.of(adam(out, "--steps", "8")); // the completed output, made in this JVM
    assertEquals(0, older.exitCode, older.toString());
    JobProcess.Running b = JobProcess.start(tmp, tmp, adam(out, "--resume", out.toString()));
    awaitFile(b, run.resolve("checkpoints/step-00000016/checkpoint.json"));
    b.killHard();
    assertTrue(Files.isDirectory(run.resolve("checkpoints")), "a killed run keeps its checkpoints");

    InProcessRun c = InProcessRun.of(adam(out, "--resume", out.toString()));
    assertEquals(0, c.exitCode, c.toString());
    String first = c.stdout.lines().findFirst().orElse("");
    assertTrue(first.matches("train: resuming at step (16|20) from \\S*/\\.n\\.sparkprop-run/checkpoints/step-000000(16|20);"
        + " \\S*/n/checkpoints/step-00000008 is older"), c.toString());
    assertArrayEquals(Files.readAllBytes(whole.resolve("weights.npz")), Files.readAllBytes(out.resolve("weights.npz")),
        "the resumed run must end where the uninterrupted one did");
    assertArrayEquals(Files.readAllBytes(whole.resolve("weights-best.npz")), Files.readAllBytes(out.resolve("weights-best.npz")),
        "and keep the same best");
    assertEquals(25, Files.readAllLines(out.resolve("history.csv")).size(), "a header and 24 steps");
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
    JobProcess.Running b = JobProcess.start(tmp, tmp, sgd(out, "--resume", out.toString()));
    Path marker = run.resolve(".sparkprop-run");
    awaitFile(b, marker);
    while (Files.size(marker) == 0 && b.process.isAlive()) Thread.sleep(5); // its one line written
    Path lock = tmp.resolve(".retried.sparkprop-lock");
    long pid = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lock.toFile()).get("pid").asLong();
    b.killHard();
    assertTrue(Files.exists(lock), "a driver killed with kill -9 cannot release its lock");
    assertFalse(Files.exists(run.resolve("checkpoints/step-00000004")), "killed before the first checkpoint");
    Path unfinished = Files.createDirectories(run.resolve("checkpoints/.tmp-0f1e2d3c"));
    Files.write(unfinished.resolve("weights.npz"), new byte[] {'P', 'K', 3}); // what a write killed midway leaves

    InProcessRun c = InProcessRun.of(sgd(out, "--resume", out.toString()));
    assertEquals(0, c.exitCode, c.toString());
    List<String> warnings = c.stderrLines();
    assertEquals(2, warnings.size(), c.toString());
    assertEquals("sparkprop: warning: " + out + ": took over the lock .retried.sparkprop-lock of a run that is gone (train on "
        + java.net.InetAddress.getLocalHost().getHostName() + ", process " + pid + ", since ",
        warnings.get(0).replaceAll("since .*", "since "), c.toString());
    assertTrue(warnings.get(1).startsWith("sparkprop: warning:") && warnings.get(1).contains("starting at step 0"), c.toString());
    assertFalse(Files.exists(lock), "the run that took the lock over releases it");
    assertArrayEquals(uninterruptedWeights(), Files.readAllBytes(out.resolve("weights.npz")));
    try (Stream<Path> kept = Files.list(out.resolve("checkpoints"))) {
      assertEquals(List.of("step-00000004", "step-00000008", "step-00000012", "step-00000016", "step-00000020",
          "step-00000024"), kept.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
