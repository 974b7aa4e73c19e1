package sparkprop.read;

import sparkprop.rows.RowChunk;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;

/**
 * Converts rows of the bundled IDX sample into the other formats, the ways users hold them: a PNG
 * folder tree ({@code ROOT/LABEL/NNNNN.png}, in several PNG colour types that all convert back to the
 * same grey bytes), Kaggle-style CSV and LibSVM text (raw 0–255, or scaled to [0,1] like LIBSVM's
 * {@code mnist.scale}).
 */
public final class MnistFormats {
  /** The bundled sample: 10,000 MNIST digits of 28×28, IDX gz. */
  public static final String SAMPLE = "data/mnist-sample";
  public static final int SIDE = 28;

  private MnistFormats() {}

  /** The first {@code n} rows of the bundled sample, through {@link IdxDataset}. */
  public static RowChunk sample(int n) {
    Configuration conf = new Configuration();
    return IdxDataset.open(SAMPLE, conf).read(0, n, conf);
  }

  /** Writes the first {@code n} sample rows as an uncompressed IDX pair in {@code folder}. */
  public static Path writeIdx(Path folder, RowChunk rows) {
    mkdirs(folder);
    IdxFiles.write(folder, "train-", SIDE, SIDE, rows.pixels, rows.labels, false);
    return folder;
  }

  /** Every part of {@code parts}, in order, as one chunk (ids as the source gives them). */
  public static RowChunk readAll(RowSource source, int parts, Configuration conf) {
    List<RowChunk> chunks = new ArrayList<>();
    for (int p = 0; p < parts; p++) source.readPart(p, parts, conf).forEachRemaining(chunks::add);
    if (chunks.isEmpty()) {
      return RowChunk.consecutive(source.pixelsPerImage(), new byte[0], new byte[0], 0);
    }
    return RowChunk.concat(source.pixelsPerImage(), chunks);
  }

  // ---------------------------------------------------------------------------------------------
  // PNG.

  /** How row r's image is encoded: its index modulo the number of kinds. */
  public enum PngKind {
    GREY, RGB_GREY, RGB_COLOUR, RGBA, PALETTE
  }

  /**
   * Writes each row as {@code root/LABEL/NNNNN.png} (NNNNN its row index), cycling through the
   * {@link PngKind}s: 8-bit grey; RGB with R = G = B; RGB in colours whose PIL luma is the byte;
   * RGBA with random alpha (which PIL's convert("L") ignores); a palette of coloured entries.
   */
  public static Path writePng(Path root, RowChunk rows, int height, int width) {
    Random rnd = new Random(11);
    for (int r = 0; r < rows.count; r++) {
      Path dir = root.resolve(Integer.toString(rows.labels[r]));
      mkdirs(dir);
      byte[] grey = Arrays.copyOfRange(rows.pixels, r * rows.width, (r + 1) * rows.width);
      PngKind kind = PngKind.values()[r % PngKind.values().length];
      writeImage(image(grey, height, width, kind, rnd), dir.resolve(String.format(Locale.ROOT, "%05d.png", r)));
    }
    return root;
  }

  /** The row indices in the order a PNG tree written by {@link #writePng} lists them. */
  public static int[] pngOrder(RowChunk rows) {
    List<Integer> order = new ArrayList<>();
    for (int r = 0; r < rows.count; r++) order.add(r);
    order.sort(Comparator.<Integer>comparingInt(r -> rows.labels[r]).thenComparingInt(r -> r));
    return order.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The rows in {@code order}, ids 0, 1, … */
  public static RowChunk reorder(RowChunk rows, int[] order) {
    byte[] pixels = new byte[rows.pixels.length];
    byte[] labels = new byte[rows.count];
    for (int k = 0; k < order.length; k++) {
      System.arraycopy(rows.pixels, order[k] * rows.width, pixels, k * rows.width, rows.width);
      labels[k] = rows.labels[order[k]];
    }
    return RowChunk.consecutive(rows.width, pixels, labels, 0);
  }

  public static BufferedImage image(byte[] grey, int height, int width, PngKind kind, Random rnd) {
    switch (kind) {
      case GREY: {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = img.getRaster();
        for (int i = 0; i < grey.length; i++) raster.setSample(i % width, i / width, 0, grey[i] & 0xff);
        return img;
      }
      case RGB_GREY:
      case RGB_COLOUR:
      case RGBA: {
        boolean alpha = kind == PngKind.RGBA;
        BufferedImage img = new BufferedImage(width, height,
            alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < grey.length; i++) {
          int l = grey[i] & 0xff;
          int rgb = kind == PngKind.RGB_GREY ? l << 16 | l << 8 | l : colourWithLuma(l, rnd);
          int a = alpha ? rnd.nextInt(256) : 0xff;
          img.setRGB(i % width, i / width, a << 24 | rgb);
        }
        return img;
      }
      case PALETTE: {
        // Entry k is a colour whose PIL luma is k, so the index is the grey byte.
        byte[] red = new byte[256];
        byte[] green = new byte[256];
        byte[] blue = new byte[256];
        Random palette = new Random(5);
        for (int k = 0; k < 256; k++) {
          int rgb = colourWithLuma(k, palette);
          red[k] = (byte) (rgb >> 16);
          green[k] = (byte) (rgb >> 8);
          blue[k] = (byte) rgb;
        }
        IndexColorModel cm = new IndexColorModel(8, 256, red, green, blue);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, cm);
        WritableRaster raster = img.getRaster();
        for (int i = 0; i < grey.length; i++) raster.setSample(i % width, i / width, 0, grey[i] & 0xff);
        return img;
      }
      default:
        throw new IllegalArgumentException(kind.toString());
    }
  }

  /** A colour (0xRRGGBB, channels not all equal where possible) whose PIL luma is {@code l}. */
  public static int colourWithLuma(int l, Random rnd) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int r = rnd.nextInt(256);
      int b = rnd.nextInt(256);
      long num = (long) l * 65536 - 0x8000 - (long) r * 19595 - (long) b * 7471;
      int g = (int) Math.max(0, -Math.floorDiv(-num, 38470L));
      if (g <= 255 && PngFolderSource.luma(r, g, b) == l) return r << 16 | g << 8 | b;
    }
    return l << 16 | l << 8 | l;
  }

  public static void writeImage(BufferedImage img, Path file) {
    try {
      if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("no PNG writer for " + img);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Text.

  /** Kaggle's header for m pixels: {@code label,pixel0,…,pixel(m-1)}. */
  public static String csvHeader(int m) {
    StringBuilder b = new StringBuilder("label");
    for (int i = 0; i < m; i++) b.append(",pixel").append(i);
    return b.toString();
  }

  /** Rows {@code [from, to)} as CSV lines (no header, each ending in {@code eol}). */
  public static String csvLines(RowChunk rows, int from, int to, String eol) {
    StringBuilder b = new StringBuilder();
    for (int r = from; r < to; r++) {
      b.append(rows.labels[r]);
      for (int i = 0; i < rows.width; i++) b.append(',').append(rows.pixel(r, i));
      b.append(eol);
    }
    return b.toString();
  }

  /** A Kaggle-style CSV file of all rows. */
  public static Path writeCsv(Path file, RowChunk rows) {
    return writeText(file, csvHeader(rows.width) + "\n" + csvLines(rows, 0, rows.count, "\n"));
  }

  /**
   * Rows {@code [from, to)} as LibSVM lines: raw values 0–255, or with {@code scaled} values v/255
   * printed with 6 significant digits, as LIBSVM's mnist.scale has them (3/255 as 0.0117647).
   */
  public static String libSvmLines(RowChunk rows, int from, int to, boolean scaled) {
    StringBuilder b = new StringBuilder();
    for (int r = from; r < to; r++) {
      b.append(rows.labels[r]);
      for (int i = 0; i < rows.width; i++) {
        int v = rows.pixel(r, i);
        if (v == 0) continue;
        b.append(' ').append(i + 1).append(':');
        if (!scaled) b.append(v);
        else if (v == 255) b.append('1');
        else b.append(String.format(Locale.ROOT, "%.6g", v / 255.0).replaceAll("0+$", ""));
      }
      b.append('\n');
    }
    return b.toString();
  }

  public static Path writeLibSvm(Path file, RowChunk rows, boolean scaled) {
    return writeText(file, libSvmLines(rows, 0, rows.count, scaled));
  }

  public static Path writeText(Path file, String text) {
    try {
      mkdirs(file.getParent());
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.write(text);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
