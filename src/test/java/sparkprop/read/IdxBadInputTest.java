package sparkprop.read;

import sparkprop.rows.RowChunk;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkprop.BadInputException;

/**
 * The bad-input catalogue: each malformed dataset gives a one-line {@link BadInputException} that
 * names the file (or folder) and the specific problem.
 */
class IdxBadInputTest {
  private static final int N = 40;
  private static final int H = 4;
  private static final int W = 6;
  private static final Configuration CONF = new Configuration();
  private static final String IMAGES = "train-images-idx3-ubyte";
  private static final String LABELS = "train-labels-idx1-ubyte";

  @TempDir Path dir;

  private IdxFiles.Pair write(boolean gzip) {
    return IdxFiles.write(dir, "train-", H, W, IdxFiles.randomPixels(N, H * W, 3),
        IdxFiles.randomLabels(N, 4), gzip);
  }

  private IdxDataset open() {
    return IdxDataset.open(dir.toString(), CONF);
  }

  private RowChunk readAll() {
    IdxDataset ds = open();
    return ds.read(0, ds.rows(), CONF);
  }

  /** Asserts a one-line BadInputException whose message contains every fragment. */
  private static BadInputException assertBadInput(Executable action, String... fragments) {
    BadInputException e = assertThrows(BadInputException.class, action);
    String msg = e.getMessage();
    assertFalse(msg.contains("\n"), msg);
    for (String f : fragments) assertTrue(msg.contains(f), "expected \"" + f + "\" in: " + msg);
    return e;
  }

  private static String gz(String name, boolean gzip) {
    return gzip ? name + ".gz" : name;
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void wrongImagesMagicNamesTheFileAndTheMagicInHex(boolean gzip) {
    IdxFiles.setMagic(write(gzip).images(), 0x12AB0803);
    assertBadInput(this::open, gz(IMAGES, gzip) + ": ", "wrong magic 0x12AB0803", "0x00000803");
  }

  @Test
  void labelsFileWithImagesMagicIsAWrongNumberOfDimensions() {
    IdxFiles.setMagic(write(false).labels(), 0x00000803);
    assertBadInput(this::open, LABELS + ": ", "wrong number of dimensions", "0x00000803 gives 3",
        "expected 0x00000801");
  }

  @Test
  void imagesFileWithTwoDimensionsIsAWrongNumberOfDimensions() {
    Path images = dir.resolve(IMAGES);
    IdxFiles.writeFile(images, IdxFiles.idx(0x00000802, new int[] {N, H * W},
        IdxFiles.randomPixels(N, H * W, 3)), false);
    IdxFiles.writeLabels(dir, "train-", IdxFiles.randomLabels(N, 4), false);
    assertBadInput(this::open, IMAGES + ": ", "wrong number of dimensions", "0x00000802 gives 2");
  }

  @Test
  void gzippedContentUnderARawNameIsAWrongMagicWithAHint() throws Exception {
    IdxFiles.Pair p = write(true);
    Files.move(p.images(), dir.resolve(IMAGES));
    Files.move(p.labels(), dir.resolve(LABELS));
    assertBadInput(this::open, IMAGES + ": ", "wrong magic 0x1F8B", "looks gzipped");
  }

  @Test
  void nonPositiveSizeNamesTheDimension() {
    IdxFiles.setInt(write(false).images(), 8, 0); // rows (height) = 0
    assertBadInput(this::open, IMAGES + ": ", "non-positive size 0 in dimension 2");
  }

  @Test
  void headerShorterThanItsSizeIsTruncated() {
    write(false);
    IdxFiles.writeFile(dir.resolve(IMAGES), new byte[] {0, 0, 8, 3, 0, 0}, false);
    assertBadInput(this::open, IMAGES + ": ", "truncated: the header needs 16 bytes, found 6");
  }

  @Test
  void truncatedRawImagesFileIsFoundWhenOpening() {
    IdxFiles.truncate(write(false).images(), 5);
    long expected = 16 + (long) N * H * W;
    assertBadInput(this::open, IMAGES + ": ",
        "truncated: expected " + expected + " bytes, found " + (expected - 5));
  }

  @Test
  void truncatedRawLabelsFileIsFoundWhenOpening() {
    IdxFiles.truncate(write(false).labels(), 1);
    assertBadInput(this::open, LABELS + ": ",
        "truncated: expected " + (8 + N) + " bytes, found " + (8 + N - 1));
  }

  @Test
  void rawFileLongerThanItsHeaderHasTrailingBytes() {
    IdxFiles.append(write(false).images(), new byte[3]);
    long expected = 16 + (long) N * H * W;
    assertBadInput(this::open, IMAGES + ": ",
        "trailing bytes: expected " + expected + " bytes, found " + (expected + 3));
  }

  @Test
  void truncatedGzImagesAreFoundWhenTheLastRowsAreRead() {
    IdxFiles.truncate(write(true).images(), 7);
    IdxDataset ds = open(); // .gz sizes are checked when reading
    ds.read(0, N / 2, CONF); // the rows present read fine
    long expected = 16 + (long) N * H * W;
    assertBadInput(() -> ds.read(N / 2, N - N / 2, CONF), IMAGES + ".gz: ",
        "truncated: expected " + expected + " bytes (uncompressed), found " + (expected - 7));
  }

  @Test
  void truncatedGzLabelsAreFoundWhenTheLastRowsAreRead() {
    IdxFiles.truncate(write(true).labels(), 1);
    assertBadInput(this::readAll, LABELS + ".gz: ",
        "truncated: expected " + (8 + N) + " bytes (uncompressed), found " + (8 + N - 1));
  }

  @Test
  void gzContentLongerThanItsHeaderHasTrailingBytes() {
    IdxFiles.append(write(true).labels(), new byte[] {1, 2});
    IdxDataset ds = open();
    ds.read(0, N - 1, CONF); // not reaching the end: not checked
    assertBadInput(() -> ds.read(N - 1, 1, CONF), LABELS + ".gz: ",
        "trailing bytes: expected " + (8 + N) + " bytes (uncompressed), found " + (8 + N + 2));
  }

  @Test
  void flippedBytesInTheMiddleOfTheCompressedDataAreACorruptGzipStream() {
    int size = IdxFiles.gzip(IdxFiles.images(H, W, IdxFiles.randomPixels(N, H * W, 3))).length;
    assertTrue(size > 200, "test data should compress to a few hundred bytes: " + size);
    // Several positions between the 10-byte gzip header and the 8-byte trailer.
    for (int at = 20; at < size - 20; at += 37) {
      Path images = write(true).images();
      IdxFiles.flipStoredByte(images, at);
      assertBadInput(this::readAll, IMAGES + ".gz: ", "corrupt gzip stream: ");
    }
  }

  @Test
  void wrongCrcInTheGzipTrailerIsACorruptGzipStream() {
    IdxFiles.corruptGzipCrc(write(true).labels());
    IdxDataset ds = open();
    ds.read(0, N - 1, CONF); // the trailer is checked only by a range reaching the end
    assertBadInput(() -> ds.read(N - 1, 1, CONF), LABELS + ".gz: ", "corrupt gzip stream: ");
  }

  @Test
  void gzFileCutShortIsACorruptGzipStream() {
    Path images = write(true).images();
    IdxFiles.cutStored(images, (int) images.toFile().length() / 2);
    assertBadInput(this::readAll, IMAGES + ".gz: ", "corrupt gzip stream: ");
  }

  @Test
  void gzNameOnContentThatIsNotGzipIsACorruptGzipStream() {
    write(true);
    IdxFiles.writeFile(dir.resolve(IMAGES + ".gz"),
        IdxFiles.images(H, W, IdxFiles.randomPixels(N, H * W, 3)), false);
    assertBadInput(this::open, IMAGES + ".gz: ", "corrupt gzip stream: ");
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void imagesAndLabelsOfDifferentCountsNameBothFilesAndCounts(boolean gzip) {
    IdxFiles.writeImages(dir, "train-", H, W, IdxFiles.randomPixels(N, H * W, 3), gzip);
    IdxFiles.writeLabels(dir, "train-", IdxFiles.randomLabels(N - 1, 4), gzip);
    assertBadInput(this::open, gz(IMAGES, gzip) + ": holds " + N + " images",
        gz(LABELS, gzip) + " holds " + (N - 1) + " labels");
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void labelOutside0To9NamesTheLabelsFileAndTheRow(boolean gzip) {
    IdxFiles.setByte(write(gzip).labels(), 8 + 17, 12);
    IdxDataset ds = open();
    ds.read(0, 17, CONF);
    ds.read(18, N - 18, CONF);
    assertBadInput(() -> ds.read(10, 10, CONF), gz(LABELS, gzip) + ": row 17: label 12 outside 0-9");
  }

  @Test
  void labelByteAbove127IsReportedUnsigned() {
    IdxFiles.setByte(write(false).labels(), 8, 200);
    assertBadInput(this::readAll, LABELS + ": row 0: label 200 outside 0-9");
  }

  @Test
  void folderWithNoIdxFilesNamesTheFolder() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "no data here");
    assertBadInput(this::open, dir.getFileName().toString(), "no IDX files");
  }

  @Test
  void emptyFolderHasNoIdxFiles() {
    assertBadInput(this::open, dir.getFileName().toString(), "no IDX files");
  }

  @Test
  void missingFolderNamesTheFolder() {
    String missing = dir.resolve("nope").toString();
    assertBadInput(() -> IdxDataset.open(missing, CONF), missing + ": no such folder");
  }

  @Test
  void aLabelsFileGivenAsTheFolderIsNotAFolder() {
    Path labels = write(false).labels();
    assertBadInput(() -> IdxDataset.open(labels.toString(), CONF), ": not a folder", "or an images file");
  }

  @Test
  void imagesWithoutLabelsIsMissingTheLabelsFile() {
    IdxFiles.writeImages(dir, "train-", H, W, IdxFiles.randomPixels(N, H * W, 3), true);
    assertBadInput(this::open, dir.getFileName().toString(), "no *labels-idx1-ubyte[.gz] file");
  }

  @Test
  void twoPairsWithoutATrainPairAreAmbiguous() {
    IdxFiles.write(dir, "a-", H, W, IdxFiles.randomPixels(N, H * W, 3), IdxFiles.randomLabels(N, 4), false);
    IdxFiles.write(dir, "b-", H, W, IdxFiles.randomPixels(N, H * W, 3), IdxFiles.randomLabels(N, 4), false);
    assertBadInput(this::open, dir.getFileName().toString(), "ambiguous", "a-images-idx3-ubyte",
        "b-images-idx3-ubyte");
  }

  @Test
  void rawAndGzCopiesOfTheTrainImagesAreAmbiguous() {
    write(true);
    IdxFiles.writeImages(dir, "train-", H, W, IdxFiles.randomPixels(N, H * W, 3), false);
    assertBadInput(this::open, "ambiguous", IMAGES + ", " + IMAGES + ".gz");
  }
}
