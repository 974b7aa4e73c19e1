package sparkprop.cli;

import sparkprop.InProcessRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output folder's guarantee that needs a run going on, {@code ./submit.sh} in a real process, the
 * shell example of issue 17 item 7: a finished run whose output folder gained a file while it ran is
 * refused at its end (exit 2, one line), kept, and taken up by the same command. The output it starts
 * from and the command that finishes it run through the same entry point in this JVM ({@link
 * InProcessRun}); the refusals at start (items 1 and 12) are {@link OutputRefusalsTest}'s.
 */
@Tag("cluster")
class OutputProcessIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path tmp;

  private static String[] args(String command, Path out, String... more) {
    return OutputRefusalsTest.args(command, out, more);
  }

  private List<String> beside() throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("job-")).sorted().toList();
    }
  }

  @Test
  void aFinishedRunWhoseOutputGainedAFileIsKeptAndTheSameCommandFinishesIt() throws Exception {
    Path ta = tmp.resolve("ta");
    InProcessRun first = InProcessRun.of(args("train", ta, "--limit", "2000", "--steps", "3")); // set-up, in this JVM
    assertEquals(0, first.exitCode, first.toString());
    String[] second = args("train", ta, "--limit", "2000", "--steps", "40", "--checkpoint-every", "10");
    JobProcess.Running b = JobProcess.start(tmp, tmp, second);
    Path run = tmp.resolve(".ta.sparkprop-run");
    while (!Files.isDirectory(run.resolve("checkpoints")) && b.process.isAlive()) Thread.sleep(20);
    Files.writeString(ta.resolve("mine"), "");
    assertTrue(b.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(2, b.process.exitValue(), b.stdout());
    assertEquals(List.of("sparkprop: " + ta + ": --out refused at the end of the run: it holds 'mine', which sparkprop"
        + " did not write; the finished run is kept in .ta.sparkprop-run beside it: move 'mine' away and run the same"
        + " command again"), Files.readAllLines(b.io.resolve("stderr")));
    byte[] finished = Files.readAllBytes(run.resolve("weights.npz"));

    Files.delete(ta.resolve("mine"));
    InProcessRun again = InProcessRun.of(args("train", ta, "--limit", "2000", "--steps", "40", // in this JVM: the
        "--checkpoint-every", "10", "--resume", ta.toString())); // refusal at the end was the process's claim
    assertEquals(0, again.exitCode, again.toString());
    assertArrayEquals(finished, Files.readAllBytes(ta.resolve("weights.npz")), "the run ends where the finished one did");
    assertTrue(Files.isDirectory(ta.resolve("checkpoints/step-00000040")), again.toString());
    assertEquals(List.of("ta"), beside(), "no run folder, old folder or lock left beside it");
  }

}
