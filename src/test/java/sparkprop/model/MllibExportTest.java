package sparkprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;
import sparkprop.read.MnistFormats;
import sparkprop.rows.RowChunk;

/** mllib-model/: saved by MLlib's writer, loaded by MLlib's reader, predicting as sparkprop does. */
class MllibExportTest {
  private static final Architecture MLLIB = new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY);
  private static final RowChunk ROWS = MnistFormats.sample(1000);

  @TempDir Path tmp;

  @Test
  void mllibLoadsTheSavedModelAndPredictsAsSparkpropDoes() {
    Parameters p = OnnxModelTest.parameters(11, 784, 20, 12, 10);
    String dir = tmp.resolve("mllib-model").toString();
    MllibExport.save(MllibPredictions.spark(), p, MLLIB, dir);

    MultilayerPerceptronClassificationModel loaded = MultilayerPerceptronClassificationModel.load(dir);
    assertArrayEquals(new int[] {784, 20, 12, 10}, loaded.getLayers());
    assertArrayEquals(MllibLayout.fromTheta(p.layout(), p.theta()), loaded.weights().toArray(), 0.0, "MLlib's flat weights");
    assertArrayEquals(p.theta(), MllibModel.load(dir, MllibModels.CONF, 784).theta(), 0.0, "and back through sparkprop's reader");

    int direct = MllibPredictions.assertEqualsSparkprop(MllibPredictions.load(dir, ROWS, false), p, ROWS);
    int pipeline = MllibPredictions.assertEqualsSparkprop(MllibPredictions.load(dir, ROWS, true), p, ROWS);
    assertEquals(direct, pipeline);
    assertTrue(direct > 990, "classes compared on " + direct + " of 1000 rows");
  }

  /** A second save into the same folder (a retried run) replaces the first. */
  @Test
  void savingAgainReplacesWhatAnEarlierAttemptLeft() throws Exception {
    String dir = tmp.resolve("m").toString();
    MllibExport.save(MllibPredictions.spark(), OnnxModelTest.parameters(1, 784, 10), MLLIB, dir);
    Parameters second = OnnxModelTest.parameters(2, 784, 10);
    MllibExport.save(MllibPredictions.spark(), second, MLLIB, dir);
    assertArrayEquals(second.theta(), MllibModel.load(dir, MllibModels.CONF, 784).theta(), 0.0);
    assertTrue(Files.isDirectory(tmp.resolve("m/metadata")));
  }

  @Test
  void networksMllibCannotHoldAreNamedWithTheReason() {
    Parameters deep = OnnxModelTest.parameters(3, 784, 8, 10);
    assertNull(MllibExport.whyNot(deep, MLLIB));
    assertEquals("MLlib's MultilayerPerceptronClassificationModel has sigmoid hidden layers; this network's are relu",
        MllibExport.whyNot(deep, new Architecture(Activation.RELU, LossKind.CROSS_ENTROPY)));
    assertEquals("MLlib's MultilayerPerceptronClassificationModel ends in softmax with cross-entropy; this network's loss is mse",
        MllibExport.whyNot(deep, new Architecture(Activation.SIGMOID, LossKind.MSE)));
    assertNull(MllibExport.whyNot(OnnxModelTest.parameters(3, 784, 10), new Architecture(Activation.TANH, LossKind.CROSS_ENTROPY)),
        "without a hidden layer the activation does not matter");
    assertEquals("MLlib's MultilayerPerceptronClassificationModel needs at least 2 outputs (classes)",
        MllibExport.whyNot(OnnxModelTest.parameters(3, 784, 8, 1), MLLIB));
    assertThrows(IllegalArgumentException.class, () -> MllibExport.save(MllibPredictions.spark(), deep,
        new Architecture(Activation.RELU, LossKind.CROSS_ENTROPY), tmp.resolve("x").toString()));
  }
}
