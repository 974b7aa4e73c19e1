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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./submit.sh train} as a user runs it, in a real process: a run killed with kill -9 and resumed
 * ends with weights.npz byte-identical to an uninterrupted run; bad input is exit 2 and one line.
 */
class TrainProcessTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path tmp;

  private static String[] args(Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("train", "--data", JobProcess.PROJECT.resolve("data/mnist-sample").toString(),
        "--limit", "3000", "--partitions", "2", "--layers", "784-16-10",
        "--activation", "sigmoid", "--loss", "cross-entropy", "--init", "kaiming", "--steps", "24", "--lr", "0.5",
        "--momentum", "0.9", "--batch-rows", "500", "--checkpoint-every", "4", "--check-every", "8",
        "--out", out.toString()));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  @Test
  void aRunKilledWithKillNineResumesToByteIdenticalWeights() throws Exception {
    Path whole = tmp.resolve("whole");
    JobProcess a = JobProcess.run(tmp, tmp, TIMEOUT, args(whole));
    assertEquals(0, a.exitCode, a.toString());
    assertTrue(a.stdout.contains("status: completed"), a.toString());

    Path killed = tmp.resolve("killed");
    Path run = tmp.resolve(".killed.sparkprop-run");
    JobProcess.Running b = JobProcess.start(tmp, tmp, args(killed));
    Path checkpoint = run.resolve("checkpoints/step-00000008/checkpoint.json");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.exists(checkpoint) && b.process.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
    assertTrue(Files.exists(checkpoint), "no checkpoint at step 8 before the run ended:\n" + b.stdout());
    b.killHard();
    assertFalse(Files.exists(killed), "a killed run must leave no output folder");
    assertTrue(Files.isDirectory(run.resolve("checkpoints")), "a killed run keeps its checkpoints");

    JobProcess c = JobProcess.run(tmp, tmp, TIMEOUT, args(killed, "--resume", killed.toString()));
    assertEquals(0, c.exitCode, c.toString());
    assertTrue(c.stdout.contains("resuming at step"), c.toString());
    assertArrayEquals(Files.readAllBytes(whole.resolve("weights.npz")), Files.readAllBytes(killed.resolve("weights.npz")),
        "the resumed run must end where the uninterrupted one did");
    assertEquals(25, Files.readAllLines(killed.resolve("history.csv")).size(), "a header and 24 steps");
    assertFalse(Files.exists(run), "the committed run leaves no run folder behind");
  }

  @Test
  void badTrainingInputExitsTwoInOneLine() throws Exception {
    Path out = tmp.resolve("o");
    String[][] cases = {
      {"--optimizer", "adam"}, {"--lr", "0"}, {"--steps", "0"}, {"--momentum", "1.5"},
      {"--resume", tmp.toString()}, {"--optimizer", "lbfgs", "--momentum", "0"},
    };
    String[] expected = {"optimizer", "--lr", "--steps", "--momentum", "not a sparkprop training output", "--batch-rows"};
    for (int k = 0; k < cases.length; k++) {
      JobProcess p = JobProcess.run(tmp, tmp, TIMEOUT, args(out, cases[k]));
      assertEquals(2, p.exitCode, p.toString());
      assertEquals(1, p.stderrLines().size(), p.toString());
      assertTrue(p.stderr.contains(expected[k]), "'" + expected[k] + "' in " + p);
      assertFalse(Files.exists(out), "nothing written: " + p);
    }
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
