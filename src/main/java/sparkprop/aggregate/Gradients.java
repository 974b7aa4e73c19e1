package sparkprop.aggregate;

import sparkprop.nn.Layout;
import sparkprop.nn.Tensor;

/**
 * The gradient of the mean loss with respect to every parameter, and the loss itself, over
 * {@code rows} rows. θ's layout ({@link Layout}); {@link #tensor} gives each in NumPy's C order.
 */
public final class Gradients {
  public final Layout layout;
  private final double[] gradient;
  public final double loss;
  public final long rows;

  public Gradients(Layout layout, double[] gradient, double loss, long rows) {
    this.layout = layout;
    this.gradient = gradient;
    this.loss = loss;
    this.rows = rows;
  }

  /** The whole gradient in θ's layout, as a fresh array. */
  public double[] gradient() {
    return gradient.clone();
  }

  /** One tensor in C order, shaped as {@link Tensor#numpyShape}. */
  public double[] tensor(Tensor t) {
    return t.toRowMajor(gradient);
  }

  /** ⟨gradient, direction⟩, the directional derivative; direction in θ's layout. */
  public double dot(double[] direction) {
    double s = 0;
    for (int k = 0; k < gradient.length; k++) s += gradient[k] * direction[k];
    return s;
  }

  /** The Euclidean norm of the whole gradient. */
  public double norm() {
    return Math.sqrt(dot(gradient));
  }
}
