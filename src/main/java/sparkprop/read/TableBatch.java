package sparkprop.read;

import java.util.Arrays;
import sparkprop.BadInputException;
import sparkprop.rows.RowChunk;

/**
 * Rows of one table file being read into a {@link RowChunk}: pixels become grey bytes, labels class
 * numbers, and every refusal names the file, the row (in the file, from 0) and the column.
 *
 * <p>sparkprop keeps grey-level images: a value v becomes the byte {@code l = v·255/pixelMax}, which
 * must be a whole number in [0, 255] to within {@value #LEVEL_TOLERANCE} — so k/255 doubles with
 * {@code --pixel-max 1} are cached as the very bytes IDX holds; anything else (normalised, negative,
 * NaN) is refused.
 */
final class TableBatch {
  /** How far {@code v·255/pixelMax} may lie from a whole level: room for a double's rounding, no more. */
  static final double LEVEL_TOLERANCE = 1e-9;
  /** Labels are classes 0–9, as in every other format. */
  static final int MAX_LABEL = 9;

  private final String file;
  private final TableLayout layout;
  private final double pixelMax;
  private final long firstRowInFile;
  private final long firstId;
  final int width;
  final int count;
  final byte[] pixels;
  final byte[] labels;

  /** {@code count} rows of the file {@code read} names, from its row {@code firstRowInFile}, all zero. */
  TableBatch(TableRead read, long firstRowInFile, int count) {
    this.file = read.file();
    this.layout = read.layout();
    this.pixelMax = read.pixelMax();
    this.firstRowInFile = firstRowInFile;
    this.firstId = read.firstId() + firstRowInFile;
    this.width = read.width();
    this.count = count;
    this.pixels = new byte[Math.multiplyExact(width, count)];
    this.labels = new byte[count];
  }

  /** Pixel {@code j} of row {@code r} is {@code v}: its grey level {@code v·255/pixelMax}. */
  void pixel(int r, int j, double v) {
    int whole = (int) v;
    if (whole == v && whole >= 0 && whole <= 255 && pixelMax == 255) { // a byte's value: the usual case, exact
      pixels[r * width + j] = (byte) whole;
      return;
    }
    double scaled = pixelMax == 255 ? v : v * 255 / pixelMax;
    double level = Math.rint(scaled);
    if (!(Math.abs(scaled - level) <= LEVEL_TOLERANCE && level >= 0 && level <= 255)) {
      throw bad(r, layout.pixelColumn(j), (layout.columnPerPixel() ? "" : "element " + j + ": ") + "value " + v
          + " is not a grey level: only grey levels are supported (value x 255 / --pixel-max "
          + TextSource.format(pixelMax) + " must be a whole number 0-255)");
    }
    pixels[r * width + j] = (byte) level;
  }

  /** Pixel {@code j} of row {@code r} is the unsigned byte {@code b} (a binary column): a grey level itself. */
  void pixelByte(int r, int j, byte b) {
    if (pixelMax != 255) pixel(r, j, b & 0xff);
    else pixels[r * width + j] = b;
  }

  /** Row {@code r}'s label is {@code v}: a whole number 0–9. */
  void label(int r, double v) {
    if (!(v >= 0 && v <= MAX_LABEL && v == Math.rint(v))) {
      throw bad(r, layout.label, "label " + v + " outside 0-" + MAX_LABEL + " (a whole class number)");
    }
    labels[r] = (byte) v;
  }

  /** Refuses a row holding {@code n} values (a dense vector, an array, bytes) when the table's rows hold {@link #width}. */
  void checkLength(int r, long n) {
    if (n != width) throw wrongSize(r, n + " values");
  }

  /** Refuses a sparse vector of another size than {@link #width}, before reading its entries. */
  void checkSize(int r, int size) {
    if (size != width) throw wrongSize(r, "a sparse vector of size " + size);
  }

  /** Refuses entry {@code k} of a sparse vector with an index outside the vector. */
  void checkIndex(int r, int k, int index) {
    if (index < 0 || index >= width) {
      throw bad(r, layout.pixelColumns[0], "sparse vector index " + index + " (entry " + k + ") outside 0-" + (width - 1));
    }
  }

  private BadInputException wrongSize(int r, String what) {
    return bad(r, layout.pixelColumns[0], what + ", but the table's first row has " + width
        + " pixels: every row must have as many");
  }

  /** Bad input naming the file, row {@code r} of this batch and the column. */
  BadInputException bad(int r, String column, String problem) {
    return BadInputException.inFile(file, "row " + (firstRowInFile + r) + ": column " + column + ": " + problem);
  }

  BadInputException nullValue(int r, String column) {
    return bad(r, column, "null");
  }

  /** The first {@code rows} rows as a chunk, their ids the file's first id plus their rows in the file. */
  RowChunk chunk(int rows) {
    if (rows == count) return RowChunk.consecutive(width, pixels, labels, firstId);
    return RowChunk.consecutive(width, Arrays.copyOf(pixels, rows * width), Arrays.copyOf(labels, rows), firstId);
  }
}
