package sparkprop.nn;

import java.io.Serializable;
import java.util.Random;

/**
 * The MLP's parameters θ = (w1, b1, w2, b2) in double, laid out by {@link MlpShape}. Immutable; it is
 * broadcast to the executors, which round it to the run's precision in {@link Mlp}.
 */
public final class Parameters implements Serializable {
  private static final long serialVersionUID = 1L;

  private final MlpShape shape;
  private final double[] theta;

  public Parameters(MlpShape shape, double[] theta) {
    if (theta.length != shape.size()) {
      throw new IllegalArgumentException(theta.length + " values for an MLP " + shape + " of " + shape.size());
    }
    this.shape = shape;
    this.theta = theta.clone();
  }

  /** The seed's initialisation: w1, w2 ~ N(0, 1) (java.util.Random, so not torch's stream), zero biases. */
  public static Parameters standardNormal(MlpShape shape, long seed) {
    Random random = new Random(seed);
    double[] theta = new double[shape.size()];
    int w1 = shape.offset(MlpShape.Tensor.W1);
    for (int k = 0; k < shape.length(MlpShape.Tensor.W1); k++) theta[w1 + k] = random.nextGaussian();
    int w2 = shape.offset(MlpShape.Tensor.W2);
    for (int k = 0; k < shape.length(MlpShape.Tensor.W2); k++) theta[w2 + k] = random.nextGaussian();
    return new Parameters(shape, theta);
  }

  public MlpShape shape() {
    return shape;
  }

  /** θ as a fresh array. */
  public double[] theta() {
    return theta.clone();
  }

  double at(int k) {
    return theta[k];
  }

  /** θ + step·direction, for finite differences; direction has θ's layout. */
  public Parameters plus(double step, double[] direction) {
    double[] moved = theta.clone();
    for (int k = 0; k < moved.length; k++) moved[k] += step * direction[k];
    return new Parameters(shape, moved);
  }
}
