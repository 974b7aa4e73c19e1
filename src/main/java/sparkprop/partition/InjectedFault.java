package sparkprop.partition;

import sparkprop.nn.MlpShape;

/**
 * The {@code --inject-fault} self-test: corrupts one element of a partition's w1 partial sum as a
 * flipped mantissa bit would — silent data corruption on one executor — so that a run can show the
 * check catches it and names the tensor.
 */
public final class InjectedFault {
  /** Mantissa bit 39 of 52: flipping it changes a double by 2^-13 ≈ 1.2e-4 of its leading power of two. */
  static final int BIT = 39;

  private InjectedFault() {}

  /**
   * Flips bit {@link #BIT} of the largest-magnitude element of w1 in {@code theta} (a partial sum in
   * θ's layout) and returns its index in θ, or -1 when w1 is all zeros (an empty partition).
   */
  public static int flipMantissaBit(double[] theta, MlpShape shape) {
    int from = shape.offset(MlpShape.Tensor.W1);
    int to = from + shape.length(MlpShape.Tensor.W1);
    int at = -1;
    for (int k = from; k < to; k++) {
      if (theta[k] != 0 && (at < 0 || Math.abs(theta[k]) > Math.abs(theta[at]))) at = k;
    }
    if (at >= 0) theta[at] = Double.longBitsToDouble(Double.doubleToRawLongBits(theta[at]) ^ (1L << BIT));
    return at;
  }
}
