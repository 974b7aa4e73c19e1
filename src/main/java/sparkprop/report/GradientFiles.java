package sparkprop.report;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import sparkprop.aggregate.Gradients;
import sparkprop.model.TorchStateDict;
import sparkprop.nn.Architecture;
import sparkprop.nn.Tensor;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzWriter;
import sparkprop.read.safetensors.SafeTensor;
import sparkprop.read.safetensors.SafetensorsWriter;

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

  /**
   * {@code gradients.safetensors}: the same gradient in PyTorch's names and layout ({@code 0.weight}
   * (n1, n0), {@code 0.bias}, {@code 2.weight}, …: what {@code p.grad} holds for each of
   * {@code nn.Sequential.named_parameters()}), float64, the scalar {@code loss}, and the network in
   * {@code __metadata__}.
   */
  public static byte[] safetensors(Gradients g, Architecture architecture) {
    List<SafeTensor> tensors = new ArrayList<>(TorchStateDict.tensors(g.layout, g.gradient()));
    tensors.add(SafeTensor.f64("loss", new int[0], new double[] {g.loss}));
    return SafetensorsWriter.bytes(tensors, TorchStateDict.metadata(g.layout, architecture));
  }
}
