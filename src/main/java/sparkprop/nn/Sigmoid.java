package sparkprop.nn;

import static sparkprop.nn.Float32Exp.K_PER_X;
import static sparkprop.nn.Float32Exp.LN2_32_HI;
import static sparkprop.nn.Float32Exp.LN2_32_LO;
import static sparkprop.nn.Float32Exp.TWO_TO_J_32;

/**
 * The sigmoid's forward loop, {@code a = 1 / (1 + e^−z)} over n elements, for {@link Activation}'s
 * kernels: in float64 element by element with {@link StrictMath#exp}; in float32 the bits of
 * {@code (float) (1.0 / (1.0 + Float32Exp.exp(-z)))} exactly (SigmoidTest; all 2^32 floats once by
 * SigmoidProfile), computed in stages over a small reused buffer so that C2's superword vectorises
 * the arithmetic. Element by element the loop stays scalar — Float32Exp's table look-up, its
 * branches and its int and bit conversions are nothing JDK 17 puts in lanes — and costs 5–9 ns on
 * this project's machine; in stages 0.60–0.65 of that (BENCHMARKS "Issue 21, the sigmoid").
 *
 * <pre>
 *   1  x = −z, widened to double                      scalar (JDK 17 does not vectorise float → double)
 *   2  s  = x·32/ln2 + 1.5·2^52                       vectorised: plain double mul, add, sub
 *      kd = s − 1.5·2^52                              (= Math.rint(x·32/ln2), half to even, for
 *      r  = (x − kd·hi) − kd·lo                        |x·32/ln2| < 2^51; here |x| ≤ 709)
 *      e^r by Float32Exp.eToR
 *   3  e = 2^(j/32) · e^r · 2^n, k = 32n + j          scalar: table and branches; NaN, ±∞ and x outside
 *      from s's raw bits; Float32Exp's 0 / NaN / +∞    (−708, 709] take Float32Exp's branches and
 *      outside (−708, 709]                             ignore stage 2's s and e^r
 *   4  a = 1 / (1 + e)                                vectorised
 *   5  out = (float) a                                scalar
 * </pre>
 *
 * Each stage is the same IEEE double operations in the same order as Float32Exp.exp and the kernel's
 * {@code 1.0f / (1.0f + e)}, so vector lanes round as the scalar code does. k's bits: s = 1.5·2^52 + k
 * exactly, so s's raw bits are 1.5·2^52's plus k (two's complement in the low 51 bits); their low five
 * bits are j, and {@code ((bits >> 5) + 1023) << 52} drops everything above n + 1023 — 2^n's bits.
 */
final class Sigmoid {
  /** Elements per stage: the three buffers (6 KiB) stay in L1 beside the streamed z and a. */
  static final int STAGE = 256;
  private static final double ROUND = 0x1.8p52; // 1.5·2^52: x + ROUND − ROUND is rint(x) for |x| < 2^51
  private static final ThreadLocal<double[][]> BUFFERS = ThreadLocal.withInitial(() -> new double[3][STAGE]);

  private Sigmoid() {}

  /** {@code out[o + k] = 1 / (1 + e^−in[i + k])}, k < n, with StrictMath's e^x. */
  static void forward(double[] out, int o, double[] in, int i, int n) {
    for (int k = 0; k < n; k++) out[o + k] = 1.0 / (1.0 + StrictMath.exp(-in[i + k]));
  }

  /** {@code out[o + k] = (float) (1 / (1 + Float32Exp.exp(−in[i + k])))}, k < n, bit for bit, in stages. */
  static void forward(float[] out, int o, float[] in, int i, int n) {
    double[][] buffers = BUFFERS.get();
    double[] x = buffers[0];
    double[] shifted = buffers[1];
    double[] e = buffers[2];
    for (int first = 0; first < n; first += STAGE) {
      int m = Math.min(STAGE, n - first);
      int from = i + first;
      for (int k = 0; k < m; k++) x[k] = -in[from + k];
      for (int k = 0; k < m; k++) {
        double s = x[k] * K_PER_X + ROUND;
        double kd = s - ROUND;
        shifted[k] = s;
        e[k] = Float32Exp.eToR((x[k] - kd * LN2_32_HI) - kd * LN2_32_LO);
      }
      for (int k = 0; k < m; k++) e[k] = scaled(x[k], shifted[k], e[k]);
      for (int k = 0; k < m; k++) e[k] = 1.0 / (1.0 + e[k]);
      int to = o + first;
      for (int k = 0; k < m; k++) out[to + k] = (float) e[k];
    }
  }

  /** Float32Exp.exp(x) from stage 2's s and e^r: {@code 2^(j/32) · e^r · 2^n}, and its edges. */
  private static double scaled(double x, double s, double eToR) {
    if (!(x > -708.0)) return x != x ? x : 0.0;
    if (x > 709.0) return Double.POSITIVE_INFINITY;
    long bits = Double.doubleToRawLongBits(s);
    return TWO_TO_J_32[(int) bits & 31] * eToR * Double.longBitsToDouble(((bits >> 5) + 1023) << 52);
  }
}
