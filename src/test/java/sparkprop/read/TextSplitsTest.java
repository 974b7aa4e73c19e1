package sparkprop.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line-aligned byte-range splits: for any part count, the parts together deliver every line of every
 * file exactly once, in order, at its true position — however lines straddle the part boundaries.
 */
class TextSplitsTest {
  private static final Configuration CONF = new Configuration();

  @TempDir Path dir;

  private record Line(int file, long offset, String text) {}

  /** Writes files of random lines; returns the lines as they should be read. */
  private List<Line> writeFiles(Random rnd, int files, List<FileStatus> statuses) throws IOException {
    List<Line> lines = new ArrayList<>();
    FileSystem fs = FileSystem.getLocal(CONF);
    for (int f = 0; f < files; f++) {
      StringBuilder b = new StringBuilder();
      int n = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(30); // some empty files
      for (int k = 0; k < n; k++) {
        int len = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(rnd.nextBoolean() ? 5 : 60);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < len; i++) text.append((char) ('a' + rnd.nextInt(26)));
        lines.add(new Line(f, b.length(), text.toString()));
        b.append(text);
        boolean last = k == n - 1;
        if (!last || len == 0 || rnd.nextBoolean()) b.append(rnd.nextInt(3) == 0 ? "\r\n" : "\n");
      }
      Path file = dir.resolve(String.format("f%02d.txt", f));
      Files.write(file, b.toString().getBytes(StandardCharsets.US_ASCII));
      statuses.add(fs.getFileStatus(new org.apache.hadoop.fs.Path(file.toString())));
    }
    return lines;
  }

  private static List<Line> read(TextSplits splits, int part, int parts) {
    List<Line> out = new ArrayList<>();
    splits.forEachLine(part, parts, CONF, (file, offset, line, length) ->
        out.add(new Line(file, offset, new String(line, 0, length, StandardCharsets.US_ASCII))));
    return out;
  }

  @Test
  void everyPartCountReadsEveryLineOnceInOrder() throws IOException {
    Random rnd = new Random(3);
    for (int trial = 0; trial < 20; trial++) {
      List<FileStatus> statuses = new ArrayList<>();
      List<Line> expected = writeFiles(rnd, 1 + rnd.nextInt(4), statuses);
      TextSplits splits = new TextSplits(statuses);
      int[] counts = {1, 2, 3, 5, 7, 13, 64, (int) splits.total() + 5, 1 + rnd.nextInt(300)};
      for (int parts : counts) {
        List<Line> got = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
          List<Line> part = read(splits, p, parts);
          // Each line of part p starts within part p's byte range.
          for (Line l : part) {
            long at = splits.base(l.file()) + l.offset();
            assertEquals(true, at >= splits.partStart(p, parts) && at < splits.partStart(p + 1, parts),
                "trial " + trial + ", part " + p + " of " + parts + ": line at " + at);
          }
          got.addAll(part);
        }
        assertEquals(expected, got, "trial " + trial + ", " + parts + " parts");
      }
      for (FileStatus s : statuses) Files.delete(Path.of(s.getPath().toUri()));
    }
  }

  @Test
  void partStartsSplitTheBytesEvenlyWithoutOverflow() throws IOException {
    Path file = dir.resolve("x.txt");
    Files.writeString(file, "a\n");
    FileStatus s = FileSystem.getLocal(CONF).getFileStatus(new org.apache.hadoop.fs.Path(file.toString()));
    TextSplits splits = new TextSplits(List.of(s));
    assertEquals(0, splits.partStart(0, 3));
    assertEquals(2, splits.partStart(3, 3));
    // A huge byte space: ⌊p·L/P⌋ must not overflow a long.
    FileStatus big = new FileStatus(Long.MAX_VALUE / 2, false, 1, 1, 0, s.getPath());
    TextSplits huge = new TextSplits(List.of(big));
    int parts = 1 << 30;
    assertEquals(java.math.BigInteger.valueOf(Long.MAX_VALUE / 2).multiply(java.math.BigInteger.valueOf(parts - 1))
        .divide(java.math.BigInteger.valueOf(parts)).longValueExact(), huge.partStart(parts - 1, parts));
  }

  @Test
  void lineNumbersCountFromOne() throws IOException {
    Path file = dir.resolve("n.txt");
    Files.writeString(file, "h\nab\r\n\ncd\n");
    assertEquals(1, TextSplits.lineNumber(file.toString(), 0, CONF));
    assertEquals(2, TextSplits.lineNumber(file.toString(), 2, CONF));
    assertEquals(3, TextSplits.lineNumber(file.toString(), 6, CONF));
    assertEquals(4, TextSplits.lineNumber(file.toString(), 7, CONF));
  }
}
