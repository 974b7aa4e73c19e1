package sparkprop.cli;

import sparkprop.InProcessRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sparkprop run at a time per {@code --out}, as real processes meet it (issue 17 item 6): of two
 * runs started 1.5 s apart the second is refused at start, exit 2 and one line, and the first completes;
 * a run that fails releases it (that one in this JVM, {@link InProcessRun}: the release is the same code).
 * The other process claims about the lock ride on child runs that exist for their own kind of claim
 * (issue 18.6: one child process per kind): a driver killed with kill -9 leaves a lock that the next run
 * takes over with one warning line naming its process ({@link TrainProcessIT}'s retry after kill -9), and a
 * run stopped by SIGTERM releases it in its shutdown hook ({@link SignalProcessIT}'s SIGTERM to the group). That check and bench are refused the same way while a live run holds the
 * lock is {@link EntryPointRefusalsTest#checkAndBenchAreRefusedWhileALiveRunHoldsTheLock}'s, in this JVM.
 */
@Tag("cluster")
class OutputLockProcessIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final String DATA = JobProcess.PROJECT.resolve("data/mnist-sample").toString();

  @TempDir Path tmp;

  private static String[] train(Path out) {
    return new String[] {"train", "--data", DATA, "--limit", "2000", "--steps", "30", "--checkpoint-every", "5",
        "--out", out.toString()};
  }

  private static Path lock(Path out) {
    return out.resolveSibling("." + out.getFileName() + ".sparkprop-lock");
  }

  @Test
  void ofTwoRunsStartedApartTheSecondIsRefusedAtStartAndTheFirstCompletes() throws Exception {
    Path x = tmp.resolve("x");
    JobProcess.Running first = JobProcess.start(tmp, tmp, train(x));
    Thread.sleep(1500);
    JobProcess second = JobProcess.run(tmp, tmp, TIMEOUT, train(x));
    assertEquals(2, second.exitCode, second.toString());
    assertEquals(1, second.stderrLines().size(), second.toString());
    assertTrue(second.stderr.startsWith("sparkprop: " + x + ": another sparkprop run is writing " + x + " since "),
        second.toString());
    assertTrue(first.process.isAlive(), "the second was refused while the first ran");
    assertTrue(first.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(0, first.process.exitValue(), first.stdout());
    assertEquals("", Files.readString(first.io.resolve("stderr")));
    assertTrue(Files.isDirectory(x.resolve("checkpoints/step-00000030")), "the first run's output, whole");
    assertFalse(Files.exists(lock(x)), "released at the end");

    InProcessRun failed = InProcessRun.of("train", "--data", tmp.resolve("missing").toString(), "--out", x.toString());
    assertEquals(2, failed.exitCode, failed.toString());
    assertFalse(Files.exists(lock(x)), "released on failure");
  }
}
