package sparkprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sparkprop.model.MllibModelTest.assertBadInput;
import static sparkprop.model.MllibModels.CONF;

import org.junit.jupiter.api.Test;
import sparkprop.app.ModelLoader;
import sparkprop.app.ModelOptions;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.LossKind;

/** {@code --weights DIR} through {@link ModelLoader}: an MLlib model implies sigmoid and cross-entropy. */
class MllibModelLoaderTest {
  private static String dir() {
    return MllibModels.mlp(15, 784, 12, 10).dir;
  }

  private static ModelOptions options() {
    ModelOptions o = new ModelOptions();
    o.weights = dir();
    return o;
  }

  @Test
  void aFolderImpliesSigmoidAndCrossEntropy() {
    Model m = ModelLoader.load(options(), 784, CONF);
    assertEquals(new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY), m.architecture);
    assertEquals("784-12-10", m.layout().toString());
    assertEquals(dir(), m.weights);
    assertArrayEquals(MllibModel.load(dir(), CONF, 784).theta(), m.parameters.theta());
  }

  @Test
  void optionsThatSayWhatTheModelImpliesAreAccepted() {
    ModelOptions o = options();
    o.activation = Activation.SIGMOID;
    o.loss = LossKind.CROSS_ENTROPY;
    o.layers = new int[] {784, 12, 10};
    assertEquals(new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY), ModelLoader.load(o, 784, CONF).architecture);
  }

  @Test
  void reluIsRefused() {
    ModelOptions o = options();
    o.activation = Activation.RELU;
    assertBadInput(() -> ModelLoader.load(o, 784, CONF), dir() + ": ", "implies --activation sigmoid");
  }

  @Test
  void mseIsRefused() {
    ModelOptions o = options();
    o.loss = LossKind.MSE;
    assertBadInput(() -> ModelLoader.load(o, 784, CONF), dir() + ": ", "implies --loss cross-entropy");
  }

  @Test
  void otherLayersAreRefused() {
    ModelOptions o = options();
    o.layers = new int[] {784, 50, 10};
    assertBadInput(() -> ModelLoader.load(o, 784, CONF), dir() + ": ", "784-12-10", "--layers says 784-50-10");
  }

  @Test
  void anotherInputSizeIsRefused() {
    assertBadInput(() -> ModelLoader.load(options(), 28 * 28 + 1, CONF), dir() + ": ", "784 inputs", "785 pixels per row");
  }
}
