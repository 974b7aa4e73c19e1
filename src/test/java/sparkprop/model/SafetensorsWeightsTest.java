package sparkprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static sparkprop.model.MllibModelTest.assertBadInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.app.ModelLoader;
import sparkprop.app.ModelOptions;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.Init;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;
import sparkprop.read.safetensors.SafeTensor;
import sparkprop.read.safetensors.SafetensorsWriter;

/**
 * {@code --weights FILE.safetensors}: a PyTorch state dict (any prefix, skipped indices, F64/F32/F16/BF16)
 * or sparkprop's own keys give exactly the parameters of the .npz they were made from; the metadata
 * gives defaults the command line overrides; everything that is not the network is refused in one line.
 */
class SafetensorsWeightsTest {
  private static final Configuration CONF = new Configuration();
  private static final Path FIXTURES = Path.of("src/test/resources/safetensors");
  private static final Path NPZ = Path.of("src/test/resources/npz");

  @TempDir Path tmp;

  private static Parameters npz(String name) {
    return WeightsFile.load(NPZ.resolve(name).toString(), CONF, 784);
  }

  private static SafetensorsWeights.Loaded fixture(String name, int inputs) {
    return SafetensorsWeights.load(FIXTURES.resolve(name).toString(), CONF, inputs);
  }

  @Test
  void aPyTorchStateDictEqualsTheNpzItWasTransposedFrom() {
    SafetensorsWeights.Loaded l = fixture("torch-784x50x1-f64.safetensors", 784);
    Parameters expected = npz("params-784x50-f64.npz");
    assertEquals(expected.layout(), l.parameters().layout());
    assertArrayEquals(expected.theta(), l.parameters().theta());
    assertNull(l.activation(), "{\"format\": \"pt\"} names no activation");
    assertNull(l.loss());
  }

  @Test
  void aPrefixSkippedIndicesAndFloat32EqualNumpysFloat32() {
    assertArrayEquals(npz("params-784x50-f32-compressed.npz").theta(), fixture("torch-prefixed-f32.safetensors", 784).parameters().theta());
  }

  @Test
  void sparkpropsOwnKeysEqualTheNpz() {
    assertArrayEquals(npz("params-784x50-f64.npz").theta(), fixture("sparkprop-784x50x1-f64.safetensors", 784).parameters().theta());
  }

  @Test
  void metadataGivesDefaultsThatTheCommandLineOverrides() {
    ModelOptions o = new ModelOptions();
    o.weights = FIXTURES.resolve("torch-4x3x2-f16-bf16.safetensors").toString();
    Model m = ModelLoader.load(o, 4, CONF);
    assertEquals(new Architecture(Activation.TANH, LossKind.CROSS_ENTROPY), m.architecture);
    assertEquals("4-3-2", m.layout().toString());
    assertEquals(1.0, m.parameters.theta()[m.layout().weight(1).offset], "w1(0, 0) = 0.weight[0][0]");
    assertEquals(-2.0, m.parameters.theta()[m.layout().weight(1).offset + 1], "w1(1, 0) = 0.weight[0][1]");
    assertEquals(-0x1p-14, m.parameters.theta()[m.layout().weight(1).offset + 4], "w1(0, 1) = 0.weight[1][0]");
    o.activation = Activation.RELU;
    o.loss = LossKind.MSE;
    assertEquals(new Architecture(Activation.RELU, LossKind.MSE), ModelLoader.load(o, 4, CONF).architecture);
  }

  /** What train writes reads back as the same θ and network. */
  @Test
  void weightsSafetensorsReadBackAsTheSameParametersAndNetwork() throws IOException {
    Parameters p = Parameters.random(new Layout(784, 16, 12, 10), Init.KAIMING, 5);
    Architecture a = new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY);
    Path file = tmp.resolve("weights.safetensors");
    Files.write(file, SafetensorsWeights.bytes(p, a));
    ModelOptions o = new ModelOptions();
    o.weights = file.toString();
    Model m = ModelLoader.load(o, 784, CONF);
    assertArrayEquals(p.theta(), m.parameters.theta());
    assertEquals(a, m.architecture);
  }

  private String write(String name, Map<String, String> metadata, SafeTensor... tensors) throws IOException {
    Path file = tmp.resolve(name + ".safetensors");
    Files.write(file, SafetensorsWriter.bytes(List.of(tensors), metadata));
    return file.toString();
  }

  private static SafeTensor t(String name, int... shape) {
    return SafeTensor.f64(name, shape, new double[(int) SafeTensor.count(shape)]);
  }

  private void refused(String name, Map<String, String> metadata, String fragment, SafeTensor... tensors) throws IOException {
    String file = write(name, metadata, tensors);
    assertBadInput(() -> ModelLoader.load(options(file), 4, CONF), file + ": ", fragment);
  }

  private static ModelOptions options(String file) {
    ModelOptions o = new ModelOptions();
    o.weights = file;
    return o;
  }

  @Test
  void whatIsNotTheNetworkIsRefused() throws IOException {
    Map<String, String> none = Map.of();
    refused("bias-alone", none, "0.bias without 0.weight", t("0.bias", 3), t("2.weight", 2, 3), t("2.bias", 2));
    refused("weight-alone", none, "2.weight without 2.bias", t("0.weight", 3, 4), t("0.bias", 3), t("2.weight", 2, 3));
    refused("no-chain", none, "2.weight has shape (2, 5), expected (n2, 3): 0.weight has 3 outputs",
        t("0.weight", 3, 4), t("0.bias", 3), t("2.weight", 2, 5), t("2.bias", 2));
    refused("wrong-inputs", none, "0.weight has shape (3, 5), expected (n1, 4): the data has 4 pixels per image",
        t("0.weight", 3, 5), t("0.bias", 3));
    refused("bias-shape", none, "0.bias has shape (2,), expected (3,)", t("0.weight", 3, 4), t("0.bias", 2));
    refused("extra", none, "tensor 'optimizer.step' is not part of an MLP's state dict",
        t("0.weight", 3, 4), t("0.bias", 3), t("optimizer.step"));
    refused("prefixes", none, "have different prefixes", t("a.0.weight", 3, 4), t("a.0.bias", 3), t("b.2.weight", 2, 3), t("b.2.bias", 2));
    refused("mixed", none, "tensor '0.weight' is not one of sparkprop's w1, b1, …, wK, bK (a file holds sparkprop's keys or a PyTorch",
        t("w1", 4, 3), t("b1", 3), t("0.weight", 2, 3));
    refused("sparkprop-extra", none, "holds b3, w3, which are not part of the network it defines (w1, b1; there is no w2)",
        t("w1", 4, 3), t("b1", 3), t("w3", 3, 2), t("b3", 2));
    refused("empty", none, "holds no tensors");
    refused("meta-layers", Map.of("layers", "4-5-2"), "__metadata__ says layers 4-5-2 but the tensors form 4-3-2",
        t("0.weight", 3, 4), t("0.bias", 3), t("2.weight", 2, 3), t("2.bias", 2));
    refused("meta-activation", Map.of("activation", "gelu"), "__metadata__ activation 'gelu' is not one sparkprop computes",
        t("0.weight", 3, 4), t("0.bias", 3));
    refused("meta-loss", Map.of("loss", "nll"), "__metadata__ loss 'nll' is not one sparkprop computes", t("0.weight", 3, 4), t("0.bias", 3));
    List<SafeTensor> nan = new ArrayList<>(List.of(t("0.bias", 3)));
    double[] w = new double[12];
    w[7] = Double.NaN;
    nan.add(SafeTensor.f64("0.weight", new int[] {3, 4}, w));
    refused("nan", none, "0.weight holds a non-finite value (NaN) at flat index 7", nan.toArray(new SafeTensor[0]));
  }

  @Test
  void layersOnTheCommandLineMustAgreeWithTheFile() {
    ModelOptions o = options(FIXTURES.resolve("torch-784x50x1-f64.safetensors").toString());
    o.layers = new int[] {784, 30, 1};
    assertBadInput(() -> ModelLoader.load(o, 784, CONF), "holds a network 784-50-1, but --layers says 784-30-1");
  }
}
