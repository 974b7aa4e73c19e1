package sparkprop.cli;

import sparkprop.InProcessRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output folder's guarantees as a user meets them, {@code ./submit.sh} in a real process, each the
 * shell example of issue 17: nothing a user put anywhere in an earlier output is deleted (item 1); a
 * finished run whose output folder gained a file while it ran is kept and taken up by the same command
 * (item 7); a symbolic link as {@code --out} is refused and kept (item 12). The earlier outputs they
 * start from are made through the same entry point in this JVM ({@link InProcessRun}).
 */
@Tag("cluster")
class OutputProcessIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final String DATA = JobProcess.PROJECT.resolve("data/mnist-sample").toString();

  @TempDir Path tmp;

  private static String[] args(String command, Path out, String... more) {
    List<String> a = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command));
    a.addAll(List.of("--data", DATA, "--out", out.toString()));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  private JobProcess run(String command, Path out, String... more) throws Exception {
    return JobProcess.run(tmp, tmp, TIMEOUT, args(command, out, more));
  }

  /** Exit 2 and exactly one line on the real stderr, which is {@code line}. */
  private static void assertRefused(JobProcess p, String line) {
    assertEquals(2, p.exitCode, p.toString());
    assertEquals(List.of(line), p.stderrLines(), p.toString());
  }

  private List<String> beside() throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("job-")).sorted().toList();
    }
  }

  @Test
  void filesAUserPutInsideAnEarlierOutputsSubFoldersAreNeverDeleted() throws Exception {
    Path t1 = tmp.resolve("t1");
    InProcessRun first = InProcessRun.of(args("train", t1, "--limit", "500", "--steps", "3")); // set-up, in this JVM
    assertEquals(0, first.exitCode, first.toString());
    Files.writeString(t1.resolve("checkpoints/NOTES.txt"), "notes\n");
    assertRefused(run("train", t1, "--limit", "500", "--steps", "3"), "sparkprop: " + t1 + ": --out refused: it holds"
        + " 'checkpoints/NOTES.txt', which sparkprop did not write; move 'checkpoints/NOTES.txt' away or give another folder");
    assertEquals("notes\n", Files.readString(t1.resolve("checkpoints/NOTES.txt")));

    Path c1 = tmp.resolve("c1");
    InProcessRun check = InProcessRun.of(args("check", c1, "--limit", "500", "--report-png", "true"));
    assertEquals(0, check.exitCode, check.toString());
    Files.writeString(c1.resolve("figures/mine.txt"), "x\n");
    assertRefused(run("", c1, "--limit", "500"), "sparkprop: " + c1 + ": --out refused: it holds 'figures/mine.txt',"
        + " which sparkprop did not write; move 'figures/mine.txt' away or give another folder");
    assertEquals("x\n", Files.readString(c1.resolve("figures/mine.txt")));
    assertEquals(List.of("c1", "t1"), beside(), "no lock, staging or run folder left beside them");
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
    JobProcess again = JobProcess.run(tmp, tmp, TIMEOUT, args("train", ta, "--limit", "2000", "--steps", "40",
        "--checkpoint-every", "10", "--resume", ta.toString()));
    assertEquals(0, again.exitCode, again.toString());
    assertArrayEquals(finished, Files.readAllBytes(ta.resolve("weights.npz")), "the run ends where the finished one did");
    assertTrue(Files.isDirectory(ta.resolve("checkpoints/step-00000040")), again.toString());
    assertEquals(List.of("ta"), beside(), "no run folder, old folder or lock left beside it");
  }

  @Test
  void aSymbolicLinkAsOutIsRefusedInOneLineAndStaysALink() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
    assertRefused(run("", link, "--limit", "100"), "sparkprop: " + link + ": --out refused: it is a symbolic link (to "
        + target + "), which sparkprop would replace rather than write through; give the folder it points to");
    assertTrue(Files.isSymbolicLink(link));
    try (Stream<Path> s = Files.list(target)) {
      assertEquals(0, s.count());
    }
  }
}
