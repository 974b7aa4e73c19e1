package sparkprop.read.npz;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes arrays as a NumPy {@code .npz} archive that {@code numpy.load} reads: one stored
 * (uncompressed) zip entry {@code <name>.npy} per array, each a version 1.0 {@code .npy} with dtype
 * {@code <f8}, C order and a header padded as NumPy pads it, so that the data starts at a multiple of
 * 64 bytes into the entry. The output is deterministic: the same arrays give the same bytes (every
 * entry is dated 1980-01-01 00:00, local DOS time, whatever the clock or time zone).
 */
public final class NpzWriter {
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  private NpzWriter() {}

  /**
   * Writes the arrays, in list order, as a complete {@code .npz} archive. The stream is flushed but not
   * closed. Each array's values are written as float64 whatever its {@link NpyArray#sourceDtype()}.
   *
   * @throws IllegalArgumentException if an array name is empty or two arrays share a name
   * @throws UncheckedIOException if writing to the stream fails
   */
  public static void write(OutputStream out, List<NpyArray> arrays) {
    Objects.requireNonNull(out, "out");
    Set<String> names = new HashSet<>();
    for (NpyArray array : arrays) {
      if (array.name().isEmpty()) throw new IllegalArgumentException("array name is empty");
      if (!names.add(array.name())) throw new IllegalArgumentException("duplicate array name '" + array.name() + "'");
    }
    OutputStream buffered = new BufferedOutputStream(new KeepOpen(out));
    try (ZipOutputStream zip = new ZipOutputStream(buffered, StandardCharsets.UTF_8)) {
      for (NpyArray array : arrays) {
        byte[] npy = npyBytes(array);
        zip.putNextEntry(storedEntry(array.name() + ".npy", npy));
        zip.write(npy);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write .npz: " + e.getMessage(), e);
    }
  }

  /** The {@code .npy} file of one array: a version 1.0 header, then the values as little-endian float64. */
  static byte[] npyBytes(NpyArray array) {
    byte[] header = NpyHeader.encodeV1("<f8", false, array.shape());
    long length = header.length + 8L * array.size();
    if (length > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("array '" + array.name() + "' too large");
    ByteBuffer buffer = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(header);
    buffer.asDoubleBuffer().put(array.data());
    return buffer.array();
  }

  /** A STORED entry with its sizes, CRC and a fixed time, as STORED entries require. */
  private static ZipEntry storedEntry(String name, byte[] content) {
    CRC32 crc = new CRC32();
    crc.update(content);
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(content.length);
    entry.setCompressedSize(content.length);
    entry.setCrc(crc.getValue());
    entry.setTimeLocal(ENTRY_TIME);
    return entry;
  }

  /** Passes writes through; closing only flushes, so that the caller's stream stays open. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
