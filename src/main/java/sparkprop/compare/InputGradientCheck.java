package sparkprop.compare;

import sparkprop.nn.InputGradientSink;
import sparkprop.nn.Matrix;

/**
 * Compares each block's x.g, as a partition computes it, with the reference's x.g for the same row
 * ids, folding the differences into a {@link Discrepancy}. Every row a partition passes here is one
 * the reference holds (both select the same rows), so a missing row is a bug, not data.
 */
public final class InputGradientCheck implements InputGradientSink {
  private final ReferenceInputGradient reference;
  private final double scale;
  private final Tolerances tolerances;
  private final Discrepancy discrepancy = new Discrepancy();

  /**
   * @param scale      1/(N·terms per row): turns the kernel's unscaled dx into the seed's x.g
   * @param tolerances whose floor each element gets, from its row's S
   */
  public InputGradientCheck(ReferenceInputGradient reference, double scale, Tolerances tolerances) {
    this.reference = reference;
    this.scale = scale;
    this.tolerances = tolerances;
  }

  @Override
  public void accept(long[] rowIds, int first, Matrix dx) {
    int m = dx.rows();
    for (int j = 0; j < dx.cols(); j++) {
      int k = reference.indexOf(rowIds[first + j]);
      if (k < 0) throw new IllegalStateException("row id " + rowIds[first + j] + " is not in the reference");
      double floor = tolerances.rowFloor(reference.absoluteTerms(k));
      for (int i = 0; i < m; i++) discrepancy.observe(dx.get(i, j) * scale, reference.get(k, i), floor);
    }
  }

  public Discrepancy discrepancy() {
    return discrepancy;
  }
}
