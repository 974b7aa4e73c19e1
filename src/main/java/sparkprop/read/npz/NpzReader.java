package sparkprop.read.npz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import sparkprop.BadInputException;

/**
 * Reads NumPy {@code .npz} archives as written by {@code np.savez} and {@code np.savez_compressed}:
 * a zip of {@code .npy} entries, stored or deflated, with ZIP64 extra fields (which
 * {@link ZipInputStream} reads). Each entry must hold float64 or float32 values ({@code <f8 >f8 <f4
 * >f4}); Fortran-ordered entries are converted to C order. Nothing is deserialized: headers are parsed
 * as literals and data read through a {@link java.nio.ByteBuffer}.
 *
 * <p>Every problem with the bytes is a {@link BadInputException} with a one-line message naming the
 * file, the entry and the problem, e.g. {@code params.npz: entry w1.npy: unsupported dtype '<i8'
 * (expected float64 or float32)}. Shapes are not checked against any model: that is the caller's job.
 *
 * <p>Limitation: a stored (uncompressed) entry followed by a data descriptor, which Python's zipfile
 * writes only when its output is not seekable, cannot be read by {@link ZipInputStream} and is reported
 * as a corrupt archive.
 */
public final class NpzReader {
  private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};
  private static final byte[] END_OF_CENTRAL_DIRECTORY = {'P', 'K', 5, 6};
  private static final int END_RECORD_LENGTH = 22;
  private static final String NPY_SUFFIX = ".npy";

  private NpzReader() {}

  /**
   * Reads every array of an {@code .npz} archive. The whole stream is read into memory; it is not
   * closed.
   *
   * @param in the archive's bytes
   * @param fileName the file's name, for error messages
   * @return the arrays in archive order, keyed by entry name without the {@code .npy} suffix
   * @throws BadInputException if the stream is not a complete zip archive or an entry is not a float64
   *     or float32 {@code .npy} array
   * @throws UncheckedIOException if reading the stream itself fails
   */
  public static Map<String, NpyArray> read(InputStream in, String fileName) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(fileName, "fileName");
    byte[] bytes;
    try {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(fileName + ": cannot read (" + describe(e) + ")", e);
    }
    checkIsCompleteZip(bytes, fileName);
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
      while (true) {
        ZipEntry entry = nextEntry(zip, fileName);
        if (entry == null) break;
        if (entry.isDirectory()) continue;
        String key = arrayName(entry.getName());
        if (arrays.containsKey(key)) {
          throw BadInputException.inFile(fileName, "entry " + entry.getName() + ": duplicate array name '" + key + "'");
        }
        arrays.put(key, readNpy(zip, entry.getName(), fileName));
        drain(zip, entry.getName(), fileName);
      }
    } catch (IOException e) { // closing an in-memory stream
      throw new UncheckedIOException(e);
    }
    return arrays;
  }

  /**
   * Reads one {@code .npy} array (versions 1.0, 2.0, 3.0) from the current position of a stream,
   * leaving the stream after the array's data. The stream is not closed.
   *
   * @param in the {@code .npy} bytes, e.g. a {@link ZipInputStream} positioned at an entry
   * @param entryName the entry's name, e.g. {@code w1.npy}; the array's name is this without
   *     {@code .npy}
   * @param fileName the containing file's name, for error messages
   * @throws BadInputException for a bad magic, a malformed header, an unsupported dtype or truncated
   *     data
   */
  public static NpyArray readNpy(InputStream in, String entryName, String fileName) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(entryName, "entryName");
    String where = fileName + ": entry " + entryName;
    try {
      NpyHeader header = NpyHeader.read(in, where);
      long byteCount = header.count * header.dtype.itemSize;
      if (byteCount > Integer.MAX_VALUE - 8) {
        throw new BadInputException(where + ": array too large (" + header.count + " values)");
      }
      byte[] raw = in.readNBytes((int) byteCount);
      if (raw.length < byteCount) {
        throw new BadInputException(where + ": truncated data (expected " + header.count + " values, found "
            + raw.length / header.dtype.itemSize + ")");
      }
      double[] values = header.dtype.decode(raw);
      if (header.fortranOrder) values = FortranOrder.toC(values, header.shape);
      return new NpyArray(arrayName(entryName), header.shape, values, header.dtype.descr);
    } catch (IOException e) {
      throw new BadInputException(where + ": corrupt or truncated data (" + describe(e) + ")", e);
    }
  }

  /** An entry name without its {@code .npy} suffix, as {@code numpy.load} keys it. */
  private static String arrayName(String entryName) {
    return entryName.endsWith(NPY_SUFFIX)
        ? entryName.substring(0, entryName.length() - NPY_SUFFIX.length())
        : entryName;
  }

  /**
   * Rejects what is not a zip archive, or is one cut short: a complete archive ends with an
   * end-of-central-directory record (followed only by its comment).
   */
  private static void checkIsCompleteZip(byte[] bytes, String fileName) {
    if (bytes.length == 0) throw BadInputException.inFile(fileName, "empty file (not a zip archive)");
    if (startsWith(bytes, 0, NpyHeader.MAGIC)) {
      throw BadInputException.inFile(fileName, "not a zip archive (it is a single .npy array, expected an .npz)");
    }
    if (!startsWith(bytes, 0, LOCAL_HEADER) && !startsWith(bytes, 0, END_OF_CENTRAL_DIRECTORY)) {
      throw BadInputException.inFile(fileName, "not a zip archive");
    }
    int last = bytes.length - END_RECORD_LENGTH;
    for (int at = last; at >= 0 && at >= last - 0xffff; at--) {
      if (startsWith(bytes, at, END_OF_CENTRAL_DIRECTORY)) {
        int commentLength = (bytes[at + 20] & 0xff) | (bytes[at + 21] & 0xff) << 8;
        if (at + END_RECORD_LENGTH + commentLength == bytes.length) return;
      }
    }
    throw BadInputException.inFile(fileName, "truncated zip archive (no end-of-central-directory record)");
  }

  private static ZipEntry nextEntry(ZipInputStream zip, String fileName) {
    try {
      return zip.getNextEntry();
    } catch (IOException | IllegalArgumentException e) { // IllegalArgumentException: a malformed entry name
      throw new BadInputException(fileName + ": corrupt zip archive (" + describe(e) + ")", e);
    }
  }

  /** Reads an entry to its end, so that its CRC is checked, ignoring bytes after the array's data. */
  private static void drain(ZipInputStream zip, String entryName, String fileName) {
    try {
      byte[] buffer = new byte[8192];
      while (zip.read(buffer) != -1) {
        // discard
      }
    } catch (IOException e) {
      throw new BadInputException(fileName + ": entry " + entryName + ": corrupt or truncated data ("
          + describe(e) + ")", e);
    }
  }

  private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
    if (at + prefix.length > bytes.length) return false;
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[at + i] != prefix[i]) return false;
    }
    return true;
  }

  /** An exception's message on one line. */
  private static String describe(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s+", " ").strip();
  }
}
