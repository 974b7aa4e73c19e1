package sparkprop.read.npz;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import sparkprop.BadInputException;

/**
 * The bytes of an {@code .npz} archive as they stream past the zip reader: counted against
 * {@link NpzReader#MAX_FILE_BYTES}, and the last 64 KiB kept, so that the archive can be checked
 * complete (ending in an end-of-central-directory record) without ever holding it in memory.
 * {@link #close()} does nothing: the caller's stream stays open.
 */
final class ArchiveStream extends InputStream {
  static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};
  static final byte[] END_OF_CENTRAL_DIRECTORY = {'P', 'K', 5, 6};
  private static final int END_RECORD_LENGTH = 22;
  /** The end record and the longest comment it may be followed by. */
  private static final int TAIL = END_RECORD_LENGTH + 0xffff;

  private final PushbackInputStream in;
  private final String fileName;
  private final byte[] tail = new byte[TAIL];
  private long count;
  private boolean overLimit;

  ArchiveStream(InputStream in, String fileName) {
    this.in = new PushbackInputStream(in, 8);
    this.fileName = fileName;
  }

  /** The first {@code n} bytes (fewer if the stream is shorter), left to be read again. */
  byte[] peek(int n) {
    try {
      byte[] start = in.readNBytes(n);
      in.unread(start);
      return start;
    } catch (IOException e) {
      throw cannotRead(e);
    }
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  /**
   * Reads from the caller's stream. A failure to read is unchecked, not an IOException, so that the
   * zip reader cannot pass it off as corrupt data: failed I/O is not bad input.
   */
  @Override
  public int read(byte[] b, int off, int len) {
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException e) {
      throw cannotRead(e);
    }
    if (n > 0) record(b, off, n);
    return n;
  }

  @Override
  public void close() {
    // the caller's stream: the caller closes it
  }

  /** Whether reading stopped at {@link NpzReader#MAX_FILE_BYTES}; then the end is unknown. */
  boolean overLimit() {
    return overLimit;
  }

  /**
   * Reads the rest of the stream (never more than the limit in all) and tells whether the archive is
   * complete: it ends with an end-of-central-directory record followed only by its comment.
   */
  boolean drainAndCheckComplete() {
    byte[] buffer = new byte[1 << 16];
    while (read(buffer, 0, buffer.length) >= 0) {
      // only counted and kept in the tail
    }
    byte[] last = lastBytes();
    int end = last.length - END_RECORD_LENGTH;
    for (int at = end; at >= 0; at--) {
      if (NpzReader.startsWith(last, at, END_OF_CENTRAL_DIRECTORY)) {
        int commentLength = (last[at + 20] & 0xff) | (last[at + 21] & 0xff) << 8;
        if (at + END_RECORD_LENGTH + commentLength == last.length) return true;
      }
    }
    return false;
  }

  private void record(byte[] b, int off, int n) {
    count += n;
    if (count > NpzReader.MAX_FILE_BYTES) {
      overLimit = true;
      throw BadInputException.inFile(fileName, "larger than " + NpzReader.MAX_FILE_BYTES
          + " bytes, the limit for an .npz archive (NpzReader.MAX_FILE_BYTES)");
    }
    int skip = Math.max(0, n - TAIL); // bytes that would be overwritten within this same call
    for (int i = skip; i < n; ) {
      int at = (int) ((count - n + i) % TAIL);
      int length = Math.min(n - i, TAIL - at);
      System.arraycopy(b, off + i, tail, at, length);
      i += length;
    }
  }

  /** The last min(count, 64 KiB + 22) bytes read, in order. */
  private byte[] lastBytes() {
    int length = (int) Math.min(count, TAIL);
    byte[] last = new byte[length];
    int start = (int) ((count - length) % TAIL);
    int first = Math.min(length, TAIL - start);
    System.arraycopy(tail, start, last, 0, first);
    System.arraycopy(tail, 0, last, first, length - first);
    return last;
  }

  private UncheckedIOException cannotRead(IOException e) {
    return new UncheckedIOException(fileName + ": cannot read (" + NpzReader.describe(e) + ")", e);
  }
}
