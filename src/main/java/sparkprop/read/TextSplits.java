package sparkprop.read;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * Line-aligned byte-range splits of one or more text files, read the Hadoop way: the files, in the
 * given order, form one byte space of {@code total()} bytes; part p of P is the byte range
 * {@code [⌊p·L/P⌋, ⌊(p+1)·L/P⌋)} of it, and a line belongs to the part whose range holds the line's
 * first byte. So a part that starts inside a line skips that partial line (its earlier part reads it
 * whole), and a part reads the line that crosses its end to the line's end. Every line is read by
 * exactly one part, whatever P, and each part reads little more than its own bytes.
 *
 * <p>A line ends at {@code \n} (a {@code \r} before it is dropped) or at the end of the file. The
 * "position" of a line is its first byte's offset in the byte space ({@link #base} of its file plus
 * its offset in the file): stable, ascending in file order, usable as a row id.
 *
 * <p>Holds only path strings and lengths (taken when the files were listed), so it is cheap to ship.
 */
final class TextSplits implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Longest line ever read (bytes), whatever the data: a guard against a binary file without
   * newlines, and the ceiling of {@link TextSource#maxLineBytes()}.
   */
  static final int MAX_LINE = 64 << 20;
  private static final int BUFFER = 1 << 16;

  private final String[] paths;
  private final long[] lengths;
  private final long[] bases;
  private final long total;

  /** Receives one line: {@code line[0, length)} without its line end. */
  interface LineHandler {
    void line(int file, long offsetInFile, byte[] line, int length);
  }

  TextSplits(List<FileStatus> files) {
    int n = files.size();
    paths = new String[n];
    lengths = new long[n];
    bases = new long[n];
    long at = 0;
    for (int f = 0; f < n; f++) {
      paths[f] = files.get(f).getPath().toString();
      lengths[f] = files.get(f).getLen();
      bases[f] = at;
      at += lengths[f];
    }
    total = at;
  }

  int files() {
    return paths.length;
  }

  String path(int file) {
    return paths[file];
  }

  /** Position of the file's first byte in the byte space. */
  long base(int file) {
    return bases[file];
  }

  /** Bytes in all files. */
  long total() {
    return total;
  }

  /** First byte of part {@code part} of {@code parts}: ⌊part·total/parts⌋ without overflow. */
  long partStart(int part, int parts) {
    long q = total / parts;
    long r = total % parts;
    return q * part + r * part / parts;
  }

  /** Calls {@code handler} for every line of part {@code part} of {@code parts}, in file order. */
  void forEachLine(int part, int parts, Configuration conf, LineHandler handler) {
    forEachLine(part, parts, conf, MAX_LINE, handler);
  }

  /**
   * Calls {@code handler} for every line of part {@code part} of {@code parts}, in file order; a line
   * longer than {@code maxLine} bytes is bad input, refused once that many bytes are buffered.
   */
  void forEachLine(int part, int parts, Configuration conf, int maxLine, LineHandler handler) {
    if (part < 0 || part >= parts) throw new IllegalArgumentException("part " + part + " of " + parts);
    long start = partStart(part, parts);
    long end = partStart(part + 1, parts);
    for (int f = 0; f < paths.length && start < end; f++) {
      long from = Math.max(start, bases[f]);
      long to = Math.min(end, bases[f] + lengths[f]);
      if (from < to) readLines(f, from - bases[f], to - bases[f], conf, maxLine, handler);
    }
  }

  /** The lines of file {@code f} whose first byte lies in {@code [start, end)} of the file. */
  private void readLines(int f, long start, long end, Configuration conf, int maxLine, LineHandler handler) {
    Path path = new Path(paths[f]);
    try (FSDataInputStream in = path.getFileSystem(conf).open(path, BUFFER)) {
      LineReader r;
      if (start == 0) {
        r = new LineReader(in, 0);
      } else {
        // Whether a line starts at `start` depends on the byte before it.
        try {
          in.seek(start - 1);
        } catch (EOFException e) {
          throw vanished(f, start - 1);
        }
        r = new LineReader(in, start - 1);
        int before = r.read();
        if (before < 0) throw vanished(f, start);
        if (before != '\n' && !r.skipLine()) return;
      }
      while (r.position() < end && r.position() < lengths[f]) {
        long lineStart = r.position();
        int length = r.readLine(paths[f], maxLine);
        if (length < 0) return;
        handler.line(f, lineStart, r.line(), length);
      }
    } catch (FileNotFoundException e) {
      throw vanished(f, start);
    } catch (IOException e) {
      throw new UncheckedIOException(paths[f] + ": " + e.getMessage(), e);
    }
  }

  private BadInputException vanished(int f, long at) {
    return BadInputException.inFile(paths[f], "changed while reading: no byte " + at + " in a file listed with "
        + lengths[f] + " bytes");
  }

  /**
   * The 1-based number of the line that starts at byte {@code offset} of {@code file}: reads the file
   * up to there, so only for messages.
   */
  static long lineNumber(String file, long offset, Configuration conf) {
    Path path = new Path(file);
    long newlines = 0;
    try (InputStream in = path.getFileSystem(conf).open(path, BUFFER)) {
      byte[] b = new byte[BUFFER];
      long done = 0;
      while (done < offset) {
        int n = in.read(b, 0, (int) Math.min(b.length, offset - done));
        if (n < 0) break;
        for (int i = 0; i < n; i++) if (b[i] == '\n') newlines++;
        done += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    return newlines + 1;
  }

  /**
   * The first line of a file (without its line end), at most {@code max} bytes of it; null for an
   * empty file.
   */
  static byte[] firstLine(FileSystem fs, Path path, int max) throws IOException {
    try (InputStream in = fs.open(path, BUFFER)) {
      LineReader r = new LineReader(in, 0);
      int length = r.readLine(path.toString(), max);
      return length < 0 ? null : Arrays.copyOf(r.line(), length);
    }
  }

  /** A buffered reader of bytes and lines that tracks its position in the file. */
  static final class LineReader {
    private final InputStream in;
    private final byte[] buf = new byte[BUFFER];
    private int at;
    private int filled;
    private long position;
    private byte[] line = new byte[1024];

    LineReader(InputStream in, long position) {
      this.in = in;
      this.position = position;
    }

    long position() {
      return position;
    }

    byte[] line() {
      return line;
    }

    int read() throws IOException {
      if (at == filled && !fill()) return -1;
      position++;
      return buf[at++] & 0xff;
    }

    /** Skips past the next {@code \n}; false if the file ends first. */
    boolean skipLine() throws IOException {
      while (true) {
        if (at == filled && !fill()) return false;
        for (int i = at; i < filled; i++) {
          if (buf[i] == '\n') {
            position += i + 1 - at;
            at = i + 1;
            return true;
          }
        }
        position += filled - at;
        at = filled;
      }
    }

    /**
     * Reads the next line into {@link #line()}; returns its length without the line end, or -1 at the
     * end of the file. A line longer than {@code max} bytes is bad input.
     */
    int readLine(String file, int max) throws IOException {
      if (at == filled && !fill()) return -1;
      int length = 0;
      while (true) {
        int i = at;
        while (i < filled && buf[i] != '\n') i++;
        int n = i - at;
        if (length + n > max) {
          throw BadInputException.inFile(file, "line at byte " + (position - length) + " is longer than "
              + max + " bytes, the limit for one line here: not a text file of rows?");
        }
        if (length + n > line.length) line = Arrays.copyOf(line, Math.max(length + n, 2 * line.length));
        System.arraycopy(buf, at, line, length, n);
        length += n;
        position += n;
        at = i;
        if (i < filled) { // the newline
          at++;
          position++;
          break;
        }
        if (!fill()) break;
      }
      if (length > 0 && line[length - 1] == '\r') length--;
      return length;
    }

    private boolean fill() throws IOException {
      int n;
      do {
        n = in.read(buf, 0, buf.length);
      } while (n == 0);
      at = 0;
      filled = Math.max(n, 0);
      return n > 0;
    }
  }
}
