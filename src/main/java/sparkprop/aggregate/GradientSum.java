package sparkprop.aggregate;

import java.io.Serializable;
import sparkprop.nn.MlpShape;

/**
 * Unscaled sums over some rows: Σ of each row's gradient contribution in θ's layout, Σ (out − y)², and
 * the row count. Partitions produce these; adding them is exact maths (rounding aside), and dividing
 * once by the global row count gives the seed's mean gradient ({@link #mean()}).
 */
public final class GradientSum implements Serializable {
  private static final long serialVersionUID = 1L;

  public final MlpShape shape;
  final double[] theta;
  double squaredErrors;
  long rows;

  public GradientSum(MlpShape shape, double[] theta, double squaredErrors, long rows) {
    if (theta.length != shape.size()) throw new IllegalArgumentException("θ length " + theta.length);
    this.shape = shape;
    this.theta = theta;
    this.squaredErrors = squaredErrors;
    this.rows = rows;
  }

  public static GradientSum zero(MlpShape shape) {
    return new GradientSum(shape, new double[shape.size()], 0, 0);
  }

  /** Adds {@code other} into this sum, element by element, and returns this. */
  public GradientSum add(GradientSum other) {
    if (!other.shape.equals(shape)) throw new IllegalArgumentException(other.shape + " + " + shape);
    for (int k = 0; k < theta.length; k++) theta[k] += other.theta[k];
    squaredErrors += other.squaredErrors;
    rows += other.rows;
    return this;
  }

  public long rows() {
    return rows;
  }

  public double squaredErrors() {
    return squaredErrors;
  }

  /** The sums in θ's layout (live array: callers that modify it are changing this sum). */
  public double[] theta() {
    return theta;
  }

  /** The mean over all rows summed here: gradient = Σ/N, loss = Σ(out − y)²/N. */
  public Gradients mean() {
    if (rows == 0) throw new IllegalStateException("no rows to average");
    double[] g = new double[theta.length];
    for (int k = 0; k < g.length; k++) g[k] = theta[k] / rows;
    return new Gradients(shape, g, squaredErrors / rows, rows);
  }
}
