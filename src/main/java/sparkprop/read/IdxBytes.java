package sparkprop.read;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * The bytes of an IDX file's content, raw or gzipped, for {@link IdxDataset}: byte ranges checked
 * against the length the header declares, and the one-line errors for files that are shorter or
 * longer, or corrupt.
 */
final class IdxBytes {
  private static final int BUFFER = 1 << 16;
  /**
   * How much content past its declared end a gzip stream is read, to check its trailer (a corrupt
   * stream inflating to too much is then reported as corrupt): beyond this it is reported as trailing
   * bytes unread, since a few MB of gzip can inflate to TB.
   */
  private static final long MAX_TRAILING_READ = 1L << 20;

  private IdxBytes() {}

  /**
   * Reads {@code length} bytes at byte {@code start} of a file's (uncompressed) content, which the
   * header says is {@code total} bytes long; with {@code toEnd}, also requires the content to end
   * right after them.
   */
  static byte[] readSpan(String file, boolean gz, long start, int length, long total,
      boolean toEnd, Configuration conf) {
    Path path = new Path(file);
    byte[] out;
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (gz) {
        try (InputStream in = openStream(fs, path, true)) {
          long skipped = skipFully(in, start);
          if (skipped < start) throw truncated(file, total, skipped, true);
          out = readGrowing(in, length);
          if (out.length < length) throw truncated(file, total, start + out.length, true);
          // Draining to the end lets GZIPInputStream check the trailer: a corrupt stream that
          // inflates to too many bytes is reported as corrupt, not as trailing bytes.
          long extra = toEnd ? skipFully(in, MAX_TRAILING_READ + 1) : 0;
          if (extra > MAX_TRAILING_READ) {
            throw BadInputException.inFile(file, "trailing bytes: expected " + total + " bytes (uncompressed), found more than "
                + (total + MAX_TRAILING_READ));
          }
          if (extra > 0) throw trailing(file, total, total + extra, true);
        }
      } else {
        out = new byte[length]; // the file's length was found to match its header when opening
        try (FSDataInputStream in = fs.open(path)) {
          try {
            in.seek(start);
          } catch (EOFException e) {
            throw truncated(file, total, fs.getFileStatus(path).getLen(), false);
          }
          int got = readFully(in, out, 0, length);
          if (got < length) throw truncated(file, total, start + got, false);
          if (toEnd && in.read() != -1) {
            throw trailing(file, total, fs.getFileStatus(path).getLen(), false);
          }
        }
      }
    } catch (IOException e) {
      throw failure(file, gz, e);
    }
    return out;
  }

  static InputStream openStream(FileSystem fs, Path path, boolean gz) throws IOException {
    FSDataInputStream raw = fs.open(path, BUFFER);
    if (!gz) return raw;
    try {
      return new GZIPInputStream(new BufferedInputStream(raw, BUFFER), BUFFER);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Reads until {@code len} bytes or end of stream; returns the number read. */
  static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = in.read(b, off + done, len - done);
      if (n < 0) break;
      done += n;
    }
    return done;
  }

  /**
   * Reads up to {@code length} bytes, stopping at end of stream, into an array that grows as they
   * arrive: a gzip stream's content is known only by reading it, so a header's claim is not allocated
   * up front. The result is shorter than {@code length} if the stream ended first.
   */
  private static byte[] readGrowing(InputStream in, int length) throws IOException {
    byte[] b = new byte[Math.min(length, BUFFER)];
    int done = 0;
    while (done < length) {
      if (done == b.length) b = Arrays.copyOf(b, (int) Math.min(length, 2L * b.length));
      int n = in.read(b, done, b.length - done);
      if (n < 0) return Arrays.copyOf(b, done);
      done += n;
    }
    return b;
  }

  /** Reads and discards up to {@code n} bytes, stopping at end of stream; returns the number read. */
  private static long skipFully(InputStream in, long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(BUFFER, Math.max(n, 1))];
    long done = 0;
    while (done < n) {
      int r = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
      if (r < 0) break;
      done += r;
    }
    return done;
  }

  static int getInt(byte[] b, int off) {
    return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8
        | (b[off + 3] & 0xff);
  }

  static BadInputException truncated(String file, long expected, long found, boolean gz) {
    return BadInputException.inFile(file, "truncated: expected " + expected + " bytes"
        + (gz ? " (uncompressed)" : "") + ", found " + found);
  }

  static BadInputException trailing(String file, long expected, long found, boolean gz) {
    return BadInputException.inFile(file, "trailing bytes: expected " + expected + " bytes"
        + (gz ? " (uncompressed)" : "") + ", found " + found);
  }

  /** A corrupt gzip stream is bad input; any other I/O failure is unchecked I/O. */
  static RuntimeException failure(String file, boolean gz, IOException e) {
    if (gz && (e instanceof ZipException || e instanceof EOFException)) {
      return new BadInputException(file + ": corrupt gzip stream: " + e.getMessage(), e);
    }
    return new UncheckedIOException(file + ": " + e.getMessage(), e);
  }
}
