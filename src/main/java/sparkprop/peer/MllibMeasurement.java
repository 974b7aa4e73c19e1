package sparkprop.peer;

import java.util.List;
import sparkprop.aggregate.Gradients;

/**
 * What MLlib computed on the rows, in sparkprop's layout: its gradient and loss as its optimizer gets
 * them (a mean of block means), the same block gradients re-weighted by their rows (the exact mean),
 * and how the rows fell into blocks.
 */
public final class MllibMeasurement {
  public final String sparkVersion;
  public final int blockSize;
  /** Σ n_b: every row. */
  public final long rows;
  /** B, the count MLlib divides by: {@code data.count()} of the stacked RDD. */
  public final long blocks;
  /** MLlib's gradient and loss, {@code (1/B)·Σ_b g_b} and {@code Σ_b l_b / B}, converted to θ's layout. */
  public final Gradients mllib;
  /** {@code Σ_b n_b·g_b / Σ_b n_b} and {@code Σ_b n_b·l_b / Σ_b n_b}: MLlib's block gradients, re-weighted. */
  public final Gradients reweighted;
  /** Per partition, in partition order: n_b of each block. */
  public final List<int[]> blockRows;

  MllibMeasurement(String sparkVersion, int blockSize, long rows, long blocks, Gradients mllib, Gradients reweighted,
      List<int[]> blockRows) {
    this.sparkVersion = sparkVersion;
    this.blockSize = blockSize;
    this.rows = rows;
    this.blocks = blocks;
    this.mllib = mllib;
    this.reweighted = reweighted;
    this.blockRows = blockRows;
  }

  /** Whether every block holds the same number of rows, the one case where a mean of block means is the mean. */
  public boolean blocksEqual() {
    int size = -1;
    for (int[] part : blockRows) {
      for (int n : part) {
        if (size >= 0 && n != size) return false;
        size = n;
      }
    }
    return true;
  }

  /** Partition p's blocks as runs of equal sizes: "128×7 + 57", "no rows". */
  public String describe(int p) {
    return describe(blockRows.get(p));
  }

  static String describe(int[] sizes) {
    if (sizes.length == 0) return "no rows";
    StringBuilder b = new StringBuilder();
    for (int from = 0; from < sizes.length; ) {
      int to = from;
      while (to < sizes.length && sizes[to] == sizes[from]) to++;
      if (b.length() > 0) b.append(" + ");
      b.append(sizes[from]);
      if (to - from > 1) b.append('×').append(to - from);
      from = to;
    }
    return b.toString();
  }
}
