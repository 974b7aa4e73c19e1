package sparkprop.compare;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The single-node reference's input gradient x.g (the seed's {@code inp.g}), one row of {@code width}
 * values per row id, ids ascending. It is broadcast to the partitions, which compare their own rows'
 * x.g with it and send back only {@link Discrepancy} statistics.
 */
public final class ReferenceInputGradient implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int width;
  private final long[] rowIds;
  private final double[] values;

  /** @param values row k's x.g at {@code [k*width, (k+1)*width)}, in the seed's scale (÷N applied) */
  public ReferenceInputGradient(int width, long[] rowIds, double[] values) {
    if ((long) rowIds.length * width != values.length) throw new IllegalArgumentException("size mismatch");
    for (int k = 1; k < rowIds.length; k++) {
      if (rowIds[k] <= rowIds[k - 1]) throw new IllegalArgumentException("row ids must ascend");
    }
    this.width = width;
    this.rowIds = rowIds;
    this.values = values;
  }

  public int width() {
    return width;
  }

  public int rows() {
    return rowIds.length;
  }

  /** Position of a row id, or -1 when the reference does not hold it. */
  public int indexOf(long rowId) {
    int k = Arrays.binarySearch(rowIds, rowId);
    return k >= 0 ? k : -1;
  }

  /** Element i of the reference row at position k. */
  public double get(int k, int i) {
    return values[k * width + i];
  }
}
