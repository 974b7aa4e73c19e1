package sparkprop.nn;

/**
 * Softmax over the outputs and −log p(label), as {@code F.cross_entropy} on logits:
 *
 * <pre>
 *   terms  Σ_rows logsumexp(out) − out[label]     (stable: the column's max is subtracted first)
 *   out.g  softmax(out) − onehot(label)           (the mean's 1/N applied after aggregation)
 * </pre>
 */
final class CrossEntropy implements Loss {
  @Override
  public double forward(Matrix out, byte[] labels, int first) {
    return out.crossEntropy(labels, first);
  }

  @Override
  public void backward(Matrix dout, Matrix out, byte[] labels, int first) {
    dout.crossEntropyGradient(out, labels, first);
  }

  @Override
  public int termsPerRow() {
    return 1;
  }
}
