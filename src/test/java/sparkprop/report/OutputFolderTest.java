package sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.BadInputException;

/** The output folder is replaced whole or not at all, and a complete one ends with _SUCCESS. */
class OutputFolderTest {
  @TempDir Path tmp;

  private long entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void aCommittedRunReplacesTheOldFolderAndEndsWithSuccess() throws IOException {
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("old.txt"), "old");
    OutputFolder folder = OutputFolder.prepare(out.toString(), new Configuration());
    folder.write("report.json", "{}".getBytes());
    assertTrue(Files.exists(out.resolve("old.txt")), "the old folder stays until commit");
    folder.commit();
    assertFalse(Files.exists(out.resolve("old.txt")));
    assertEquals("{}", Files.readString(out.resolve("report.json")));
    assertTrue(Files.exists(out.resolve(OutputFolder.SUCCESS)));
    assertEquals(1, entries(tmp), "no staging or old folder left beside it");
  }

  @Test
  void anAbandonedRunLeavesThePreviousResultsIntact() throws IOException {
    Path out = tmp.resolve("out");
    OutputFolder first = OutputFolder.prepare(out.toString(), new Configuration());
    first.write("report.json", "first".getBytes());
    first.commit();
    OutputFolder second = OutputFolder.prepare(out.toString(), new Configuration());
    second.write("report.json", "half".getBytes());
    second.abandon();
    assertEquals("first", Files.readString(out.resolve("report.json")));
    assertEquals(1, entries(tmp));
  }

  @Test
  void aPathThatIsAFileIsBadInput() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    assertThrows(BadInputException.class, () -> OutputFolder.prepare(file.toString(), new Configuration()));
  }
}
