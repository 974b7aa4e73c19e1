package sparkprop.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * MNIST as CSV, the way Kaggle's digit-recognizer {@code train.csv} holds it: a header
 * {@code label,pixel0,pixel1,…,pixel(m-1)}, then one row per line, the label (0–9) and m pixel
 * values (0–255, or 0–pixelMax). m comes from the header: 784 for MNIST, any count works.
 *
 * <p>The data is a {@code .csv} file or a folder of them (read in sorted name order, as one; every
 * file has the same header). {@link #open} reads only the headers, on the driver; the rows are read
 * by the tasks in line-aligned byte ranges (see {@link TextSplits}); row ids are line positions (see
 * {@link TextSource}). A file compressed as a whole ({@code .csv.gz}) cannot be split into byte
 * ranges and is refused: decompress it first.
 */
public final class CsvSource extends TextSource {
  private static final long serialVersionUID = 1L;

  /** Name of the first column. */
  public static final String LABEL = "label";
  /** Prefix of the pixel columns' names: pixel0, pixel1, … */
  public static final String PIXEL = "pixel";

  private static final int MAX_HEADER = 16 << 20;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final byte[] header;

  private CsvSource(TextSplits splits, int pixels, double pixelMax, String location, byte[] header) {
    super(splits, pixels, pixelMax, location);
    this.header = header;
  }

  /**
   * Opens a CSV file, or every {@code *.csv} file of a folder (sorted by name), reading only the
   * headers.
   *
   * @param location a file or folder path or URI ({@code train.csv}, {@code hdfs://…}, …)
   * @param pixelMax the value of a white pixel: 255 for Kaggle's files
   * @throws BadInputException if there is no such file, no .csv file in the folder, an empty file,
   *     a missing or different header (the files of a folder must share one)
   */
  public static CsvSource open(String location, double pixelMax, Configuration conf) {
    checkPixelMax(pixelMax);
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf);
      List<FileStatus> files = Listing.textFiles(fs, path, location, Listing::isCsv, "no .csv file");
      Listing.refuseCompressed(files);
      byte[] header = null;
      String first = null;
      int pixels = 0;
      for (FileStatus f : files) {
        String file = f.getPath().toString();
        byte[] h = TextSplits.firstLine(fs, f.getPath(), MAX_HEADER);
        if (h == null) throw BadInputException.inFile(file, "empty file: expected a header line " + expected(-1));
        if (header == null) {
          pixels = pixelsFromHeader(file, h);
          header = h;
          first = file;
        } else if (!Arrays.equals(stripBom(h), stripBom(header))) {
          throw BadInputException.inFile(file, "line 1: header " + TextSource.shown(h, 0, h.length)
              + " differs from the header of " + first);
        }
      }
      return new CsvSource(new TextSplits(files), pixels, pixelMax, files.size() == 1 ? first
          : fs.makeQualified(path).toString(), stripBom(header));
    } catch (IOException e) {
      throw new UncheckedIOException(location + ": " + e.getMessage(), e);
    }
  }

  /** Checks a header {@code label,pixel0,…,pixel(m-1)} and returns m. */
  static int pixelsFromHeader(String file, byte[] line) {
    byte[] h = stripBom(line);
    String text = new String(h, StandardCharsets.UTF_8);
    String[] names = text.split(",", -1);
    if (!names[0].trim().equals(LABEL)) {
      String hint = names[0].trim().equals(PIXEL + "0")
          ? " (this looks like Kaggle's test.csv, which has no labels)"
          : isNumber(names[0].trim()) ? " (the file has no header line; add one)" : "";
      throw BadInputException.inFile(file, "line 1: missing header: expected " + expected(names.length - 1)
          + ", found " + TextSource.shown(h, 0, h.length) + hint);
    }
    if (names.length < 2) throw BadInputException.inFile(file, "line 1: header has no pixel columns: expected "
        + expected(-1));
    for (int i = 1; i < names.length; i++) {
      if (!names[i].trim().equals(PIXEL + (i - 1))) {
        throw BadInputException.inFile(file, "line 1: header column " + (i + 1) + " is '" + names[i]
            + "', expected '" + PIXEL + (i - 1) + "' (the header is " + expected(names.length - 1) + ")");
      }
    }
    return names.length - 1;
  }

  private static boolean isNumber(String s) {
    return s.matches("[+-]?[0-9.]+([eE][+-]?[0-9]+)?");
  }

  private static String expected(int pixels) {
    return "'" + LABEL + "," + PIXEL + "0,...," + PIXEL + (pixels > 0 ? pixels - 1 : "N") + "'";
  }

  private static byte[] stripBom(byte[] line) {
    if (line.length >= 3 && line[0] == BOM[0] && line[1] == BOM[1] && line[2] == BOM[2]) {
      return Arrays.copyOfRange(line, 3, line.length);
    }
    return line;
  }

  @Override
  int parseLine(int file, long offset, byte[] line, int length, byte[] out, int at) throws ValueProblem {
    if (offset == 0) {
      byte[] h = stripBom(Arrays.copyOf(line, length));
      if (!Arrays.equals(h, header)) {
        throw new ValueProblem("header " + shown(h, 0, h.length) + " differs from the one read when the data was opened");
      }
      return -1;
    }
    if (length == 0) throw new ValueProblem("empty line: expected " + (pixels + 1) + " columns (label and "
        + pixels + " pixels)");
    int start = 0;
    int end = next(line, 0, length);
    int label;
    try {
      label = label(line, trimStart(line, start, end), trimEnd(line, start, end));
    } catch (ValueProblem e) {
      throw new ValueProblem("column " + LABEL + ": " + e.getMessage());
    }
    for (int i = 0; i < pixels; i++) {
      if (end == length) {
        throw new ValueProblem((i + 1) + " columns, expected " + (pixels + 1) + " (label and " + pixels + " pixels)");
      }
      start = end + 1;
      end = next(line, start, length);
      try {
        out[at + i] = (byte) level(line, trimStart(line, start, end), trimEnd(line, start, end));
      } catch (ValueProblem e) {
        throw new ValueProblem("column " + PIXEL + i + ": " + e.getMessage());
      }
    }
    if (end != length) {
      int columns = pixels + 1;
      for (int i = end; i < length; i++) if (line[i] == ',') columns++;
      throw new ValueProblem(columns + " columns, expected " + (pixels + 1) + " (label and " + pixels + " pixels)");
    }
    return label;
  }

  /** The index of the next comma at or after {@code from}, or {@code length}. */
  private static int next(byte[] line, int from, int length) {
    int i = from;
    while (i < length && line[i] != ',') i++;
    return i;
  }

  private static int trimStart(byte[] b, int from, int to) {
    while (from < to && (b[from] == ' ' || b[from] == '\t')) from++;
    return from;
  }

  private static int trimEnd(byte[] b, int from, int to) {
    while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) to--;
    return to;
  }

  @Override
  DataFormat format() {
    return DataFormat.CSV;
  }

  @Override
  public String toString() {
    return "CsvSource[" + pixels + " pixels, " + splits.files() + " file(s), " + location() + "]";
  }
}
