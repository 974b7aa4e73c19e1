package sparkprop.nn;

/**
 * {@code e^x} for the float32 kernels: about twice as fast as {@link StrictMath#exp} on JDK 17 (whose
 * fdlibm is native code the JIT cannot inline), as reproducible (plain Java arithmetic, strict on every
 * CPU since JEP 306; its table comes from {@link StrictMath#pow}), and accurate far beyond what a float
 * holds: relative error below 2^−46 wherever e^x is a finite non-subnormal double (Float32ExpTest
 * measures it against StrictMath.exp). A float32 result computed from it, rounded once to float, is
 * therefore the float that StrictMath.exp would have given, except when the exact value lies within
 * 2^−46 of the midpoint between two floats — about one element in 2^21 — where it may be the
 * neighbouring float (1 ulp). Float64 keeps StrictMath.exp.
 *
 * <pre>
 *   x·32/ln2 = k + f, k = rint(x·32/ln2) = 32n + j, 0 ≤ j < 32
 *   r = x − k·ln2/32, |r| ≤ ln2/64            (ln2/32 split in hi + lo: k·hi is exact for |k| < 2^21)
 *   e^r ≈ 1 + r + r²/2 + r³/6 + r⁴/24 + r⁵/120  (Taylor to r⁵: the next term, r⁶/720, is below 2^−48.7)
 *   e^x = 2^n · 2^(j/32) · e^r                (2^(j/32) from a table, 2^n into the exponent field)
 * </pre>
 *
 * Below −708 it returns 0 (e^x < 2^−1021, nothing a float or a sum beside 1 can hold), above 709
 * +∞; NaN stays NaN.
 */
final class Float32Exp {
  static final double K_PER_X = 32 / 0.6931471805599453; // 32/ln2
  static final double LN2_32_HI = 6.93147180369123816490e-01 / 32; // fdlibm's ln2_hi: 21 trailing zero bits
  static final double LN2_32_LO = 1.90821492927058770002e-10 / 32; // ln2 − ln2_hi
  static final double[] TWO_TO_J_32 = new double[32];

  static {
    for (int j = 0; j < 32; j++) TWO_TO_J_32[j] = StrictMath.pow(2.0, j / 32.0);
  }

  private Float32Exp() {}

  static double exp(double x) {
    if (!(x > -708.0)) return x != x ? x : 0.0;
    if (x > 709.0) return Double.POSITIVE_INFINITY;
    double kd = Math.rint(x * K_PER_X);
    int k = (int) kd;
    double r = (x - kd * LN2_32_HI) - kd * LN2_32_LO;
    double er = eToR(r);
    double twoToN = Double.longBitsToDouble((long) ((k >> 5) + 1023) << 52);
    return TWO_TO_J_32[k & 31] * er * twoToN;
  }

  /** {@code e^r ≈ 1 + r + r²/2 + r³/6 + r⁴/24 + r⁵/120}, Horner's order: {@link #exp}'s and {@link Sigmoid}'s. */
  static double eToR(double r) {
    return 1.0 + r * (1.0 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120)))));
  }
}
