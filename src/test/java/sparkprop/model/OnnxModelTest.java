package sparkprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.Init;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;
import sparkprop.nn.Tensor;
import sparkprop.read.MnistFormats;
import sparkprop.rows.RowChunk;

/** model.onnx as ONNX Runtime (Java API, 1.22) loads and runs it, against sparkprop's float64 forward pass. */
class OnnxModelTest {
  private static final RowChunk ROWS = MnistFormats.sample(1000);

  /** Kaiming weights and biases that are not zero, so that a misplaced bias shows. */
  static Parameters parameters(long seed, int... sizes) {
    Layout layout = new Layout(sizes);
    double[] theta = Parameters.random(layout, Init.KAIMING, seed).theta();
    Random r = new Random(seed);
    for (int k = 1; k <= layout.layers(); k++) {
      Tensor b = layout.bias(k);
      for (int i = 0; i < b.length(); i++) theta[b.offset + i] = 0.5 * r.nextGaussian();
    }
    return new Parameters(layout, theta);
  }

  private static OnnxRuntimeComparison.Found agree(Parameters p, Activation activation, LossKind loss) throws Exception {
    Architecture a = new Architecture(activation, loss);
    OnnxRuntimeComparison.Found f = OnnxRuntimeComparison.assertAgree(OnnxModel.bytes(p, a, Map.of()), p, a, ROWS);
    System.out.printf("%s %s: largest gap / largest |output| %.3g, classes compared on %d of %d rows%n",
        p.layout(), a, f.relativeGap(), f.classesCompared(), f.rows());
    return f;
  }

  @Test
  void sigmoidCrossEntropyGivesSparkpropsClassProbabilities() throws Exception {
    OnnxRuntimeComparison.Found f = agree(parameters(1, 784, 32, 10), Activation.SIGMOID, LossKind.CROSS_ENTROPY);
    assertTrue(f.classesCompared() > 900, "nearly every row has a clear winner: " + f);
  }

  @Test
  void deepReluAndTanhNetworksAgreeToo() throws Exception {
    agree(parameters(2, 784, 24, 16, 10), Activation.RELU, LossKind.CROSS_ENTROPY);
    agree(parameters(3, 784, 20, 12, 8, 10), Activation.TANH, LossKind.CROSS_ENTROPY);
    agree(parameters(4, 784, 10), Activation.SIGMOID, LossKind.CROSS_ENTROPY);
  }

  @Test
  void mseGivesTheRawOutputs() throws Exception {
    agree(parameters(5, 784, 16, 10), Activation.TANH, LossKind.MSE);
    agree(parameters(6, 784, 50, 1), Activation.RELU, LossKind.MSE);
  }

  /** One input "input" (N, n0), one output "output" (N, nK), float; opset and producer; the metadata as given. */
  @Test
  void theModelDeclaresItsInputOutputAndMetadata() throws Exception {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("layers", "784-12-10");
    meta.put("final_loss", "0.25");
    byte[] bytes = OnnxModel.bytes(parameters(7, 784, 12, 10), new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY), meta);
    try (OrtSession s = OrtEnvironment.getEnvironment().createSession(bytes, new OrtSession.SessionOptions())) {
      assertEquals(java.util.Set.of("input"), s.getInputNames());
      assertEquals(java.util.Set.of("output"), s.getOutputNames());
      TensorInfo in = (TensorInfo) s.getInputInfo().get("input").getInfo();
      TensorInfo out = (TensorInfo) s.getOutputInfo().get("output").getInfo();
      assertArrayEquals(new long[] {-1, 784}, in.getShape(), "N symbolic");
      assertArrayEquals(new long[] {-1, 10}, out.getShape());
      assertEquals(ai.onnxruntime.OnnxJavaType.FLOAT, in.type);
      OnnxModelMetadata m = s.getMetadata();
      assertEquals("sparkprop", m.getProducerName());
      assertEquals(meta, m.getCustomMetadata());
    }
  }
}
