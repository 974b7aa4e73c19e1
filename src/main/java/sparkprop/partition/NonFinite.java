package sparkprop.partition;

import sparkprop.aggregate.GradientSum;
import sparkprop.nn.MlpShape;

/** Finds where NaN or ±∞ first shows in a partial sum, in the order the pass computes: loss, w2, b2, w1, b1. */
final class NonFinite {
  private static final MlpShape.Tensor[] BACKWARD_ORDER = {
    MlpShape.Tensor.W2, MlpShape.Tensor.B2, MlpShape.Tensor.W1, MlpShape.Tensor.B1
  };

  private NonFinite() {}

  /** "loss", "w2", "b2", "w1" or "b1"; null when every number is finite. */
  static String firstTensor(GradientSum sum) {
    if (!Double.isFinite(sum.squaredErrors())) return "loss";
    double[] theta = sum.theta();
    for (MlpShape.Tensor t : BACKWARD_ORDER) {
      int off = sum.shape.offset(t);
      for (int k = 0; k < sum.shape.length(t); k++) {
        if (!Double.isFinite(theta[off + k])) return t.key;
      }
    }
    return null;
  }
}
