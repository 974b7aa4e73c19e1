package sparkprop.pass;

import sparkprop.aggregate.GradientSum;
import sparkprop.nn.Tensor;

/**
 * Finds where NaN or ±∞ first shows in a partial sum, in the order the pass computes: the loss, then
 * the tensors from the last layer back (wK, bK, …, w1, b1).
 */
final class NonFinite {
  private NonFinite() {}

  /** "loss" or a tensor's name; null when every number is finite. */
  static String firstTensor(GradientSum sum) {
    if (!Double.isFinite(sum.lossSum())) return "loss";
    double[] sums = sum.sums();
    for (int k = sum.layout.layers(); k >= 1; k--) {
      for (Tensor t : new Tensor[] {sum.layout.weight(k), sum.layout.bias(k)}) {
        for (int i = 0; i < t.length(); i++) {
          if (!Double.isFinite(sums[t.offset + i])) return t.name;
        }
      }
    }
    return null;
  }
}
