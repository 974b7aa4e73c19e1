package sparkprop.aggregate;

import java.io.Serializable;
import sparkprop.nn.Layout;

/**
 * Unscaled sums over some rows: Σ of each row's gradient contribution in θ's layout, Σ of the loss
 * terms, and the row count. Partitions produce these; adding them is exact maths (rounding aside),
 * and dividing once by the global count gives the mean gradient ({@link #mean()}).
 */
public final class GradientSum implements Serializable {
  private static final long serialVersionUID = 3L;

  public final Layout layout;
  /** Written as raw bytes by {@link #writeObject}: every partial crosses to the driver, ~0.3 MB for the seed's θ. */
  transient double[] sums;
  double lossSum;
  long rows;
  /** Loss terms per row: the mean divides by rows × this (outputs for MSE, 1 for cross-entropy). */
  public final int termsPerRow;

  public GradientSum(Layout layout, double[] sums, double lossSum, long rows, int termsPerRow) {
    if (sums.length != layout.size()) throw new IllegalArgumentException("sums length " + sums.length + ", θ's " + layout.size());
    this.layout = layout;
    this.sums = sums;
    this.lossSum = lossSum;
    this.rows = rows;
    this.termsPerRow = termsPerRow;
  }

  public static GradientSum zero(Layout layout, int termsPerRow) {
    return new GradientSum(layout, new double[layout.size()], 0, 0, termsPerRow);
  }

  /** A copy that shares nothing with this sum. */
  public GradientSum copy() {
    return new GradientSum(layout, sums.clone(), lossSum, rows, termsPerRow);
  }

  /** Adds {@code other} into this sum, element by element, and returns this. */
  public GradientSum add(GradientSum other) {
    if (!other.layout.equals(layout)) throw new IllegalArgumentException(other.layout + " + " + layout);
    double[] o = other.sums;
    for (int k = 0; k < sums.length; k++) sums[k] += o[k];
    lossSum += other.lossSum;
    rows += other.rows;
    return this;
  }

  public long rows() {
    return rows;
  }

  public double lossSum() {
    return lossSum;
  }

  /** The sums in θ's layout (live array: callers that modify it are changing this sum). */
  public double[] sums() {
    return sums;
  }

  /** The sums as one block of raw bytes ({@link sparkprop.nn.RawDoubles}). */
  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.defaultWriteObject();
    sparkprop.nn.RawDoubles.write(out, sums);
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    sums = sparkprop.nn.RawDoubles.read(in, layout.size());
  }

  /** The mean over all rows summed here: gradient = Σ/(N·terms), loss = Σ terms/(N·terms). */
  public Gradients mean() {
    if (rows == 0) throw new IllegalStateException("no rows to average");
    double n = (double) rows * termsPerRow;
    double[] g = new double[sums.length];
    for (int k = 0; k < g.length; k++) g[k] = sums[k] / n;
    return new Gradients(layout, g, lossSum / n, rows);
  }
}
