package sparkprop.read.npz;

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
 * <p>Limits, so that a hostile archive (a zip bomb: a few MB inflating to GB) costs a second and
 * little memory rather than the heap: an archive holds at most {@link #MAX_VALUES} values in all its
 * arrays (so each array too), at most {@link #MAX_ENTRIES} entries and {@link #MAX_FILE_BYTES} bytes.
 * Each entry's header is checked before its data is read: its shape against {@code MAX_VALUES}, and
 * shape × item size against the size the zip entry declares, when it declares one. The data is then
 * read in chunks, memory growing only with the bytes that actually arrive, and must end exactly where
 * the header says: an entry that inflates past it is refused at its first extra byte. The archive is
 * streamed, never held whole in memory.
 *
 * <p>Limitation: a stored (uncompressed) entry followed by a data descriptor, which Python's zipfile
 * writes only when its output is not seekable, cannot be read by {@link ZipInputStream} and is reported
 * as a corrupt archive.
 */
public final class NpzReader {
  /**
   * The most values all arrays of one archive may hold together (2^25 = 33,554,432: 256 MiB as
   * doubles). That is w1 of 784 × 42,799 hidden units, far beyond the models this job checks, and
   * small enough for a 4 GB driver to hold even while converting; an array that large takes about a
   * second to read.
   */
  public static final int MAX_VALUES = 1 << 25;
  /** The most bytes an archive may have (512 MiB): twice {@link #MAX_VALUES} float64 values, stored. */
  public static final long MAX_FILE_BYTES = 512L << 20;
  /** The most zip entries an archive may have: a model file has four. */
  public static final int MAX_ENTRIES = 4096;

  private static final String NPY_SUFFIX = ".npy";

  private NpzReader() {}

  /**
   * Reads every array of an {@code .npz} archive, streaming it; the stream is not closed.
   *
   * @param in the archive's bytes
   * @param fileName the file's name, for error messages
   * @return the arrays in archive order, keyed by entry name without the {@code .npy} suffix
   * @throws BadInputException if the stream is not a complete zip archive, an entry is not a float64
   *     or float32 {@code .npy} array, or the archive exceeds a limit (see the class comment)
   * @throws UncheckedIOException if reading the stream itself fails
   */
  public static Map<String, NpyArray> read(InputStream in, String fileName) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(fileName, "fileName");
    ArchiveStream archive = new ArchiveStream(in, fileName);
    checkIsZip(archive.peek(NpyHeader.MAGIC.length), fileName);
    Map<String, NpyArray> arrays;
    try {
      arrays = readEntries(archive, fileName);
    } catch (BadInputException e) {
      // A cut archive breaks an entry somewhere; saying it is truncated is more useful than the break.
      if (isTruncated(archive)) throw truncated(fileName, e);
      throw e;
    }
    if (!archive.drainAndCheckComplete()) throw truncated(fileName, null);
    return arrays;
  }

  /** After a problem: whether the archive is cut short; when too long to tell, not (the problem stands). */
  private static boolean isTruncated(ArchiveStream archive) {
    if (archive.overLimit()) return false;
    try {
      return !archive.drainAndCheckComplete();
    } catch (BadInputException overLimit) {
      return false;
    }
  }

  private static Map<String, NpyArray> readEntries(ArchiveStream archive, String fileName) {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    long valuesLeft = MAX_VALUES;
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(archive, StandardCharsets.UTF_8)) {
      while (true) {
        ZipEntry entry = nextEntry(zip, fileName);
        if (entry == null) break;
        if (++entries > MAX_ENTRIES) {
          throw BadInputException.inFile(fileName, "more than " + MAX_ENTRIES
              + " zip entries, the limit for an .npz archive (NpzReader.MAX_ENTRIES)");
        }
        String where = fileName + ": entry " + entry.getName();
        if (entry.isDirectory()) {
          expectEnd(zip, where, "a folder entry holds data");
          continue;
        }
        String key = arrayName(entry.getName());
        if (arrays.containsKey(key)) throw new BadInputException(where + ": duplicate array name '" + key + "'");
        NpyArray array = readEntry(zip, entry, where, valuesLeft);
        valuesLeft -= array.size();
        arrays.put(key, array);
      }
    } catch (IOException e) { // closing: ends the inflater, leaves the caller's stream open
      throw new UncheckedIOException(e);
    }
    return arrays;
  }

  /**
   * One entry's array: its header checked against what is left of {@link #MAX_VALUES} and against
   * the entry's declared size before any data is read, then its data, which must end the entry.
   */
  private static NpyArray readEntry(ZipInputStream zip, ZipEntry entry, String where, long valuesLeft) {
    try {
      NpyHeader header = NpyHeader.read(zip, where);
      if (header.count > valuesLeft) {
        throw new BadInputException(where + ": too many values: its shape " + NpyArray.shapeString(header.shape)
            + " holds " + header.count + "; with the arrays before it the archive would hold "
            + (MAX_VALUES - valuesLeft + header.count) + ", more than the limit of " + MAX_VALUES
            + " (NpzReader.MAX_VALUES)");
      }
      long declared = entry.getSize(); // -1: sizes in a data descriptor after the data
      long needed = header.headerBytes + header.dataBytes();
      if (declared >= 0 && declared != needed) {
        throw new BadInputException(where + ": the zip entry declares " + declared + " bytes, but its .npy header ("
            + header.describe() + ") makes " + needed + " (" + header.headerBytes + " of header, "
            + header.dataBytes() + " of data)");
      }
      NpyArray array = toArray(header, NpyData.read(zip, header, where), entry.getName());
      expectEnd(zip, where, "more data than its header declares (" + header.describe() + ": "
          + header.dataBytes() + " bytes of data)");
      return array;
    } catch (IOException e) {
      throw corrupt(where, e);
    }
  }

  /**
   * Reads one {@code .npy} array (versions 1.0, 2.0, 3.0) from the current position of a stream,
   * leaving the stream after the array's data. The stream is not closed.
   *
   * @param in the {@code .npy} bytes, e.g. a {@link ZipInputStream} positioned at an entry
   * @param entryName the entry's name, e.g. {@code w1.npy}; the array's name is this without
   *     {@code .npy}
   * @param fileName the containing file's name, for error messages
   * @throws BadInputException for a bad magic, a malformed header, an unsupported dtype, more than
   *     {@link #MAX_VALUES} values or truncated data
   */
  public static NpyArray readNpy(InputStream in, String entryName, String fileName) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(entryName, "entryName");
    String where = fileName + ": entry " + entryName;
    try {
      NpyHeader header = NpyHeader.read(in, where);
      return toArray(header, NpyData.read(in, header, where), entryName);
    } catch (IOException e) {
      throw corrupt(where, e);
    }
  }

  private static NpyArray toArray(NpyHeader header, double[] values, String entryName) {
    if (header.fortranOrder) values = FortranOrder.toC(values, header.shape);
    return NpyArray.owning(arrayName(entryName), header.shape, values, header.dtype.descr);
  }

  /**
   * Reads one byte past what was expected: the entry must end there. Reaching the end also makes the
   * zip reader check the entry's CRC and sizes; a bomb's extra data is refused at its first byte.
   */
  private static void expectEnd(ZipInputStream zip, String where, String problem) {
    int next;
    try {
      next = zip.read();
    } catch (IOException e) {
      throw corrupt(where, e);
    }
    if (next != -1) throw new BadInputException(where + ": " + problem);
  }

  private static BadInputException corrupt(String where, IOException e) {
    return new BadInputException(where + ": corrupt or truncated data (" + describe(e) + ")", e);
  }

  /** An entry name without its {@code .npy} suffix, as {@code numpy.load} keys it. */
  private static String arrayName(String entryName) {
    return entryName.endsWith(NPY_SUFFIX)
        ? entryName.substring(0, entryName.length() - NPY_SUFFIX.length())
        : entryName;
  }

  /** Rejects what is not a zip archive, from its first bytes. */
  private static void checkIsZip(byte[] start, String fileName) {
    if (start.length == 0) throw BadInputException.inFile(fileName, "empty file (not a zip archive)");
    if (startsWith(start, 0, NpyHeader.MAGIC)) {
      throw BadInputException.inFile(fileName, "not a zip archive (it is a single .npy array, expected an .npz)");
    }
    if (!startsWith(start, 0, ArchiveStream.LOCAL_HEADER) && !startsWith(start, 0, ArchiveStream.END_OF_CENTRAL_DIRECTORY)) {
      throw BadInputException.inFile(fileName, "not a zip archive");
    }
  }

  private static BadInputException truncated(String fileName, BadInputException cause) {
    return new BadInputException(fileName + ": truncated zip archive (no end-of-central-directory record)", cause);
  }

  private static ZipEntry nextEntry(ZipInputStream zip, String fileName) {
    try {
      return zip.getNextEntry();
    } catch (IOException | IllegalArgumentException e) { // IllegalArgumentException: a malformed entry name
      throw new BadInputException(fileName + ": corrupt zip archive (" + describe(e) + ")", e);
    }
  }

  static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
    if (at + prefix.length > bytes.length) return false;
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[at + i] != prefix[i]) return false;
    }
    return true;
  }

  /** An exception's message on one line. */
  static String describe(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s+", " ").strip();
  }
}
