package sparkprop.nn;

import java.io.Serializable;
import java.util.Random;

/**
 * A network's parameters θ = (w1, b1, …, wK, bK) in double, laid out by {@link Layout}. Immutable; it
 * travels to the executors inside the pass's tasks or as a broadcast (the pass decides by its size), and
 * they round it to the run's precision in {@link Network}.
 */
public final class Parameters implements Serializable {
  private static final long serialVersionUID = 3L;

  private final Layout layout;
  /** Written as raw bytes ({@link #writeObject}): θ goes to the executors on every pass. */
  private transient double[] theta;

  public Parameters(Layout layout, double[] theta) {
    if (theta.length != layout.size()) {
      throw new IllegalArgumentException(theta.length + " values for a network " + layout + " of " + layout.size());
    }
    this.layout = layout;
    this.theta = theta.clone();
  }

  /**
   * Random weights, zero biases: every weight is {@code init.scale(fan_in) · N(0, 1)}, drawn from one
   * {@code java.util.Random(seed)} (so not torch's stream) layer after layer, in θ's order. With
   * {@link Init#RANDN} and 784-50-1 this is the seed's w1, w2 ~ randn.
   */
  public static Parameters random(Layout layout, Init init, long seed) {
    Random random = new Random(seed);
    double[] theta = new double[layout.size()];
    for (int k = 1; k <= layout.layers(); k++) {
      Tensor w = layout.weight(k);
      double scale = init.scale(w.rows);
      for (int i = 0; i < w.length(); i++) theta[w.offset + i] = random.nextGaussian() * scale;
    }
    return new Parameters(layout, theta);
  }

  public Layout layout() {
    return layout;
  }

  /** θ as a fresh array. */
  public double[] theta() {
    return theta.clone();
  }

  /** θ itself, not a copy: for this package's readers, which must not write it. */
  double[] values() {
    return theta;
  }

  /** θ as one block of raw bytes ({@link RawDoubles}). */
  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.defaultWriteObject();
    RawDoubles.write(out, theta);
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    theta = RawDoubles.read(in, layout.size());
  }

  /** θ + step·direction, for finite differences; direction has θ's layout. */
  public Parameters plus(double step, double[] direction) {
    double[] moved = theta.clone();
    for (int k = 0; k < moved.length; k++) moved[k] += step * direction[k];
    return new Parameters(layout, moved);
  }
}
