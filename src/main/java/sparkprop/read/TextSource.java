package sparkprop.read;

import sparkprop.rows.RowChunk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * A dataset held as text, one row per line (CSV, LibSVM), in one file or several read as one: split
 * into line-aligned byte ranges by {@link TextSplits}, so that each task reads only its own share of
 * the bytes, from any Hadoop file system.
 *
 * <p>A row's id is the position of its line's first byte (in the byte space of all files, in order):
 * stable whatever the number of parts, and ascending in file order, but not consecutive. So
 * {@code --limit N} still means the first N rows in file order, but {@code --split} (a hash of the
 * row id) picks other rows than it does for the same digits in IDX form.
 *
 * <p>Pixel values are numbers in {@code [0, pixelMax]} mapped to bytes by
 * {@code round(v·255/pixelMax)}; a value outside the range, or more than
 * {@value #LEVEL_TOLERANCE} of a grey level away from one of the 256 levels, is bad input, never
 * clamped or rounded away. A problem names the file and its line number (found by counting lines
 * up to the bad one, only when there is one).
 *
 * <p>A line may take at most {@link #maxLineBytes()}: {@value #LINE_BYTES_PER_VALUE} bytes per value
 * of a row (its label and m pixels), and at least {@value #MIN_LINE_LIMIT}. A longer line (a binary
 * file, or one without newlines) is refused once that many bytes are buffered, never read whole.
 */
public abstract class TextSource implements RowSource {
  private static final long serialVersionUID = 1L;

  /**
   * How far {@code v·255/pixelMax} may lie from a whole grey level: wide enough for values printed
   * with 3 or more significant digits ({@code 0.0118} for 3/255), narrow enough to refuse data that
   * is not a set of grey levels at all.
   */
  public static final double LEVEL_TOLERANCE = 0.05;

  /**
   * Bytes a line may take per value of its row: real rows take at most about 25 (LibSVM's
   * {@code 784:0.011764705882352941 }, CSV's {@code 0.011764705882352941,}), so this leaves room for
   * padding and long decimals.
   */
  public static final int LINE_BYTES_PER_VALUE = 64;
  /** The least any line may take whatever m is: room for comments and padding in short rows. */
  public static final int MIN_LINE_LIMIT = 1 << 20;

  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final int MAX_SHOWN = 40;

  final TextSplits splits;
  final int pixels;
  final double pixelMax;
  private final String location;

  TextSource(TextSplits splits, int pixels, double pixelMax, String location) {
    if (pixels <= 0) throw new IllegalArgumentException("pixels " + pixels);
    checkPixelMax(pixelMax);
    this.splits = splits;
    this.pixels = pixels;
    this.pixelMax = pixelMax;
    this.location = location;
  }

  /** A problem in one value or token of a line; the caller adds the file and line. */
  static final class ValueProblem extends Exception {
    private static final long serialVersionUID = 1L;

    ValueProblem(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Parses one line into {@code pixels[at, at+pixelsPerImage())} (which is all zeros on entry) and
   * returns its label 0–9, or -1 when the line holds no row (a header or a comment).
   */
  abstract int parseLine(int file, long offset, byte[] line, int length, byte[] pixels, int at)
      throws ValueProblem;

  @Override
  public int pixelsPerImage() {
    return pixels;
  }

  /**
   * The longest line read, in bytes: {@link #LINE_BYTES_PER_VALUE} per value of a row (label and m
   * pixels), at least {@link #MIN_LINE_LIMIT}, at most {@link TextSplits#MAX_LINE} (64 MiB).
   */
  public int maxLineBytes() {
    return (int) Math.min(TextSplits.MAX_LINE, Math.max(MIN_LINE_LIMIT, (long) LINE_BYTES_PER_VALUE * (pixels + 1L)));
  }

  /** The value of a white pixel in the text: 255 or 1, say. */
  public double pixelMax() {
    return pixelMax;
  }

  /** The files read, in order. */
  public List<String> files() {
    List<String> out = new ArrayList<>();
    for (int f = 0; f < splits.files(); f++) out.add(splits.path(f));
    return out;
  }

  @Override
  public String location() {
    return sparkprop.Secrets.hide(location); // for messages and the report: a URI's credentials hidden
  }

  /** CSV or LibSVM. */
  abstract DataFormat format();

  /** The text files read, in order (relative to the first one's folder). */
  @Override
  public DataIdentity identity(Configuration conf) {
    List<String> files = files();
    return DataIdentity.ofPaths(format().label(), new Path(files.get(0)).getParent().toString(), files, conf);
  }

  /**
   * Part p of P: the lines whose first byte is in the byte range {@code [⌊p·L/P⌋, ⌊(p+1)·L/P⌋)} of
   * the files' L bytes (see {@link TextSplits}), in chunks of at most
   * {@link IdxDataset#MAX_CHUNK_BYTES} of pixels. Row ids are line positions.
   */
  @Override
  public Iterator<RowChunk> readPart(int part, int parts, Configuration conf) {
    if (part < 0 || part >= parts) throw new IllegalArgumentException("part " + part + " of " + parts);
    Chunks chunks = new Chunks(pixels);
    splits.forEachLine(part, parts, conf, maxLineBytes(), (file, offset, line, length) -> {
      int at = chunks.reserve();
      int label;
      try {
        label = parseLine(file, offset, line, length, chunks.pixels, at);
      } catch (ValueProblem e) {
        String path = splits.path(file);
        throw BadInputException.inFile(path, "line " + TextSplits.lineNumber(path, offset, conf) + ": "
            + e.getMessage());
      }
      if (label >= 0) chunks.add(label, splits.base(file) + offset);
    });
    return chunks.done().iterator();
  }

  /** Rows gathered into chunks of at most {@link IdxDataset#MAX_CHUNK_BYTES} of pixels. */
  private static final class Chunks {
    private final int width;
    private final int perChunk;
    private final List<RowChunk> done = new ArrayList<>();
    byte[] pixels;
    private byte[] labels;
    private long[] ids;
    private int count;

    Chunks(int width) {
      this.width = width;
      this.perChunk = (int) Math.max(1, IdxDataset.MAX_CHUNK_BYTES / width);
      start();
    }

    private void start() {
      int capacity = Math.min(perChunk, 256);
      pixels = new byte[capacity * width];
      labels = new byte[capacity];
      ids = new long[capacity];
      count = 0;
    }

    /** The offset in {@link #pixels} of the next row, zeroed (a row not added is overwritten next). */
    int reserve() {
      if (count == labels.length) {
        if (count == perChunk) {
          flush();
          start();
        } else {
          int capacity = (int) Math.min(perChunk, 2L * count);
          pixels = Arrays.copyOf(pixels, capacity * width);
          labels = Arrays.copyOf(labels, capacity);
          ids = Arrays.copyOf(ids, capacity);
        }
      }
      int at = count * width;
      Arrays.fill(pixels, at, at + width, (byte) 0);
      return at;
    }

    void add(int label, long id) {
      labels[count] = (byte) label;
      ids[count] = id;
      count++;
    }

    private void flush() {
      if (count == 0) return;
      done.add(new RowChunk(width, Arrays.copyOf(pixels, count * width), Arrays.copyOf(labels, count),
          Arrays.copyOf(ids, count)));
    }

    List<RowChunk> done() {
      flush();
      count = 0;
      return done;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Values.

  /** The grey level 0–255 of the pixel value {@code line[from, to)}. */
  final int level(byte[] line, int from, int to) throws ValueProblem {
    if (from == to) throw new ValueProblem("empty value");
    double v;
    if (to - from <= 9 && allDigits(line, from, to)) {
      int n = 0;
      for (int i = from; i < to; i++) n = 10 * n + (line[i] - '0');
      if (pixelMax == 255 && n <= 255) return n;
      v = n;
    } else {
      v = number(line, from, to, "value");
    }
    if (!(v >= 0 && v <= pixelMax)) {
      throw new ValueProblem("value " + shown(line, from, to) + " outside 0-" + format(pixelMax));
    }
    double scaled = v * 255 / pixelMax;
    long l = Math.round(scaled);
    if (Math.abs(scaled - l) > LEVEL_TOLERANCE) {
      throw new ValueProblem("value " + shown(line, from, to) + " is not one of the 256 grey levels k*"
          + format(pixelMax) + "/255 (it is level " + String.format(Locale.ROOT, "%.3f", scaled) + ")");
    }
    return (int) l;
  }

  /** The label 0–9 written as {@code line[from, to)}: a digit, or a number equal to one ("5.0"). */
  static int label(byte[] line, int from, int to) throws ValueProblem {
    if (to - from == 1 && line[from] >= '0' && line[from] <= '9') return line[from] - '0';
    if (from == to) throw new ValueProblem("empty label");
    double v = number(line, from, to, "label");
    if (v >= 0 && v <= 9 && v == Math.rint(v)) return (int) v;
    throw new ValueProblem("label " + shown(line, from, to) + " outside 0-9");
  }

  private static double number(byte[] line, int from, int to, String what) throws ValueProblem {
    String s = new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    if (!NUMBER.matcher(s).matches()) throw new ValueProblem(what + " " + shown(line, from, to) + " is not a number");
    return Double.parseDouble(s);
  }

  private static boolean allDigits(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] < '0' || b[i] > '9') return false;
    return true;
  }

  /** The text of {@code line[from, to)} quoted for a message, shortened if long. */
  static String shown(byte[] line, int from, int to) {
    String s = new String(line, from, Math.min(to - from, MAX_SHOWN), StandardCharsets.UTF_8);
    return "'" + s + (to - from > MAX_SHOWN ? "...'" : "'");
  }

  /** 255 as "255", 0.5 as "0.5". */
  static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  static void checkPixelMax(double pixelMax) {
    if (!(pixelMax > 0) || Double.isInfinite(pixelMax)) {
      throw new BadInputException("--pixel-max: must be a positive number, got " + pixelMax);
    }
  }
}
