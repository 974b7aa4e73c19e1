package sparkprop.nn;

/**
 * The loss at the network's output, block by block. A partition cannot know the global row count N,
 * so a loss returns <em>unscaled</em> pieces: the sum of its terms over the block's rows, and the
 * gradient of that sum. The mean's division (by N·{@link #termsPerRow()}) happens once, after
 * aggregation; every gradient below the loss is linear in {@code out.g}, so scaling at the end is
 * the same maths as the seed's {@code out.g = 2·diff/N}.
 *
 * <p>{@link #backward} uses what {@link #forward} loaded for the same block (as fastai's {@code Mse}
 * remembers its input): call them in that order.
 */
public interface Loss {
  /**
   * @param out    outputs×B, the network's output (logits for cross-entropy)
   * @param labels the chunk's labels; column j of the block is row {@code first + j}
   * @return the sum of the block's loss terms, in double
   */
  double forward(Matrix out, byte[] labels, int first);

  /** @param dout outputs×B, written with ∂(Σ terms)/∂out; @param out outputs×B */
  void backward(Matrix dout, Matrix out, byte[] labels, int first);

  /**
   * {@link #forward} and then {@link #backward} for one block, in one call: the sum of the block's loss
   * terms, and {@code dout} written with its gradient — the same numbers, bit for bit. A loss whose
   * forward and backward share work (cross-entropy's max and exponentials) does it once, in one pass
   * over the block.
   */
  default double forwardBackward(Matrix dout, Matrix out, byte[] labels, int first) {
    double sum = forward(out, labels, first);
    backward(dout, out, labels, first);
    return sum;
  }

  /** The terms each row adds to the mean: its outputs for MSE (the mean is over rows and outputs), 1 for cross-entropy. */
  int termsPerRow();

  /** The loss of this kind for a network with {@code outputs} outputs, buffers for blocks of {@code blockRows}. */
  static Loss of(LossKind kind, Precision precision, int outputs, int blockRows) {
    return kind == LossKind.MSE ? new Mse(precision, outputs, blockRows) : new CrossEntropy();
  }
}
