package sparkprop.read;

import sparkprop.rows.RowChunk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sparkprop.read.BadInputAssertions.assertBadInput;
import static sparkprop.read.CostAssertions.assertRefusedCheaply;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PNG folder trees: PIL's grey conversion, and the bad-input catalogue (each problem a one-line
 * BadInputException naming the file or folder and the problem).
 */
class PngBadInputTest {
  private static final Configuration CONF = new Configuration();

  @TempDir Path dir;

  /**
   * Loads Hadoop's configuration and local file system, and javax.imageio's PNG reader, first: the
   * cost tests count the bytes a refusal allocates, not these one-time ones.
   */
  @BeforeAll
  static void warmUp() throws IOException {
    FileSystem.getLocal(CONF).exists(new org.apache.hadoop.fs.Path("/"));
    ImageIO.getImageReadersByFormatName("png").next().dispose();
  }

  private static byte[] ramp(int n, int seed) {
    byte[] b = new byte[n];
    Random rnd = new Random(seed);
    for (int i = 0; i < n; i++) b[i] = (byte) rnd.nextInt(256);
    return b;
  }

  private Path image(String relative, int height, int width, MnistFormats.PngKind kind) {
    Path file = dir.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    MnistFormats.writeImage(MnistFormats.image(ramp(height * width, relative.hashCode()), height, width, kind,
        new Random(1)), file);
    return file;
  }

  private PngFolderSource open() {
    return PngFolderSource.open(dir.toString(), CONF);
  }

  @Test
  void pilLumaMatchesItsIntegerFormula() {
    // PIL: L = (R*19595 + G*38470 + B*7471 + 0x8000) >> 16 (Convert.c, rgb2l).
    assertEquals(0, PngFolderSource.luma(0, 0, 0));
    assertEquals(255, PngFolderSource.luma(255, 255, 255));
    assertEquals(76, PngFolderSource.luma(255, 0, 0));
    assertEquals(150, PngFolderSource.luma(0, 255, 0));
    assertEquals(29, PngFolderSource.luma(0, 0, 255));
    for (int v = 0; v < 256; v++) assertEquals(v, PngFolderSource.luma(v, v, v));
  }

  @Test
  void everyColourTypeConvertsToTheSameGreyBytes() {
    byte[] grey = ramp(6 * 5, 9);
    int k = 0;
    for (MnistFormats.PngKind kind : MnistFormats.PngKind.values()) {
      Path file = dir.resolve("4/" + (k++) + ".png");
      try {
        Files.createDirectories(file.getParent());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      MnistFormats.writeImage(MnistFormats.image(grey, 6, 5, kind, new Random(k)), file);
    }
    PngFolderSource s = open();
    assertEquals(30, s.pixelsPerImage());
    RowChunk c = MnistFormats.readAll(s, 2, CONF);
    for (int r = 0; r < c.count; r++) {
      assertArrayEquals(grey, Arrays.copyOfRange(c.pixels, r * 30, (r + 1) * 30), MnistFormats.PngKind.values()[r].toString());
      assertEquals(4, c.labels[r]);
    }
  }

  @Test
  void twoBitGreyIsScaledAsPilScalesIt() {
    // A 2-bit grey palette image (values 0..3 → 0, 85, 170, 255).
    byte[] levels = {0, (byte) 85, (byte) 170, (byte) 255};
    IndexColorModel cm = new IndexColorModel(2, 4, levels, levels, levels);
    BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY, cm);
    for (int x = 0; x < 4; x++) img.getRaster().setSample(x, 0, 0, x);
    Path file = dir.resolve("2/a.png");
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    MnistFormats.writeImage(img, file);
    RowChunk c = MnistFormats.readAll(open(), 1, CONF);
    assertArrayEquals(levels, c.pixels);
  }

  @Test
  void undecodableFileNamesTheFile() throws IOException {
    image("1/a.png", 4, 4, MnistFormats.PngKind.GREY);
    Path bad = image("1/b.png", 4, 4, MnistFormats.PngKind.GREY);
    Files.write(bad, "this is not an image".getBytes());
    assertBadInput(() -> MnistFormats.readAll(open(), 1, CONF), "1/b.png", "row 1", "not a PNG image");
  }

  @Test
  void truncatedPngNamesTheFile() throws IOException {
    image("1/a.png", 4, 4, MnistFormats.PngKind.GREY);
    Path bad = image("3/b.png", 4, 4, MnistFormats.PngKind.RGB_COLOUR);
    byte[] b = Files.readAllBytes(bad);
    Files.write(bad, Arrays.copyOf(b, b.length / 2));
    assertBadInput(() -> MnistFormats.readAll(open(), 2, CONF), "3/b.png", "row 1", "cannot decode the PNG image");
  }

  @Test
  void firstImageNotAPngIsRefusedWhenOpening() throws IOException {
    Path bad = dir.resolve("0/a.png");
    Files.createDirectories(bad.getParent());
    Files.write(bad, new byte[] {1, 2, 3});
    assertBadInput(this::open, "0/a.png", "not a PNG image");
  }

  @Test
  void imagesOfDifferentSizesAreRefused() {
    image("0/a.png", 28, 28, MnistFormats.PngKind.GREY);
    image("0/b.png", 28, 28, MnistFormats.PngKind.GREY);
    image("7/c.png", 20, 24, MnistFormats.PngKind.RGB_GREY);
    assertBadInput(() -> MnistFormats.readAll(open(), 3, CONF), "7/c.png", "row 2", "image is 24x20 (width x height)",
        "0/a.png is 28x28", "same size");
  }

  /**
   * A small, well-formed PNG whose IHDR declares {@code width × height} 8-bit grey: signature, IHDR,
   * one IDAT holding the first row (all a decoder needs to start), IEND, every CRC right. A few
   * hundred bytes, however large the declared image.
   */
  private Path declaringPng(String relative, int width, int height) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(ihdr);
    h.writeInt(width);
    h.writeInt(height);
    h.write(new byte[] {8, 0, 0, 0, 0}); // 8 bits, grey, deflate, adaptive filtering, not interlaced
    chunk(out, "IHDR", ihdr.toByteArray());
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[width + 1]); // filter byte 0, then one row of zeros
    deflater.finish();
    byte[] idat = new byte[1 << 16];
    int n = deflater.deflate(idat);
    deflater.end();
    chunk(out, "IDAT", Arrays.copyOf(idat, n));
    chunk(out, "IEND", new byte[0]);
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    byte[] name = type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeInt(data.length);
    out.write(name);
    out.write(data);
    out.writeInt((int) crc.getValue());
  }

  /**
   * A 1 KB image declaring 46000×46000 among 28×28 ones is refused from its header: javax.imageio
   * would allocate the 2.1 GB image before reading a pixel. The bound on allocated bytes fails if
   * the decoder gets the file.
   */
  @Test
  void imageDeclaringAHugeSizeIsRefusedFromItsHeaderBeforeDecoding() throws IOException {
    image("0/a.png", 28, 28, MnistFormats.PngKind.GREY);
    image("0/b.png", 28, 28, MnistFormats.PngKind.GREY);
    Path huge = declaringPng("7/c.png", 46000, 46000);
    assertTrue(Files.size(huge) < 1024, "a small file: " + Files.size(huge));
    PngFolderSource source = open();
    assertRefusedCheaply(() -> MnistFormats.readAll(source, 1, CONF), 2000, 32 << 20, "7/c.png: row 2: ",
        "image is 46000x46000 (width x height) by its PNG header", "0/a.png is 28x28", "same size");
  }

  /** The first image sets the size, so its header is held to PngFolderSource.MAX_PIXELS when opening. */
  @Test
  void firstImageDeclaringMoreThanTheLimitIsRefusedWhenOpening() throws IOException {
    declaringPng("0/a.png", 46000, 46000);
    image("1/b.png", 28, 28, MnistFormats.PngKind.GREY);
    assertRefusedCheaply(this::open, 2000, 32 << 20, "0/a.png: PNG header declares 46000x46000 (width x height)",
        "more than " + PngFolderSource.MAX_PIXELS + " pixels", "PngFolderSource.MAX_PIXELS");
  }

  /** The limit is on pixels, not on either side: a long thin image of few pixels is fine. */
  @Test
  void imageWithinThePixelLimitIsRead() throws IOException {
    declaringPng("3/a.png", 4096, 1); // a whole image: its one row is all there is
    PngFolderSource source = open();
    assertEquals(4096, source.pixelsPerImage());
    assertEquals(4096, MnistFormats.readAll(source, 1, CONF).pixels.length);
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"0, 28", "28, 0", "-1, 28"})
  void emptyOrInvalidDeclaredSizeIsRefused(int width, int height) throws IOException {
    declaringPng("0/a.png", width, height);
    assertBadInput(this::open, "0/a.png: PNG header declares an ", width < 0 ? "invalid size" : "empty image");
  }

  @Test
  void labelFolderThatIsNotADigitIsRefused() {
    image("0/a.png", 4, 4, MnistFormats.PngKind.GREY);
    image("ten/b.png", 4, 4, MnistFormats.PngKind.GREY);
    assertBadInput(this::open, "ten", "folder name 'ten' is not a label", "0-9");
  }

  @Test
  void twoDigitFolderIsRefused() {
    image("10/b.png", 4, 4, MnistFormats.PngKind.GREY);
    assertBadInput(this::open, "10", "folder name '10' is not a label");
  }

  @Test
  void emptyFolderTreeIsRefused() throws IOException {
    Files.createDirectories(dir.resolve("0"));
    Files.createDirectories(dir.resolve("1"));
    assertBadInput(this::open, dir.getFileName().toString(), "no .png images");
  }

  @Test
  void otherFileInALabelFolderIsRefusedNotSkipped() throws IOException {
    image("5/a.png", 4, 4, MnistFormats.PngKind.GREY);
    Files.writeString(dir.resolve("5/b.jpg"), "x");
    assertBadInput(this::open, "5/b.jpg", "not a .png image");
  }

  @Test
  void hiddenFilesAndFilesBesideTheLabelFoldersAreNotData() throws IOException {
    image("5/a.png", 4, 4, MnistFormats.PngKind.GREY);
    Files.writeString(dir.resolve("5/.DS_Store"), "x");
    Files.writeString(dir.resolve("README.txt"), "x");
    assertEquals(1, open().rows());
  }

  @Test
  void imageOutsideALabelFolderIsRefused() {
    image("5/a.png", 4, 4, MnistFormats.PngKind.GREY);
    image("stray.png", 4, 4, MnistFormats.PngKind.GREY);
    assertBadInput(this::open, "stray.png", "image outside a label folder");
  }

  @Test
  void sixteenBitImagesAreRefused() {
    BufferedImage img = new BufferedImage(3, 3, BufferedImage.TYPE_USHORT_GRAY);
    Path file = dir.resolve("2/deep.png");
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    MnistFormats.writeImage(img, file);
    assertBadInput(() -> MnistFormats.readAll(open(), 1, CONF), "2/deep.png", "16 bits per sample");
  }

  @Test
  void missingRootIsRefused() {
    assertBadInput(() -> PngFolderSource.open(dir.resolve("nope").toString(), CONF), "nope", "no such file or folder");
  }
}
