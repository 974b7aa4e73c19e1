package sparkprop.read;

import sparkprop.rows.RowChunk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first 500 digits of the bundled sample, converted to every format, read back through each
 * format's {@link RowSource} for several part counts: the same pixels and labels in the same order,
 * ids ascending, every row once, and ids that do not depend on the part count.
 */
class FormatsRoundTripTest {
  private static final int N = 500;
  private static final Configuration CONF = new Configuration();
  private static final RowChunk IDX = MnistFormats.sample(N);

  @TempDir static Path dir;
  private static Path png;
  private static Path csv;
  private static Path csvFolder;
  private static Path libsvm;
  private static Path libsvmScaled;
  private static Path libsvmFolder;

  @BeforeAll
  static void convert() {
    png = MnistFormats.writePng(dir.resolve("png"), IDX, MnistFormats.SIDE, MnistFormats.SIDE);
    csv = MnistFormats.writeCsv(dir.resolve("csv/train.csv"), IDX);
    // A folder of two CSV files (read in name order), the second with Windows line ends and a BOM.
    String header = MnistFormats.csvHeader(IDX.width);
    MnistFormats.writeText(dir.resolve("csvs/a.csv"), header + "\n" + MnistFormats.csvLines(IDX, 0, 180, "\n"));
    MnistFormats.writeText(dir.resolve("csvs/b.csv"),
        "\uFEFF" + header + "\r\n" + MnistFormats.csvLines(IDX, 180, N, "\r\n"));
    MnistFormats.writeText(dir.resolve("csvs/README.md"), "not data");
    csvFolder = dir.resolve("csvs");
    libsvm = MnistFormats.writeLibSvm(dir.resolve("svm/mnist.libsvm"), IDX, false);
    libsvmScaled = MnistFormats.writeLibSvm(dir.resolve("scale/mnist.scale.txt"), IDX, true);
    // Spark's output layout: part files without extension, plus _SUCCESS and .crc files.
    MnistFormats.writeText(dir.resolve("spark/part-00000"), MnistFormats.libSvmLines(IDX, 0, 333, false));
    MnistFormats.writeText(dir.resolve("spark/part-00001"), MnistFormats.libSvmLines(IDX, 333, N, false));
    MnistFormats.writeText(dir.resolve("spark/_SUCCESS"), "");
    MnistFormats.writeText(dir.resolve("spark/.part-00000.crc"), "xx");
    libsvmFolder = dir.resolve("spark");
  }

  /** Same rows, in order; ids strictly ascending. */
  static void assertSameRows(RowChunk expected, RowChunk got, String what) {
    assertEquals(expected.width, got.width, what);
    assertEquals(expected.count, got.count, what);
    assertArrayEquals(expected.labels, got.labels, what + ": labels");
    for (int r = 0; r < expected.count; r++) {
      for (int i = 0; i < expected.width; i++) {
        if (expected.pixel(r, i) != got.pixel(r, i)) {
          throw new AssertionError(what + ": row " + r + " pixel " + i + ": expected " + expected.pixel(r, i)
              + ", got " + got.pixel(r, i));
        }
      }
    }
    for (int r = 1; r < got.count; r++) {
      assertTrue(got.rowIds[r] > got.rowIds[r - 1], what + ": ids ascend at row " + r);
    }
  }

  private static void assertReadsAsIdx(RowSource source, RowChunk expected, int parts) {
    RowChunk all = MnistFormats.readAll(source, parts, CONF);
    assertSameRows(expected, all, source + " in " + parts + " parts");
    // Ids are stable: the same as when read as one part.
    RowChunk whole = MnistFormats.readAll(source, 1, CONF);
    assertArrayEquals(whole.rowIds, all.rowIds, "ids in " + parts + " parts");
  }

  @ParameterizedTest(name = "{0} parts")
  @ValueSource(ints = {1, 3, 7, 64, N + 37})
  void pngTreeReadsTheSameDigitsInPathOrder(int parts) {
    PngFolderSource source = PngFolderSource.open(png.toString(), CONF);
    assertEquals(N, source.rows());
    assertEquals(784, source.pixelsPerImage());
    RowChunk all = MnistFormats.readAll(source, parts, CONF);
    assertSameRows(MnistFormats.reorder(IDX, MnistFormats.pngOrder(IDX)), all, "png in " + parts + " parts");
    for (int r = 0; r < N; r++) assertEquals(r, all.rowIds[r]);
  }

  @Test
  void pngTreeCutToItsFirstRowsSpreadsThemOverEveryPart() {
    PngFolderSource source = PngFolderSource.open(png.toString(), CONF);
    assertEquals(N, source.knownRowCount());
    PngFolderSource cut = source.firstRows(40);
    assertEquals(40, cut.knownRowCount());
    RowChunk expected = MnistFormats.reorder(IDX, MnistFormats.pngOrder(IDX));
    RowChunk first = RowChunk.concat(784, java.util.List.of(RowChunk.consecutive(784,
        java.util.Arrays.copyOf(expected.pixels, 40 * 784), java.util.Arrays.copyOf(expected.labels, 40), 0)));
    assertSameRows(first, MnistFormats.readAll(cut, 4, CONF), "first 40");
    for (int p = 0; p < 4; p++) {
      int rows = 0;
      for (java.util.Iterator<RowChunk> it = cut.readPart(p, 4, CONF); it.hasNext(); ) rows += it.next().count;
      assertEquals(10, rows, "part " + p);
    }
  }

  @ParameterizedTest(name = "{0} parts")
  @ValueSource(ints = {1, 3, 7, 64, N + 37})
  void csvFileReadsTheSameDigits(int parts) {
    CsvSource source = CsvSource.open(csv.toString(), 255, CONF);
    assertEquals(784, source.pixelsPerImage());
    assertReadsAsIdx(source, IDX, parts);
  }

  @ParameterizedTest(name = "{0} parts")
  @ValueSource(ints = {1, 3, 7, 64, N + 37})
  void csvFolderReadsItsFilesInNameOrderAsOne(int parts) {
    CsvSource source = CsvSource.open(csvFolder.toString(), 255, CONF);
    assertEquals(2, source.files().size());
    assertReadsAsIdx(source, IDX, parts);
  }

  @ParameterizedTest(name = "{0} parts")
  @ValueSource(ints = {1, 3, 7, 64, N + 37})
  void libSvmFileReadsTheSameDigits(int parts) {
    assertReadsAsIdx(LibSvmSource.open(libsvm.toString(), 784, 255, CONF), IDX, parts);
  }

  @ParameterizedTest(name = "{0} parts")
  @ValueSource(ints = {1, 3, 7, 64, N + 37})
  void scaledLibSvmWithPixelMaxOneReadsTheSameBytes(int parts) {
    assertReadsAsIdx(LibSvmSource.open(libsvmScaled.toString(), 784, 1, CONF), IDX, parts);
  }

  @ParameterizedTest(name = "{0} parts")
  @ValueSource(ints = {1, 3, 7, 64, N + 37})
  void sparkStyleLibSvmFolderReadsItsPartFiles(int parts) {
    LibSvmSource source = LibSvmSource.open(libsvmFolder.toString(), 784, 255, CONF);
    assertEquals(2, source.files().size(), source.files().toString());
    assertReadsAsIdx(source, IDX, parts);
  }

  @Test
  void detectionFindsEachFormatAndTheFactoryReadsIt() {
    Path idx = MnistFormats.writeIdx(dir.resolve("idx"), IDX);
    Object[][] cases = {
        {idx, DataFormat.IDX, 255.0}, {png, DataFormat.PNG, 255.0}, {csv, DataFormat.CSV, 255.0},
        {csv.getParent(), DataFormat.CSV, 255.0}, {csvFolder, DataFormat.CSV, 255.0},
        {libsvm, DataFormat.LIBSVM, 255.0}, {libsvmScaled, DataFormat.LIBSVM, 1.0},
        {libsvm.getParent(), DataFormat.LIBSVM, 255.0},
    };
    for (Object[] c : cases) {
      String where = c[0].toString();
      assertEquals(c[1], RowSources.detect(where, CONF), where);
      RowSource s = RowSources.open(where, null, (Double) c[2], CONF);
      RowChunk expected = c[1] == DataFormat.PNG ? MnistFormats.reorder(IDX, MnistFormats.pngOrder(IDX)) : IDX;
      assertSameRows(expected, MnistFormats.readAll(s, 4, CONF), where);
    }
    // A folder of extensionless part files is LibSVM only when told.
    assertEquals(DataFormat.LIBSVM, DataFormat.parse("LibSVM"));
    assertSameRows(IDX, MnistFormats.readAll(RowSources.open(libsvmFolder.toString(), DataFormat.LIBSVM, 255, CONF),
        5, CONF), "spark folder");
  }

  @Test
  void fileUrisReadTheSameAsPlainPaths() {
    for (Path p : new Path[] {png, csv, libsvm}) {
      String uri = p.toUri().toString();
      assertTrue(uri.startsWith("file:"), uri);
      RowChunk plain = MnistFormats.readAll(RowSources.open(p.toString(), null, 255, CONF), 3, CONF);
      RowChunk viaUri = MnistFormats.readAll(RowSources.open(uri, null, 255, CONF), 3, CONF);
      assertSameRows(plain, viaUri, uri);
      assertArrayEquals(plain.rowIds, viaUri.rowIds, uri);
    }
  }

  @Test
  void smallerPngImagesGiveASmallerModelInput() {
    // The central 20×20 of each digit: m = 400.
    int side = 20;
    int n = 60;
    byte[] pixels = new byte[n * side * side];
    for (int r = 0; r < n; r++) {
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) pixels[(r * side + y) * side + x] = (byte) IDX.pixel(r, (y + 4) * 28 + x + 4);
      }
    }
    RowChunk cropped = RowChunk.consecutive(side * side, pixels, java.util.Arrays.copyOf(IDX.labels, n), 0);
    Path root = MnistFormats.writePng(dir.resolve("png20"), cropped, side, side);
    RowSource source = RowSources.open(root.toString(), null, 255, CONF);
    assertEquals(400, source.pixelsPerImage());
    assertSameRows(MnistFormats.reorder(cropped, MnistFormats.pngOrder(cropped)),
        MnistFormats.readAll(source, 7, CONF), "20x20 png");
  }
}
