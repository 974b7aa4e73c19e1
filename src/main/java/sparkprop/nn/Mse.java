package sparkprop.nn;

/**
 * The seed's {@code Mse} on one output: loss = mean over rows of (out − y)².
 *
 * <p>A partition cannot know the global row count N, so these return the <em>unscaled</em> pieces:
 * the sum of squared errors, and {@code 2·(out − y)} for {@code out.g}. The seed's division by N
 * happens once, after aggregation. Every gradient below the loss is linear in {@code out.g}, so
 * scaling at the end is the same maths as the seed's {@code out.g = 2·diff/N}.
 */
public final class Mse {
  private Mse() {}

  /** @param out 1×B; @param target 1×B; @return Σ (out − y)² */
  public static double forward(Matrix out, Matrix target) {
    return out.squaredError(target);
  }

  /** @param dout 1×B, written with 2·(out − y); @param out 1×B; @param target 1×B */
  public static void backward(Matrix dout, Matrix out, Matrix target) {
    dout.scaledDifference(2.0, out, target);
  }
}
