package sparkprop.read;

import sparkprop.rows.RowChunk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading IDX datasets: headers, every range, the bundled sample, URIs and folder layouts. */
class IdxDatasetTest {
  private static final int N = 23;
  private static final int H = 3;
  private static final int W = 5;
  private static final Configuration CONF = new Configuration();

  @TempDir Path dir;

  private final byte[] pixels = IdxFiles.randomPixels(N, H * W, 1);
  private final byte[] labels = IdxFiles.randomLabels(N, 2);

  private IdxDataset small(boolean gzip) {
    IdxFiles.write(dir, "train-", H, W, pixels, labels, gzip);
    return IdxDataset.open(dir.toString(), CONF);
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void headersDescribeTheFiles(boolean gzip) {
    IdxDataset ds = small(gzip);
    assertEquals(N, ds.rows());
    assertEquals(H, ds.height());
    assertEquals(W, ds.width());
    assertEquals(H * W, ds.pixelsPerImage());
    assertEquals(gzip, ds.compressed());
    assertTrue(ds.imagesPath().endsWith("/" + IdxFiles.imagesName("train-", gzip)), ds.imagesPath());
    assertTrue(ds.labelsPath().endsWith("/" + IdxFiles.labelsName("train-", gzip)), ds.labelsPath());
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void everyRangeReadsTheSameBytesAsTheWhole(boolean gzip) {
    IdxDataset ds = small(gzip);
    int m = H * W;
    for (int a = 0; a <= N; a++) {
      for (int b = a; b <= N; b++) {
        RowChunk c = ds.read(a, b - a, CONF);
        String at = "[" + a + ", " + b + ")";
        assertEquals(m, c.width, at);
        assertEquals(b - a, c.count, at);
        assertArrayEquals(Arrays.copyOfRange(pixels, a * m, b * m), c.pixels, at);
        assertArrayEquals(Arrays.copyOfRange(labels, a, b), c.labels, at);
        for (int r = 0; r < c.count; r++) assertEquals(a + r, c.rowIds[r], at);
      }
    }
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void arbitraryPartitionsConcatenateToTheWhole(boolean gzip) {
    IdxDataset ds = small(gzip);
    Random rnd = new Random(7);
    for (int trial = 0; trial < 40; trial++) {
      ByteArrayOutputStream px = new ByteArrayOutputStream();
      ByteArrayOutputStream lb = new ByteArrayOutputStream();
      List<Long> ids = new ArrayList<>();
      int at = 0;
      while (at < N) {
        int len = rnd.nextInt(Math.min(8, N - at) + 1); // empty partitions included
        RowChunk c = ds.read(at, len, CONF);
        px.writeBytes(c.pixels);
        lb.writeBytes(c.labels);
        for (long id : c.rowIds) ids.add(id);
        at += len;
      }
      assertArrayEquals(pixels, px.toByteArray());
      assertArrayEquals(labels, lb.toByteArray());
      for (int r = 0; r < N; r++) assertEquals(r, ids.get(r));
    }
  }

  @Test
  void emptyRangesGiveEmptyChunksWithTheImageWidth() {
    IdxDataset ds = small(true);
    for (int at : new int[] {0, 11, N}) {
      RowChunk c = ds.read(at, 0, CONF);
      assertEquals(0, c.count);
      assertEquals(H * W, c.width);
    }
  }

  @Test
  void rangesOutsideTheDatasetAreRejected() {
    IdxDataset ds = small(false);
    assertThrows(IllegalArgumentException.class, () -> ds.read(-1, 1, CONF));
    assertThrows(IllegalArgumentException.class, () -> ds.read(0, -1, CONF));
    assertThrows(IllegalArgumentException.class, () -> ds.read(N - 2, 3, CONF));
    assertThrows(IllegalArgumentException.class, () -> ds.read(N + 1, 0, CONF));
  }

  @Test
  void gzippedImagesWithRawLabelsReadLikeAllRaw() {
    IdxFiles.writeImages(dir, "", H, W, pixels, true);
    IdxFiles.writeLabels(dir, "", labels, false);
    IdxDataset ds = IdxDataset.open(dir.toString(), CONF);
    assertTrue(ds.compressed());
    RowChunk c = ds.read(0, N, CONF);
    assertArrayEquals(pixels, c.pixels);
    assertArrayEquals(labels, c.labels);
  }

  @Test
  void bundledSampleHas10000DigitsWithKnownLabelCounts() {
    IdxDataset ds = IdxDataset.open("data/mnist-sample", CONF);
    assertEquals(10000, ds.rows());
    assertEquals(28, ds.height());
    assertEquals(28, ds.width());
    assertTrue(ds.compressed());
    RowChunk all = ds.read(0, ds.rows(), CONF);
    int[] counts = new int[10];
    for (byte l : all.labels) counts[l]++;
    assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, counts);
    // A range from the middle is the same bytes as that part of the whole.
    RowChunk mid = ds.read(4321, 1000, CONF);
    assertArrayEquals(Arrays.copyOfRange(all.pixels, 4321 * 784, 5321 * 784), mid.pixels);
    assertArrayEquals(Arrays.copyOfRange(all.labels, 4321, 5321), mid.labels);
  }

  @Test
  void fileUriReadsTheSameAsAPlainPath() {
    small(true);
    IdxDataset plain = IdxDataset.open(dir.toString(), CONF);
    String uri = dir.toUri().toString();
    assertTrue(uri.startsWith("file:"), uri);
    IdxDataset viaUri = IdxDataset.open(uri, CONF);
    assertEquals(plain.rows(), viaUri.rows());
    assertEquals(plain.imagesPath(), viaUri.imagesPath());
    RowChunk a = plain.read(5, 10, CONF);
    RowChunk b = viaUri.read(5, 10, CONF);
    assertArrayEquals(a.pixels, b.pixels);
    assertArrayEquals(a.labels, b.labels);
  }

  @Test
  void folderWithTrainAndTestPairsOpensTheTrainPair() {
    IdxFiles.write(dir, "t10k-", H, W, Arrays.copyOf(pixels, 4 * H * W), Arrays.copyOf(labels, 4), true);
    IdxFiles.write(dir, "train-", H, W, pixels, labels, true);
    IdxDataset ds = IdxDataset.open(dir.toString(), CONF);
    assertEquals(N, ds.rows());
    assertTrue(ds.imagesPath().endsWith("/train-images-idx3-ubyte.gz"), ds.imagesPath());
    assertTrue(ds.labelsPath().endsWith("/train-labels-idx1-ubyte.gz"), ds.labelsPath());
  }

  @Test
  void otherFilesAndSubfoldersAreIgnored() throws IOException {
    small(false);
    Files.writeString(dir.resolve("README"), "hello");
    Files.createDirectories(dir.resolve("t10k-images-idx3-ubyte"));
    assertEquals(N, IdxDataset.open(dir.toString(), CONF).rows());
  }

  @Test
  void installedFashionMnistDebianLayoutOpensTheTrainPair() {
    Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
    assumeTrue(Files.isDirectory(fashion), "Fashion-MNIST not installed");
    IdxDataset ds = IdxDataset.open(fashion.toString(), CONF);
    assertEquals(60000, ds.rows());
    assertEquals(28, ds.height());
    assertEquals(28, ds.width());
    assertTrue(ds.imagesPath().endsWith("/train-images-idx3-ubyte.gz"), ds.imagesPath());
    RowChunk first = ds.read(0, 3, CONF);
    for (byte l : first.labels) assertTrue(l >= 0 && l <= 9);
  }

  @Test
  void datasetSurvivesJavaSerializationAndStillReads() throws Exception {
    IdxDataset ds = small(true);
    IdxDataset copy = roundTrip(ds);
    assertEquals(ds.imagesPath(), copy.imagesPath());
    assertEquals(ds.labelsPath(), copy.labelsPath());
    assertEquals(ds.rows(), copy.rows());
    assertEquals(ds.compressed(), copy.compressed());
    HadoopConf conf = roundTrip(new HadoopConf(CONF));
    assertArrayEquals(pixels, copy.read(0, N, conf.get()).pixels);
  }

  @Test
  void hadoopConfCarriesItsPropertiesThroughSerialization() throws Exception {
    Configuration c = new Configuration();
    c.set("sparkprop.test.key", "value-42");
    HadoopConf copy = roundTrip(new HadoopConf(c));
    assertEquals("value-42", copy.get().get("sparkprop.test.key"));
    assertEquals(c.get("fs.defaultFS"), copy.get().get("fs.defaultFS"));
    assertFalse(copy.get() == c);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
