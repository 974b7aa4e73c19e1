package sparkprop.compare;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The single-node reference's input gradient x.g (the seed's {@code inp.g}), one row of {@code width}
 * values per row id, ids ascending. It is broadcast to the partitions, which compare their own rows'
 * x.g with it and send back only {@link Discrepancy} statistics. Each row also carries its S, the
 * largest of its elements' sums of absolute terms ({@code nn.AbsoluteTerms}): one double per row,
 * the scale of the floor ({@link Tolerances}) of each of the row's elements.
 */
public final class ReferenceInputGradient implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int width;
  private final long[] rowIds;
  private final double[] values;
  private final double[] absoluteTerms;

  /**
   * @param values        row k's x.g at {@code [k*width, (k+1)*width)}, in the seed's scale (÷N applied)
   * @param absoluteTerms row k's S, in the same scale
   */
  public ReferenceInputGradient(int width, long[] rowIds, double[] values, double[] absoluteTerms) {
    if ((long) rowIds.length * width != values.length || absoluteTerms.length != rowIds.length) {
      throw new IllegalArgumentException("size mismatch");
    }
    for (int k = 1; k < rowIds.length; k++) {
      if (rowIds[k] <= rowIds[k - 1]) throw new IllegalArgumentException("row ids must ascend");
    }
    this.width = width;
    this.rowIds = rowIds;
    this.values = values;
    this.absoluteTerms = absoluteTerms;
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

  /** S of the reference row at position k: the scale of the floor of each of its elements. */
  public double absoluteTerms(int k) {
    return absoluteTerms[k];
  }

  /** Element i of the reference row at position k. */
  public double get(int k, int i) {
    return values[k * width + i];
  }
}
