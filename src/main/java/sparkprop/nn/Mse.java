package sparkprop.nn;

/**
 * The seed's {@code Mse}, as {@code F.mse_loss}: the mean over rows and outputs of (out − t)². With
 * one output t is the label as a number (the seed's regression on the digit's value: 5 is a better
 * guess for 6 than 2); with several, t is the one-hot label.
 *
 * <pre>
 *   terms  Σ (out − t)²                   (the mean divides by N·outputs, after aggregation)
 *   out.g  2·(out − t)                    seed: out.g = 2·diff/N, the /N applied at the end
 * </pre>
 */
final class Mse implements Loss {
  private final Matrix target; // outputs×B

  Mse(Precision precision, int outputs, int blockRows) {
    this.target = Matrix.zeros(precision, outputs, blockRows);
  }

  @Override
  public double forward(Matrix out, byte[] labels, int first) {
    if (target.rows() == 1) target.loadLabels(labels, first, out.cols());
    else target.loadOneHot(labels, first, out.cols());
    return out.squaredError(target);
  }

  @Override
  public void backward(Matrix dout, Matrix out, byte[] labels, int first) {
    dout.scaledDifference(2.0, out, target);
  }

  @Override
  public int termsPerRow() {
    return target.rows();
  }
}
