package sparkprop.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small MNIST-style IDX files for tests, and corrupts them in specific ways.
 *
 * <p>File names follow MNIST: {@code PREFIX + "images-idx3-ubyte"} and
 * {@code PREFIX + "labels-idx1-ubyte"}, plus {@code .gz} when gzipped (e.g. prefix {@code "train-"}
 * or {@code ""}). "Content" means the uncompressed IDX bytes: the content-level helpers decompress a
 * {@code .gz} file, change it and compress it again, so the gzip stream stays valid.
 */
public final class IdxFiles {
  public static final int IMAGES_MAGIC = 0x00000803;
  public static final int LABELS_MAGIC = 0x00000801;

  private IdxFiles() {}

  /** The two files of a dataset. */
  public record Pair(Path images, Path labels) {}

  /**
   * Writes an images file and a labels file into {@code folder}; {@code pixels} holds
   * {@code labels.length} images of {@code height × width} bytes, row after row.
   */
  public static Pair write(Path folder, String prefix, int height, int width, byte[] pixels,
      byte[] labels, boolean gzip) {
    return new Pair(writeImages(folder, prefix, height, width, pixels, gzip),
        writeLabels(folder, prefix, labels, gzip));
  }

  /** Writes {@code pixels.length / (height·width)} images as {@code PREFIX images-idx3-ubyte[.gz]}. */
  public static Path writeImages(Path folder, String prefix, int height, int width, byte[] pixels,
      boolean gzip) {
    return writeFile(folder.resolve(imagesName(prefix, gzip)), images(height, width, pixels), gzip);
  }

  /** Writes {@code labels} as {@code PREFIX labels-idx1-ubyte[.gz]}. */
  public static Path writeLabels(Path folder, String prefix, byte[] labels, boolean gzip) {
    return writeFile(folder.resolve(labelsName(prefix, gzip)), labels(labels), gzip);
  }

  public static String imagesName(String prefix, boolean gzip) {
    return prefix + "images-idx3-ubyte" + (gzip ? ".gz" : "");
  }

  public static String labelsName(String prefix, boolean gzip) {
    return prefix + "labels-idx1-ubyte" + (gzip ? ".gz" : "");
  }

  /** IDX content of an images file. */
  public static byte[] images(int height, int width, byte[] pixels) {
    int m = height * width;
    if (m <= 0 || pixels.length % m != 0) {
      throw new IllegalArgumentException(pixels.length + " pixel bytes for " + height + "x" + width);
    }
    return idx(IMAGES_MAGIC, new int[] {pixels.length / m, height, width}, pixels);
  }

  /** IDX content of a labels file. */
  public static byte[] labels(byte[] labels) {
    return idx(LABELS_MAGIC, new int[] {labels.length}, labels);
  }

  /** Any IDX content: big-endian {@code magic}, then each of {@code dims}, then {@code data}. */
  public static byte[] idx(int magic, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.putInt(magic);
    for (int d : dims) b.putInt(d);
    b.put(data);
    return b.array();
  }

  /** Writes {@code content} to {@code file}, gzipped if asked. */
  public static Path writeFile(Path file, byte[] content, boolean gzip) {
    try {
      Files.write(file, gzip ? gzip(content) : content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] gunzip(byte[] gz) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces a file's content by {@code change(content)}, through gzip if the name ends in .gz. */
  public static void rewrite(Path file, UnaryOperator<byte[]> change) {
    boolean gz = file.getFileName().toString().endsWith(".gz");
    byte[] bytes = readBytes(file);
    writeFile(file, change.apply(gz ? gunzip(bytes) : bytes), gz);
  }

  /** Sets the big-endian int at {@code offset} of the content (0: magic, 4: first size, …). */
  public static void setInt(Path file, int offset, int value) {
    rewrite(file, b -> {
      byte[] c = b.clone();
      ByteBuffer.wrap(c).putInt(offset, value);
      return c;
    });
  }

  /** Sets the magic number. */
  public static void setMagic(Path file, int magic) {
    setInt(file, 0, magic);
  }

  /** Drops the last {@code n} bytes of the content (a gzipped file stays a valid gzip stream). */
  public static void truncate(Path file, int n) {
    rewrite(file, b -> Arrays.copyOf(b, b.length - n));
  }

  /** Appends bytes to the content (a gzipped file stays a valid gzip stream). */
  public static void append(Path file, byte[] extra) {
    rewrite(file, b -> {
      byte[] c = Arrays.copyOf(b, b.length + extra.length);
      System.arraycopy(extra, 0, c, b.length, extra.length);
      return c;
    });
  }

  /** Sets content byte {@code offset} (e.g. a label: header 8 + row). */
  public static void setByte(Path file, int offset, int value) {
    rewrite(file, b -> {
      byte[] c = b.clone();
      c[offset] = (byte) value;
      return c;
    });
  }

  /** Inverts byte {@code offset} of the file as stored (compressed, for a .gz file). */
  public static void flipStoredByte(Path file, int offset) {
    byte[] b = readBytes(file);
    b[offset] ^= (byte) 0xff;
    writeBytes(file, b);
  }

  /** Changes the CRC-32 in the trailer of a gzip file (its last 8 bytes are CRC-32 then ISIZE). */
  public static void corruptGzipCrc(Path gzFile) {
    byte[] b = readBytes(gzFile);
    b[b.length - 8] ^= 0x01;
    writeBytes(gzFile, b);
  }

  /** Cuts the stored file (compressed, for a .gz file) to its first {@code length} bytes. */
  public static void cutStored(Path file, int length) {
    writeBytes(file, Arrays.copyOf(readBytes(file), length));
  }

  /**
   * Deterministic MNIST-like pixels: mostly zeros with random strokes, so that gzip really
   * compresses them (Huffman blocks rather than stored blocks).
   */
  public static byte[] randomPixels(int count, int pixelsPerImage, long seed) {
    Random rnd = new Random(seed);
    byte[] p = new byte[count * pixelsPerImage];
    for (int i = 0; i < p.length; i++) {
      if (rnd.nextInt(4) == 0) p[i] = (byte) (128 + rnd.nextInt(128));
    }
    return p;
  }

  /** Deterministic labels 0–9. */
  public static byte[] randomLabels(int count, long seed) {
    Random rnd = new Random(seed);
    byte[] l = new byte[count];
    for (int i = 0; i < count; i++) l[i] = (byte) rnd.nextInt(10);
    return l;
  }

  public static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void writeBytes(Path file, byte[] b) {
    try {
      Files.write(file, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
