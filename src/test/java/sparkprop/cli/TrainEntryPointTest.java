package sparkprop.cli;

import sparkprop.InProcessRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sparkprop.cli.TrainArgs.base;
import static sparkprop.cli.TrainArgs.sgd;
import static sparkprop.cli.TrainArgs.with;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} through its entry point in this JVM ({@link InProcessRun}): bad training input and
 * misfitting options exit 2 with one line and write nothing; an early stop exits 0 naming its step and
 * the best; resuming another run's output is refused. That the real process carries these exit codes
 * and keeps Spark's logging off stderr is {@link EntryPointIT}'s and {@link TrainProcessIT}'s to show.
 */
class TrainEntryPointTest {
  @TempDir Path tmp;

  @Test
  void badTrainingInputExitsTwoInOneLine() {
    Path out = tmp.resolve("o");
    String[][] cases = {
      sgd(out, "--optimizer", "rmsprop"), sgd(out, "--lr", "0"), sgd(out, "--steps", "0"), sgd(out, "--momentum", "1.5"),
      sgd(out, "--resume", tmp.toString()), sgd(out, "--optimizer", "lbfgs", "--momentum", "0"),
      with(base(out), "--early-stop", "3"), with(base(out), "--optimizer", "lbfgs", "--betas", "0.9,0.99"),
      with(base(out), "--optimizer", "lbfgs", "--lr-schedule", "cosine", "--lr-period", "10", "--lr-min", "0"),
    };
    String[] expected = {"optimizer", "--lr", "--steps", "--momentum", "not a sparkprop training output", "--batch-rows",
      "--early-stop", "--betas", "--lr-schedule"};
    for (int k = 0; k < cases.length; k++) {
      InProcessRun p = InProcessRun.of(cases[k]);
      assertEquals(2, p.exitCode, p.toString());
      assertEquals(1, p.stderrLines().size(), p.toString());
      assertTrue(p.stderr.startsWith("sparkprop: ") && p.stderr.contains(expected[k]), "'" + expected[k] + "' in " + p);
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
    InProcessRun p = InProcessRun.of(with(base(out), "--optimizer", "adam", "--lr", "1e-12", "--split", "train",
        "--eval-every", "1", "--early-stop", "2"));
    assertEquals(0, p.exitCode, p.toString());
    assertTrue(p.stdout.contains("stopped early at step 2 (best at step 0)"), p.toString());
    assertTrue(Files.readString(out.resolve("report.json")).contains("\"status\" : \"stopped_early\""), p.toString());
    assertTrue(Files.exists(out.resolve("weights.npz")) && Files.exists(out.resolve("weights-best.npz")), p.toString());
    assertEquals(3, Files.readAllLines(out.resolve("history.csv")).size(), "a header and steps 0 and 1");
  }

  @Test
  void resumingADifferentRunIsRefused() {
    Path first = tmp.resolve("first");
    InProcessRun a = InProcessRun.of(sgd(first, "--steps", "4"));
    assertEquals(0, a.exitCode, a.toString());
    Path other = tmp.resolve("other");
    InProcessRun b = InProcessRun.of(sgd(other, "--resume", first.toString(), "--lr", "0.25"));
    assertEquals(2, b.exitCode, b.toString());
    assertEquals(1, b.stderrLines().size(), b.toString());
    assertTrue(b.stderr.contains("different run"), b.toString());
    assertFalse(Files.exists(other), "nothing written: " + b);
  }
}
