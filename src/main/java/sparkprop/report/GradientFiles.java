package sparkprop.report;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import sparkprop.aggregate.Gradients;
import sparkprop.nn.Tensor;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzWriter;

/**
 * {@code gradients.npz} / {@code reference.npz}: float64 arrays {@code w1 (n0, n1), b1 (n1,), …,
 * wK (n_{K−1}, nK), bK (nK,)} — the keys {@code --weights} takes — and the scalar {@code loss}.
 */
public final class GradientFiles {
  private GradientFiles() {}

  public static byte[] npz(Gradients g) {
    List<NpyArray> arrays = new ArrayList<>();
    for (Tensor t : g.layout.tensors()) arrays.add(NpyArray.of(t.name, t.numpyShape(), g.tensor(t)));
    arrays.add(NpyArray.of("loss", new int[0], new double[] {g.loss}));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NpzWriter.write(out, arrays);
    return out.toByteArray();
  }
}
