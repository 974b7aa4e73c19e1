package sparkprop.screen;

import sparkprop.aggregate.GradientSum;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.Tolerances;
import sparkprop.nn.Tensor;

/**
 * How one replica's partial differs from another's, named as an operator needs it: the tensor, the element
 * (its index in the tensor) that differs most, both values, and the distance in ulps — how many doubles
 * lie between them (the difference of their bit patterns read as ordered integers; a flipped mantissa bit
 * k is 2^k ulps). {@code bitwise} says which rule applied: bit for bit (same kernel on both sides) or the
 * check's tolerance with its absolute floor (different kernels; {@link ComparisonRule}).
 */
record Difference(String tensor, int index, double value, double against, long ulps, boolean bitwise, long elements) {

  /**
   * Null when {@code a} and {@code b} agree: bit for bit in every element, the loss and the row count when
   * {@code bitwise}; else tensor by tensor under {@code tol}'s rule, |a − b| ≤ rtol · max|b| + c·ε·√n·S
   * element by element ({@link Tolerances#within}), S from {@code absoluteTerms} (unscaled, θ's layout; null:
   * no floor, the relative part alone), and the loss with S(loss) = |loss sum of b| (every loss term ≥ 0).
   */
  static Difference of(GradientSum a, GradientSum b, boolean bitwise, Tolerances tol, double[] absoluteTerms) {
    if (a.rows() != b.rows()) return new Difference("rows", 0, a.rows(), b.rows(), Math.abs(a.rows() - b.rows()), bitwise, 1);
    double[] x = a.sums();
    double[] y = b.sums();
    Difference worst = null;
    for (Tensor t : a.layout.tensors()) {
      if (!bitwise && Tolerances.within(absoluteTerms == null ? Discrepancy.of(slice(x, t), slice(y, t))
          : tol.discrepancy(slice(x, t), slice(y, t), slice(absoluteTerms, t)), tol.gradientRtol)) {
        continue;
      }
      Difference d = largest(t.name, x, y, t.offset, t.length(), bitwise);
      if (d != null && (worst == null || d.ulps > worst.ulps)) worst = d;
    }
    double[] la = {a.lossSum()};
    double[] lb = {b.lossSum()};
    if (bitwise || !Tolerances.within(tol.discrepancy(la, lb, new double[] {Math.abs(b.lossSum())}), tol.lossRtol)) {
      Difference d = largest("loss", la, lb, 0, 1, bitwise);
      if (d != null && (worst == null || d.ulps > worst.ulps)) worst = d;
    }
    return worst;
  }

  /** The element of [offset, offset+length) whose bits differ most, with how many differ; null when none. */
  private static Difference largest(String name, double[] x, double[] y, int offset, int length, boolean bitwise) {
    int at = -1;
    long most = 0;
    long differing = 0;
    for (int k = offset; k < offset + length; k++) {
      long u = ulps(x[k], y[k]);
      if (u == 0) continue;
      differing++;
      if (u > most) {
        most = u;
        at = k;
      }
    }
    return at < 0 ? null : new Difference(name, at - offset, x[at], y[at], most, bitwise, differing);
  }

  /** The doubles between a and b: |ord(a) − ord(b)|, ord mapping bit patterns to integers in numeric order (saturating). */
  static long ulps(double a, double b) {
    if (Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b)) return 0;
    long d = ordered(a) - ordered(b);
    return d == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(d);
  }

  private static long ordered(double v) {
    long bits = Double.doubleToRawLongBits(v);
    return bits < 0 ? Long.MIN_VALUE - bits : bits;
  }

  private static double[] slice(double[] x, Tensor t) {
    return java.util.Arrays.copyOfRange(x, t.offset, t.offset + t.length());
  }

  /** "w1[1234]: 0.0123 against 0.0123001, 549755813888 ulps (1 element)". */
  String describe() {
    return tensor + "[" + index + "]: " + value + " against " + against + ", " + ulps + " ulps (" + elements
        + (elements == 1 ? " element" : " elements") + (bitwise ? " differ bit for bit)" : " beyond tolerance)");
  }
}
