package sparkprop.model;

import sparkprop.nn.Layout;
import sparkprop.nn.Tensor;

/**
 * sparkprop's θ and MLlib's flat weight vector of the same network, both ways. MLlib stores, layer after
 * layer, its affine layer's {@code W} (n_k × n_{k−1}, column-major: {@code W(o, i)} at {@code o + i·n_k})
 * and then {@code b}; it evaluates {@code W·x + b}. sparkprop's {@code wk} is n_{k−1} × n_k, column-major,
 * and evaluates {@code wkᵀ·a + bk}: {@code wk = Wᵀ}, {@code bk = b}. A gradient has the layout of its
 * parameters, so the same permutation converts MLlib's gradient. No arithmetic: the conversion is exact.
 *
 * <p>({@link MllibModel} reads saved weights through it, and the peer check converts MLlib's gradient;
 * the tests check it on a model MLlib saved.)
 */
public final class MllibLayout {
  private MllibLayout() {}

  /** MLlib's flat vector → θ. */
  public static double[] toTheta(Layout layout, double[] mllib) {
    return permute(layout, mllib, true);
  }

  /** θ → MLlib's flat vector. */
  public static double[] fromTheta(Layout layout, double[] theta) {
    return permute(layout, theta, false);
  }

  private static double[] permute(Layout layout, double[] from, boolean toTheta) {
    if (from.length != layout.size()) {
      throw new IllegalArgumentException(from.length + " values for a network " + layout + " of " + layout.size());
    }
    double[] to = new double[from.length];
    int at = 0; // start of layer k's block in MLlib's vector
    for (int k = 1; k <= layout.layers(); k++) {
      Tensor w = layout.weight(k);
      Tensor b = layout.bias(k);
      int in = w.rows;
      int out = w.cols;
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < in; i++) {
          int theta = w.offset + i + o * in; // wk(i, o)
          int mllib = at + o + i * out;      // W(o, i)
          if (toTheta) to[theta] = from[mllib];
          else to[mllib] = from[theta];
        }
      }
      at += in * out;
      if (toTheta) System.arraycopy(from, at, to, b.offset, out);
      else System.arraycopy(from, b.offset, to, at, out);
      at += out;
    }
    return to;
  }
}
