package sparkprop.rows;

import java.io.Serializable;

/**
 * A run of dataset rows held compactly: the cached form of the data (pixels stay bytes; no per-row
 * objects).
 *
 * <p>{@code pixels} holds {@code count} images of {@code width} bytes each, image r at
 * {@code [r*width, (r+1)*width)} — read as a column-major {@code width × count} matrix, one column per
 * row, which is exactly the layout the kernel stacks into blocks. {@code labels[r]} is the digit
 * (0–9) of image r and {@code rowIds[r]} its stable id, ascending in file order: the index for IDX
 * and PNG, the line's byte offset for CSV and LibSVM.
 */
public final class RowChunk implements Serializable {
  private static final long serialVersionUID = 1L;

  public final int width;
  public final int count;
  public final byte[] pixels;
  public final byte[] labels;
  public final long[] rowIds;

  public RowChunk(int width, byte[] pixels, byte[] labels, long[] rowIds) {
    if (width <= 0) throw new IllegalArgumentException("width must be positive: " + width);
    int n = labels.length;
    if (rowIds.length != n || (long) n * width != pixels.length) {
      throw new IllegalArgumentException(
          "inconsistent chunk: " + n + " labels, " + rowIds.length + " ids, " + pixels.length
              + " pixel bytes for width " + width);
    }
    this.width = width;
    this.count = n;
    this.pixels = pixels;
    this.labels = labels;
    this.rowIds = rowIds;
  }

  /** Rows with consecutive ids {@code firstRowId, firstRowId+1, …}. */
  public static RowChunk consecutive(int width, byte[] pixels, byte[] labels, long firstRowId) {
    long[] ids = new long[labels.length];
    for (int r = 0; r < ids.length; r++) ids[r] = firstRowId + r;
    return new RowChunk(width, pixels, labels, ids);
  }

  /** The rows of several chunks of one width, in order, as one chunk. */
  public static RowChunk concat(int width, java.util.List<RowChunk> chunks) {
    if (chunks.size() == 1) return chunks.get(0);
    long n = 0;
    for (RowChunk c : chunks) n += c.count;
    if (n * width > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(n + " rows do not fit one chunk");
    byte[] pixels = new byte[(int) n * width];
    byte[] labels = new byte[(int) n];
    long[] ids = new long[(int) n];
    int at = 0;
    for (RowChunk c : chunks) {
      if (c.width != width) throw new IllegalArgumentException("width " + c.width + " among " + width);
      System.arraycopy(c.pixels, 0, pixels, at * width, c.count * width);
      System.arraycopy(c.labels, 0, labels, at, c.count);
      System.arraycopy(c.rowIds, 0, ids, at, c.count);
      at += c.count;
    }
    return new RowChunk(width, pixels, labels, ids);
  }

  /** Rows {@code [from, to)} of this chunk as a chunk of their own (copied). */
  public RowChunk slice(int from, int to) {
    return new RowChunk(width, java.util.Arrays.copyOfRange(pixels, from * width, to * width),
        java.util.Arrays.copyOfRange(labels, from, to), java.util.Arrays.copyOfRange(rowIds, from, to));
  }

  /** Pixel i of row r as an unsigned byte value 0–255. */
  public int pixel(int r, int i) {
    return pixels[r * width + i] & 0xff;
  }
}
