package sparkprop.nn;

/**
 * What a {@link GradientPass} holds, in bytes, from the layer sizes alone (in long arithmetic, so that a
 * network too large for one array can be measured too): for checking a run against the heaps before
 * anything of that size is allocated.
 *
 * <pre>
 *   sums     8·P, and in float32 also the 4·P float buffer the layers write into
 *   blocks   B·(m [x, or as much of a converted chunk] + m [x.g, when asked for] + nK [MSE's target]
 *             + Σ_{k&lt;K} 4·n_k [z, a, z.g, a.g] + 2·nK [z, z.g of the output]) values of 8 or 4 bytes
 * </pre>
 * B is the widest block the pass meets: {@code min(blockRows, rows of the largest chunk)}.
 */
public final class PassFootprint {
  private PassFootprint() {}

  /** Bytes of a pass over blocks of {@code columns} rows; Long.MAX_VALUE when that overflows. */
  public static long bytes(int[] sizes, Precision precision, long columns, boolean inputGradient) {
    long perColumn = sizes[0] * (inputGradient ? 2L : 1L) + sizes[sizes.length - 1];
    for (int k = 1; k < sizes.length; k++) perColumn += (k < sizes.length - 1 ? 4L : 2L) * sizes[k];
    boolean f64 = precision == Precision.FLOAT64;
    try {
      return Math.addExact(Math.multiplyExact(Layout.parameters(sizes), f64 ? 8 : 12),
          Math.multiplyExact(Math.multiplyExact(columns, perColumn), f64 ? 8 : 4));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
