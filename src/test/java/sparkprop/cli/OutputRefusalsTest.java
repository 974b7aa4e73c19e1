package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.InProcessRun;

/**
 * The output folder's refusals at start, each the shell example of issue 17, through the entry point in
 * this JVM ({@link InProcessRun}, the same parsing, output folder and exit code as {@code ./submit.sh}):
 * nothing a user put anywhere in an earlier output is deleted (item 1); a symbolic link as {@code --out}
 * is refused and kept (item 12). Each is exit 2 and exactly one line; that the real process's stderr
 * holds that line alone is {@link EntryPointIT}'s and {@link OutputLockProcessIT}'s (issue 18.6: these
 * were child runs of {@link OutputProcessIT}).
 */
class OutputRefusalsTest {
  @TempDir Path tmp;

  private static final String DATA = JobProcess.PROJECT.resolve("data/mnist-sample").toString();

  /** {@code [COMMAND] --data SAMPLE --out OUT MORE…}: also {@link OutputProcessIT}'s. */
  static String[] args(String command, Path out, String... more) {
    List<String> a = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command));
    a.addAll(List.of("--data", DATA, "--out", out.toString()));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  /** Exit 2 and exactly one line on stderr, which is {@code line}. */
  private static void assertRefused(InProcessRun p, String line) {
    assertEquals(2, p.exitCode, p.toString());
    assertEquals(List.of(line), p.stderrLines(), p.toString());
  }

  private List<String> beside() throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void filesAUserPutInsideAnEarlierOutputsSubFoldersAreNeverDeleted() throws Exception {
    Path t1 = tmp.resolve("t1");
    InProcessRun first = InProcessRun.of(args("train", t1, "--limit", "500", "--steps", "3")); // set-up, in this JVM
    assertEquals(0, first.exitCode, first.toString());
    Files.writeString(t1.resolve("checkpoints/NOTES.txt"), "notes\n");
    assertRefused(InProcessRun.of(args("train", t1, "--limit", "500", "--steps", "3")), "sparkprop: " + t1 + ": --out refused: it holds"
        + " 'checkpoints/NOTES.txt', which sparkprop did not write; move 'checkpoints/NOTES.txt' away or give another folder");
    assertEquals("notes\n", Files.readString(t1.resolve("checkpoints/NOTES.txt")));

    Path c1 = tmp.resolve("c1");
    InProcessRun check = InProcessRun.of(args("check", c1, "--limit", "500", "--report-png", "true"));
    assertEquals(0, check.exitCode, check.toString());
    Files.writeString(c1.resolve("figures/mine.txt"), "x\n");
    assertRefused(InProcessRun.of(args("", c1, "--limit", "500")), "sparkprop: " + c1 + ": --out refused: it holds 'figures/mine.txt',"
        + " which sparkprop did not write; move 'figures/mine.txt' away or give another folder");
    assertEquals("x\n", Files.readString(c1.resolve("figures/mine.txt")));
    assertEquals(List.of("c1", "t1"), beside(), "no lock, staging or run folder left beside them");
  }

  @Test
  void aSymbolicLinkAsOutIsRefusedInOneLineAndStaysALink() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
    assertRefused(InProcessRun.of(args("", link, "--limit", "100")), "sparkprop: " + link + ": --out refused: it is a symbolic link (to "
        + target + "), which sparkprop would replace rather than write through; give the folder it points to");
    assertTrue(Files.isSymbolicLink(link));
    try (Stream<Path> s = Files.list(target)) {
      assertEquals(0, s.count());
    }
  }
}
