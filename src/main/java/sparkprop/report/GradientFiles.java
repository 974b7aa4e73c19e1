package sparkprop.report;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import sparkprop.aggregate.Gradients;
import sparkprop.nn.MlpShape;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzWriter;

/** {@code gradients.npz} / {@code reference.npz}: float64 arrays w1 (m, nh), b1 (nh,), w2 (nh, 1), b2 (1,) and the scalar loss. */
public final class GradientFiles {
  private GradientFiles() {}

  public static byte[] npz(Gradients g) {
    List<NpyArray> arrays = new ArrayList<>();
    for (MlpShape.Tensor t : MlpShape.Tensor.values()) {
      arrays.add(NpyArray.of(t.key, g.shape.numpyShape(t), g.tensor(t)));
    }
    arrays.add(NpyArray.of("loss", new int[0], new double[] {g.loss}));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NpzWriter.write(out, arrays);
    return out.toByteArray();
  }
}
