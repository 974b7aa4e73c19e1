package sparkprop.check;

import sparkprop.nn.Tensor;

/**
 * The {@code --inject-fault} self-test: corrupts one element of a partition's partial sum as a
 * flipped mantissa bit would — silent data corruption on one executor — so that a run can show the
 * check catches it and names the tensor ({@code --fault-tensor}, w1 by default; any layer's).
 */
public final class InjectedFault {
  /** Mantissa bit 39 of 52: flipping it changes a double by 2^-13 ≈ 1.2e-4 of its leading power of two. */
  static final int BIT = 39;

  private InjectedFault() {}

  /**
   * Flips bit {@link #BIT} of the largest-magnitude element of tensor t in {@code theta} (a partial
   * sum in θ's layout) and returns its index in θ, or -1 when t is all zeros (an empty partition).
   */
  public static int flipMantissaBit(double[] theta, Tensor t) {
    int at = -1;
    for (int k = t.offset; k < t.offset + t.length(); k++) {
      if (theta[k] != 0 && (at < 0 || Math.abs(theta[k]) > Math.abs(theta[at]))) at = k;
    }
    if (at >= 0) theta[at] = Double.longBitsToDouble(Double.doubleToRawLongBits(theta[at]) ^ (1L << BIT));
    return at;
  }
}
