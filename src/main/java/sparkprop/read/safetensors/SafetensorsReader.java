package sparkprop.read.safetensors;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import sparkprop.BadInputException;
import sparkprop.read.npz.NpzReader;

/**
 * Reads a safetensors file as its specification (huggingface/safetensors, README "Format") lays it out:
 *
 * <pre>
 *   8 bytes        N, the header's length, an unsigned little-endian 64-bit integer
 *   N bytes        the header: UTF-8 JSON (see {@link SafetensorsHeader}), possibly padded with spaces
 *   the rest       the byte buffer: each tensor's elements little-endian, C order, where its offsets say
 * </pre>
 *
 * Everything is decided before a tensor is allocated, from the file's length and the header alone: N
 * at most {@link #MAX_HEADER_BYTES} (the format's own limit) and within the file; the offsets tiling the
 * buffer exactly; the dtypes F64, F32, F16 or BF16; all tensors together at most {@link #MAX_VALUES}
 * values (the .npz reader's limit). The bytes are then streamed in chunks, so memory grows only with
 * the values that actually arrive, and a file cut short is refused at its end. Every problem is a
 * one-line {@link BadInputException} naming the file.
 */
public final class SafetensorsReader {
  /** The format's limit on the header (safetensors' {@code MAX_HEADER_SIZE}: 100,000,000 bytes). */
  public static final long MAX_HEADER_BYTES = 100_000_000L;
  /** The most values all tensors of a file may hold together: the same 2^25 as {@link NpzReader#MAX_VALUES}. */
  public static final int MAX_VALUES = NpzReader.MAX_VALUES;

  private static final int CHUNK_BYTES = 1 << 16;

  private SafetensorsReader() {}

  /** What a file holds: its tensors in buffer order, keyed by name, and its {@code __metadata__}. */
  public record Content(Map<String, SafeTensor> tensors, Map<String, String> metadata) {}

  /**
   * Reads a whole safetensors file; the stream is not closed.
   *
   * @param in the file's bytes from its start
   * @param fileBytes the file's length, as its file system reports it
   * @param file the file's name, for messages
   */
  public static Content read(InputStream in, long fileBytes, String file) {
    Objects.requireNonNull(in, "in");
    try {
      if (fileBytes < 8) throw BadInputException.inFile(file, fileBytes + " bytes, too short for a safetensors file (8-byte header length, header, data)");
      ByteBuffer prefix = ByteBuffer.wrap(readFully(in, new byte[8], 8, file, "the header length")).order(ByteOrder.LITTLE_ENDIAN);
      long headerBytes = prefix.getLong();
      if (headerBytes < 0 || headerBytes > MAX_HEADER_BYTES) {
        throw BadInputException.inFile(file, "header length " + Long.toUnsignedString(headerBytes) + " bytes exceeds the format's "
            + MAX_HEADER_BYTES + " (SafetensorsReader.MAX_HEADER_BYTES); not a safetensors file?");
      }
      if (headerBytes > fileBytes - 8) {
        throw BadInputException.inFile(file, "header length " + headerBytes + " bytes runs past the end of the file ("
            + fileBytes + " bytes); not a safetensors file, or a truncated one");
      }
      long bufferBytes = fileBytes - 8 - headerBytes;
      SafetensorsHeader header = SafetensorsHeader.parse(new Utf8Json(in, headerBytes, file).reader(), bufferBytes, file);
      Map<String, SafeTensor> tensors = new LinkedHashMap<>();
      byte[] chunk = new byte[CHUNK_BYTES];
      for (SafetensorsHeader.Entry e : header.entries) tensors.put(e.name(), readTensor(in, e, chunk, file));
      return new Content(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(header.metadata));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** One tensor's values, its bytes streamed through {@code chunk}. */
  private static SafeTensor readTensor(InputStream in, SafetensorsHeader.Entry e, byte[] chunk, String file) throws IOException {
    double[] values = new double[e.count()];
    int size = e.dtype().size;
    int perChunk = chunk.length / size;
    for (int at = 0; at < values.length; at += perChunk) {
      int n = Math.min(perChunk, values.length - at);
      readFully(in, chunk, n * size, file, "tensor '" + e.name() + "'");
      e.dtype().decode(ByteBuffer.wrap(chunk, 0, n * size).order(ByteOrder.LITTLE_ENDIAN), values, at, n);
    }
    return new SafeTensor(e.name(), e.dtype(), e.shape(), values);
  }

  private static byte[] readFully(InputStream in, byte[] into, int length, String file, String what) throws IOException {
    int got = 0;
    while (got < length) {
      int n = in.read(into, got, length - got);
      if (n < 0) throw BadInputException.inFile(file, "truncated: the file ends inside " + what);
      got += n;
    }
    return into;
  }

  /** The header's N bytes as strict UTF-8 text, ending exactly where the header does. */
  private static final class Utf8Json extends InputStream {
    private final InputStream in;
    private final String file;
    private long left;

    Utf8Json(InputStream in, long length, String file) {
      this.in = in;
      this.left = length;
      this.file = file;
    }

    java.io.Reader reader() {
      return new java.io.InputStreamReader(this, java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT));
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) return -1;
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) throw new EOFException(file + ": truncated inside the header");
      left -= n;
      return n;
    }
  }
}
