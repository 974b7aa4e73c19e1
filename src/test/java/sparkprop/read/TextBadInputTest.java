package sparkprop.read;

import sparkprop.rows.RowChunk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sparkprop.read.BadInputAssertions.assertBadInput;
import static sparkprop.read.CostAssertions.assertRefusedCheaply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CSV and LibSVM bad-input catalogue: each problem gives a one-line BadInputException naming the
 * file, the line (counted from 1, the header being line 1) and the problem — whichever part reads it.
 */
class TextBadInputTest {
  private static final Configuration CONF = new Configuration();
  private static final String HEADER = "label,pixel0,pixel1,pixel2,pixel3";
  private static final String GOOD = "3,0,12,255,7\n";

  @TempDir Path dir;

  /** Loads Hadoop's configuration and local file system first, so the cost tests do not count them. */
  @BeforeAll
  static void warmUp() throws IOException {
    FileSystem.getLocal(CONF).exists(new org.apache.hadoop.fs.Path("/"));
  }

  private Path csv(String text) {
    return MnistFormats.writeText(dir.resolve("data.csv"), text);
  }

  /** Reads every part of {@code parts}. */
  private static void readAll(RowSource s, int parts) {
    MnistFormats.readAll(s, parts, CONF);
  }

  private static void readCsv(Path file, int parts) {
    readAll(CsvSource.open(file.toString(), 255, CONF), parts);
  }

  // ---------------------------------------------------------------------------------------------
  // CSV.

  @Test
  void goodCsvReads() {
    Path f = csv(HEADER + "\n" + GOOD + "9, 1 ,2,3,4\r\n");
    RowChunk c = MnistFormats.readAll(CsvSource.open(f.toString(), 255, CONF), 2, CONF);
    assertEquals(4, c.width);
    assertArrayEquals(new byte[] {3, 9}, c.labels);
    assertArrayEquals(new byte[] {0, 12, (byte) 255, 7, 1, 2, 3, 4}, c.pixels);
  }

  @Test
  void csvWithoutHeaderIsRefused() {
    Path f = csv(GOOD + GOOD);
    assertBadInput(() -> CsvSource.open(f.toString(), 255, CONF), f.getFileName().toString(), "line 1",
        "missing header", "label,pixel0,...,pixel3", "no header line");
  }

  @Test
  void csvWithADifferentHeaderIsRefused() {
    Path f = csv("label,pixel0,pixel1,px2,pixel3\n" + GOOD);
    assertBadInput(() -> CsvSource.open(f.toString(), 255, CONF), "data.csv", "line 1", "header column 4 is 'px2'",
        "expected 'pixel2'");
  }

  @Test
  void kaggleTestCsvWithoutLabelsIsRefused() {
    Path f = csv("pixel0,pixel1\n0,1\n");
    assertBadInput(() -> CsvSource.open(f.toString(), 255, CONF), "data.csv", "missing header", "has no labels");
  }

  @Test
  void csvFilesOfAFolderMustShareTheHeader() {
    MnistFormats.writeText(dir.resolve("f/a.csv"), HEADER + "\n" + GOOD);
    MnistFormats.writeText(dir.resolve("f/b.csv"), "label,pixel0\n1,2\n");
    assertBadInput(() -> CsvSource.open(dir.resolve("f").toString(), 255, CONF), "b.csv", "line 1",
        "differs from the header of", "a.csv");
  }

  @Test
  void emptyCsvIsRefused() {
    Path f = csv("");
    assertBadInput(() -> CsvSource.open(f.toString(), 255, CONF), "data.csv", "empty file");
  }

  @Test
  void gzippedCsvIsRefusedAsUnsplittable() {
    Path f = MnistFormats.writeText(dir.resolve("train.csv.gz"), "x");
    assertBadInput(() -> CsvSource.open(f.toString(), 255, CONF), "train.csv.gz", "compressed", "decompress");
  }

  @ParameterizedTest(name = "{0} parts")
  @ValueSource(ints = {1, 3, 50})
  void tooFewColumnsNamesTheLine(int parts) {
    Path f = csv(HEADER + "\n" + GOOD + GOOD + "1,2,3,4\n" + GOOD);
    assertBadInput(() -> readCsv(f, parts), "data.csv", "line 4", "4 columns, expected 5 (label and 4 pixels)");
  }

  @ParameterizedTest(name = "{0} parts")
  @ValueSource(ints = {1, 3, 50})
  void tooManyColumnsNamesTheLine(int parts) {
    Path f = csv(HEADER + "\n" + GOOD + "1,2,3,4,5,6,7\n" + GOOD);
    assertBadInput(() -> readCsv(f, parts), "data.csv", "line 3", "7 columns, expected 5");
  }

  @ParameterizedTest(name = "{0} parts")
  @ValueSource(ints = {1, 3, 50})
  void nonNumericValueNamesLineAndColumn(int parts) {
    Path f = csv(HEADER + "\n" + GOOD + "1,2,abc,4,5\n");
    assertBadInput(() -> readCsv(f, parts), "data.csv", "line 3", "column pixel1", "'abc' is not a number");
  }

  @ParameterizedTest(name = "value {0}")
  @ValueSource(strings = {"256", "-1", "1e3", "NaN", "Infinity"})
  void valueOutsideTheByteRangeIsRefusedNotClamped(String value) {
    Path f = csv(HEADER + "\n" + GOOD + GOOD + "1,2,3," + value + ",5\n");
    assertBadInput(() -> readCsv(f, 2), "data.csv", "line 4", "column pixel2", "'" + value + "'");
  }

  @Test
  void valueBetweenGreyLevelsIsRefusedNotRounded() {
    Path f = csv(HEADER + "\n1,2,3,12.5,5\n");
    assertBadInput(() -> readCsv(f, 1), "line 2", "column pixel2", "'12.5' is not one of the 256 grey levels");
  }

  @Test
  void labelOutsideDigitsIsRefused() {
    Path f = csv(HEADER + "\n10,2,3,4,5\n");
    assertBadInput(() -> readCsv(f, 1), "data.csv", "line 2", "column label", "label '10' outside 0-9");
  }

  @Test
  void emptyLineIsRefusedNotSkipped() {
    Path f = csv(HEADER + "\n" + GOOD + "\n" + GOOD);
    assertBadInput(() -> readCsv(f, 1), "data.csv", "line 3", "empty line");
  }

  @Test
  void csvValuesOnAZeroToOneScale() {
    Path f = csv(HEADER + "\n1,0,0.5019608,1,0.0117647\n");
    RowChunk c = MnistFormats.readAll(CsvSource.open(f.toString(), 1, CONF), 1, CONF);
    assertArrayEquals(new byte[] {0, (byte) 128, (byte) 255, 3}, c.pixels);
  }

  // ---------------------------------------------------------------------------------------------
  // LibSVM.

  private Path svm(String text) {
    return MnistFormats.writeText(dir.resolve("data.libsvm"), text);
  }

  private static void readSvm(Path f, int pixels, double pixelMax, int parts) {
    readAll(LibSvmSource.open(f.toString(), pixels, pixelMax, CONF), parts);
  }

  @Test
  void goodLibSvmReadsWithCommentsTabsAndOmittedZeros() {
    Path f = svm("# made by hand\n3 2:12\t4:255 # trailing comment\n5\n  7 1:1 3:2  \n");
    RowChunk c = MnistFormats.readAll(LibSvmSource.open(f.toString(), 4, 255, CONF), 2, CONF);
    assertArrayEquals(new byte[] {3, 5, 7}, c.labels);
    assertArrayEquals(new byte[] {0, 12, 0, (byte) 255, 0, 0, 0, 0, 1, 0, 2, 0}, c.pixels);
  }

  @ParameterizedTest(name = "{0} parts")
  @ValueSource(ints = {1, 3, 50})
  void indexZeroIsRefused(int parts) {
    Path f = svm("1 1:3\n2 0:5 2:3\n");
    assertBadInput(() -> readSvm(f, 4, 255, parts), "data.libsvm", "line 2", "token '0:5'", "index 0",
        "start at 1");
  }

  @Test
  void indexBeyondThePixelsIsRefused() {
    Path f = svm("1 1:3\n1 1:3\n2 3:5 5:3\n");
    assertBadInput(() -> readSvm(f, 4, 255, 2), "data.libsvm", "line 3", "index 5 beyond the 4 pixels");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2 3:1 2:1", "2 3:1 3:1"})
  void indicesNotAscendingAreRefused(String line) {
    Path f = svm("1 1:3\n" + line + "\n");
    assertBadInput(() -> readSvm(f, 4, 255, 1), "data.libsvm", "line 2", "after index 3", "must ascend");
  }

  /** Each malformed token is refused with where (file, line) and what: the token and what is wrong with it. */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "2 3=1        | malformed token '3=1': no ':' (expected index:value)",
      "2 :1         | malformed token ':1': no index before ':' (expected index:value)",
      "2 a:1        | malformed token 'a:1': index 'a' is not a whole number (expected index:value)",
      "2 -1:3       | malformed token '-1:3': index '-1' is not a whole number",
      "2 1.5:3      | malformed token '1.5:3': index '1.5' is not a whole number",
      "2 1:         | token '1:': empty value",
      "2 1:x        | token '1:x': value 'x' is not a number",
      "2 1:3:4      | token '1:3:4': value '3:4' is not a number",
      "2 99999999999999999999:1 | token '99999999999999999999:1': index '99999999999999999999' beyond the 4 pixels",
      "2,1:3        | malformed label: label '2,1:3' is not a number",
  })
  void malformedTokensAreRefusedSayingWhatIsWrong(String line, String problem) {
    Path f = svm("1 1:3\n" + line + "\n");
    assertBadInput(() -> readSvm(f, 4, 255, 1), "data.libsvm: line 2: " + problem);
  }

  @Test
  void malformedTokenMessageQuotesTheToken() {
    Path f = svm("1 1:3\n2 3=1\n");
    assertBadInput(() -> readSvm(f, 4, 255, 1), "data.libsvm", "line 2", "malformed token '3=1'",
        "expected index:value");
  }

  @Test
  void malformedLabelIsRefused() {
    Path f = svm("x 1:3\n");
    assertBadInput(() -> readSvm(f, 4, 255, 1), "data.libsvm", "line 1", "malformed label", "'x' is not a number");
  }

  @Test
  void scaledValueAbovePixelMaxIsRefused() {
    Path f = svm("1 1:0.6\n1 2:1.5\n");
    assertBadInput(() -> readSvm(f, 4, 1, 1), "data.libsvm", "line 2", "value '1.5' outside 0-1");
  }

  @Test
  void rawValuesReadWithPixelMaxOneAreRefused() {
    // The usual mistake: mnist (0-255) read as if it were mnist.scale.
    Path f = svm("1 1:17\n");
    assertBadInput(() -> readSvm(f, 4, 1, 1), "data.libsvm", "line 1", "value '17' outside 0-1");
  }

  @Test
  void emptyLibSvmLineIsRefused() {
    Path f = svm("1 1:3\n\n");
    assertBadInput(() -> readSvm(f, 4, 255, 1), "data.libsvm", "line 2", "empty line");
  }
  // ---------------------------------------------------------------------------------------------
  // Lines too long to be rows.

  /** Writes {@code start}, then {@code length} bytes of {@code fill} with no newline, a MiB at a time. */
  private Path endlessLine(String name, String start, long length, char fill) throws IOException {
    Path file = dir.resolve(name);
    byte[] block = new byte[1 << 20];
    java.util.Arrays.fill(block, (byte) fill);
    try (java.io.OutputStream out = Files.newOutputStream(file)) {
      out.write(start.getBytes(StandardCharsets.US_ASCII));
      for (long done = 0; done < length; done += block.length) out.write(block, 0, (int) Math.min(block.length, length - done));
    }
    return file;
  }

  /**
   * A 100 MB line is refused once maxLineBytes() (here 1 MiB, the least for any data) are buffered,
   * never read whole: the bound on allocated bytes (16 MiB) fails if lines may grow to 64 MiB, or
   * without end.
   */
  @ParameterizedTest(name = "{0} parts")
  @ValueSource(ints = {1, 3})
  void csvLineOf100MegabytesIsRefusedAfterAMebibyte(int parts) throws IOException {
    Path f = endlessLine("data.csv", HEADER + "\n" + GOOD + "1,", 100L << 20, '7');
    CsvSource source = CsvSource.open(f.toString(), 255, CONF);
    assertEquals(TextSource.MIN_LINE_LIMIT, source.maxLineBytes());
    long at = HEADER.length() + 1 + GOOD.length();
    assertRefusedCheaply(() -> readAll(source, parts), 2000, 16 << 20, "data.csv: line at byte " + at
        + " is longer than " + TextSource.MIN_LINE_LIMIT + " bytes");
  }

  /** The same for LibSVM, whose comments are the one place a long line could hide. */
  @Test
  void libSvmCommentOf100MegabytesIsRefusedAfterAMebibyte() throws IOException {
    Path f = endlessLine("data.libsvm", "1 1:3\n2 2:5 # ", 100L << 20, 'x');
    LibSvmSource source = LibSvmSource.open(f.toString(), 4, 255, CONF);
    assertRefusedCheaply(() -> readAll(source, 1), 2000, 16 << 20, "data.libsvm: line at byte 6 is longer than "
        + TextSource.MIN_LINE_LIMIT + " bytes");
  }

  /** The line limit grows with the row: 64 bytes per value, so wide rows of long decimals still read. */
  @Test
  void lineLimitGrowsWithThePixelsOfARow() throws IOException {
    int pixels = 40_000; // 2.56 MB allowed: more than the 1 MiB floor
    StringBuilder line = new StringBuilder("3");
    for (int i = 0; i < pixels; i++) line.append(' ').append(i + 1).append(":0.011764705882352941");
    Path f = svm(line + "\n");
    LibSvmSource source = LibSvmSource.open(f.toString(), pixels, 1, CONF);
    assertEquals(TextSource.LINE_BYTES_PER_VALUE * (pixels + 1), source.maxLineBytes());
    assertTrue(line.length() > TextSource.MIN_LINE_LIMIT, "a line longer than the floor: " + line.length());
    assertEquals(3, MnistFormats.readAll(source, 1, CONF).labels[0]);
  }
}
