package sparkprop.compare;

import java.util.ArrayList;
import java.util.List;
import sparkprop.aggregate.Gradients;
import sparkprop.nn.Tensor;

/** One tensor of the distributed result against the reference: its shape, the statistics and the verdict. */
public final class TensorComparison {
  public final String name;
  public final long[] shape;
  public final Discrepancy discrepancy;
  public final double rtol;
  public final boolean pass;

  public TensorComparison(String name, long[] shape, Discrepancy discrepancy, double rtol) {
    this.name = name;
    this.shape = shape;
    this.discrepancy = discrepancy;
    this.rtol = rtol;
    this.pass = Tolerances.within(discrepancy, rtol);
  }

  /**
   * Every layer's weight and bias, then the loss: {@code a} against the reference {@code b}, each
   * element with the floor of its S ({@code absoluteTerms}, the reference's, scaled as b is).
   */
  public static List<TensorComparison> of(Gradients a, Gradients b, Gradients absoluteTerms, Tolerances tol) {
    List<TensorComparison> out = new ArrayList<>();
    for (Tensor t : a.layout.tensors()) {
      out.add(new TensorComparison(t.name, toLong(t.numpyShape()),
          tol.discrepancy(a.tensor(t), b.tensor(t), absoluteTerms.tensor(t)), tol.gradientRtol));
    }
    out.add(new TensorComparison("loss", new long[0],
        tol.discrepancy(new double[] {a.loss}, new double[] {b.loss}, new double[] {absoluteTerms.loss}), tol.lossRtol));
    return out;
  }

  private static long[] toLong(int[] shape) {
    long[] out = new long[shape.length];
    for (int k = 0; k < shape.length; k++) out[k] = shape[k];
    return out;
  }
}
