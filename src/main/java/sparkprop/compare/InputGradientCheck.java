package sparkprop.compare;

import sparkprop.nn.InputGradientSink;
import sparkprop.nn.Matrix;

/**
 * Compares each block's x.g, as a partition computes it, with the reference's x.g for the same row
 * ids, folding the differences into a {@link Discrepancy}. Rows the reference does not hold are
 * counted in {@link #unmatchedRows()}, not compared.
 */
public final class InputGradientCheck implements InputGradientSink {
  private final ReferenceInputGradient reference;
  private final double scale;
  private final Discrepancy discrepancy = new Discrepancy();
  private long unmatchedRows;

  /** @param scale 1/N: turns the kernel's unscaled dx into the seed's x.g */
  public InputGradientCheck(ReferenceInputGradient reference, double scale) {
    this.reference = reference;
    this.scale = scale;
  }

  @Override
  public void accept(long[] rowIds, int first, Matrix dx) {
    int m = dx.rows();
    for (int j = 0; j < dx.cols(); j++) {
      int k = reference.indexOf(rowIds[first + j]);
      if (k < 0) {
        unmatchedRows++;
        continue;
      }
      for (int i = 0; i < m; i++) discrepancy.observe(dx.get(i, j) * scale, reference.get(k, i));
    }
  }

  public Discrepancy discrepancy() {
    return discrepancy;
  }

  public long unmatchedRows() {
    return unmatchedRows;
  }
}
