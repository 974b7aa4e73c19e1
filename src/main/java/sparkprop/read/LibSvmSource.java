package sparkprop.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * MNIST in the LibSVM (svmlight) format, as LIBSVM's {@code mnist} and {@code mnist.scale} files hold
 * it: one row per line, {@code label index:value index:value …}, indices 1-based and ascending, zero
 * values left out. Tokens are separated by spaces or tabs; a line starting with {@code #} is a
 * comment, and a {@code #} token ends a line's data.
 *
 * <p>The format does not say how many pixels a row has, so it is given: {@link #DEFAULT_PIXELS} (784)
 * unless told otherwise; an index beyond it is bad input. Values are 0–pixelMax:
 * {@code pixelMax = 255} for {@code mnist}, 1 for {@code mnist.scale} (whose 3/255 is printed
 * {@code 0.0117647}); each becomes the byte {@code round(v·255/pixelMax)}.
 *
 * <p>The data is a file, or a folder of files read in sorted name order as one: those named
 * {@code *.libsvm}, {@code *.svm} or {@code *.txt} if there are any, else every file (a folder of
 * Spark's {@code part-*} files; names starting with '.' or '_' are never data). {@link #open} lists
 * the files only; the tasks read line-aligned byte ranges (see {@link TextSplits}) and row ids are
 * line positions (see {@link TextSource}).
 */
public final class LibSvmSource extends TextSource {
  private static final long serialVersionUID = 1L;

  /** Pixels per row unless told otherwise: MNIST's 28×28. */
  public static final int DEFAULT_PIXELS = 784;

  private LibSvmSource(TextSplits splits, int pixels, double pixelMax, String location) {
    super(splits, pixels, pixelMax, location);
  }

  /**
   * Opens a LibSVM file or folder of files (listing only).
   *
   * @param pixels pixels per row (m): the largest allowed index
   * @param pixelMax the value of a white pixel: 255, or 1 for scaled files
   * @throws BadInputException if there is no such file or the folder holds no file
   */
  public static LibSvmSource open(String location, int pixels, double pixelMax, Configuration conf) {
    checkPixelMax(pixelMax);
    if (pixels <= 0) throw new BadInputException("pixels per row must be positive, got " + pixels);
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf);
      boolean named = Listing.status(fs, path, location).isFile()
          || Listing.list(fs, path).stream().anyMatch(s -> s.isFile() && Listing.isLibSvmName(s.getPath().getName()));
      List<FileStatus> files = Listing.textFiles(fs, path, location,
          named ? Listing::isLibSvmName : name -> true, "no file");
      Listing.refuseCompressed(files);
      String where = files.size() == 1 && files.get(0).getPath().equals(fs.makeQualified(path))
          ? files.get(0).getPath().toString() : fs.makeQualified(path).toString();
      return new LibSvmSource(new TextSplits(files), pixels, pixelMax, where);
    } catch (IOException e) {
      throw new UncheckedIOException(location + ": " + e.getMessage(), e);
    }
  }

  /** Whether a line looks like LibSVM: a number, then {@code index:value} tokens (for detection). */
  static boolean looksLike(String line) {
    return line.strip().matches("[+-]?[0-9.]+([eE][+-]?[0-9]+)?([ \\t]+[0-9]+:[^ \\t]+)*([ \\t]+#.*)?");
  }

  @Override
  int parseLine(int file, long offset, byte[] line, int length, byte[] out, int at) throws ValueProblem {
    int i = skipBlank(line, 0, length);
    if (i == length) throw new ValueProblem("empty line: expected 'label index:value ...'");
    if (line[i] == '#') return -1;
    int end = tokenEnd(line, i, length);
    int label;
    try {
      label = label(line, i, end);
    } catch (ValueProblem e) {
      throw new ValueProblem("malformed label: " + e.getMessage());
    }
    long previous = 0;
    for (i = skipBlank(line, end, length); i < length && line[i] != '#'; i = skipBlank(line, end, length)) {
      end = tokenEnd(line, i, length);
      int colon = i;
      while (colon < end && line[colon] != ':') colon++;
      String token = shown(line, i, end);
      if (colon == end) throw new ValueProblem("malformed token " + token + ": no ':' (expected index:value)");
      if (colon == i) throw new ValueProblem("malformed token " + token + ": no index before ':' (expected index:value)");
      if (!digits(line, i, colon)) {
        throw new ValueProblem("malformed token " + token + ": index " + shown(line, i, colon)
            + " is not a whole number (expected index:value)");
      }
      if (colon - i > 18) { // would overflow a long; far beyond any row anyway
        throw new ValueProblem("token " + token + ": index " + shown(line, i, colon) + " beyond the " + pixels
            + " pixels of a row");
      }
      long index = 0;
      for (int k = i; k < colon; k++) index = 10 * index + (line[k] - '0');
      if (index == 0) throw new ValueProblem("token " + token + ": index 0, but indices start at 1");
      if (index > pixels) {
        throw new ValueProblem("token " + token + ": index " + index + " beyond the " + pixels + " pixels of a row");
      }
      if (index <= previous) {
        throw new ValueProblem("token " + token + ": index " + index + " after index " + previous
            + ", but indices must ascend");
      }
      try {
        out[at + (int) index - 1] = (byte) level(line, colon + 1, end);
      } catch (ValueProblem e) {
        throw new ValueProblem("token " + token + ": " + e.getMessage());
      }
      previous = index;
    }
    return label;
  }

  private static boolean digits(byte[] b, int from, int to) {
    for (int k = from; k < to; k++) if (b[k] < '0' || b[k] > '9') return false;
    return true;
  }

  private static int skipBlank(byte[] b, int from, int to) {
    while (from < to && (b[from] == ' ' || b[from] == '\t')) from++;
    return from;
  }

  private static int tokenEnd(byte[] b, int from, int to) {
    while (from < to && b[from] != ' ' && b[from] != '\t') from++;
    return from;
  }

  @Override
  DataFormat format() {
    return DataFormat.LIBSVM;
  }

  @Override
  public String toString() {
    return "LibSvmSource[" + pixels + " pixels, 0-" + format(pixelMax) + ", " + splits.files() + " file(s), "
        + location() + "]";
  }
}
