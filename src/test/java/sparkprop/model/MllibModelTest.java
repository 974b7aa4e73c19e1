package sparkprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sparkprop.model.MllibModels.CONF;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkprop.BadInputException;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.GradientPass;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Matrix;
import sparkprop.nn.Network;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.rows.RowChunk;

/**
 * Models that Spark MLlib trained and saved ({@link MllibModels}), loaded by {@link MllibModel}: on the
 * same rows sparkprop's forward pass gives MLlib's own log-loss, logits and predictions; and folders
 * that are not such a model, or do not fit the data, are refused in one line naming the folder.
 */
class MllibModelTest {
  private static final int INPUTS = 784;

  /** "784-12-10" → the trained and saved model of that shape. */
  private static MllibModels.Trained trained(String shape) {
    int[] layers = Layout.parseSizes(shape);
    return MllibModels.mlp(layers.length > 3 ? 8 : 15, layers);
  }

  private static GradientPass pass(Parameters p) {
    return new GradientPass(new Network(p, new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY), Precision.FLOAT64),
        64, PixelScale.BYTE, false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"784-12-10", "784-16-12-10"})
  void meanCrossEntropyIsMllibsLogLoss(String shape) {
    MllibModels.Trained t = trained(shape);
    RowChunk rows = MllibModels.rows();
    Parameters p = MllibModel.load(t.dir, CONF, INPUTS);
    assertEquals(shape, p.layout().toString());

    double sparkprop = pass(p).lossSum(rows) / rows.count;
    double mllib = 0;
    for (int r = 0; r < rows.count; r++) {
      assertEquals(rows.labels[r], t.label[r], "MLlib's rows in sparkprop's order");
      mllib -= Math.log(t.probability[r][rows.labels[r]]);
    }
    mllib /= rows.count;
    double relative = Math.abs(sparkprop - mllib) / Math.abs(mllib);
    System.out.printf("%s: mean cross-entropy over %d rows: sparkprop %.17g, MLlib %.17g, relative difference %.3g%n",
        shape, rows.count, sparkprop, mllib, relative);
    assertTrue(relative <= 1e-12, shape + ": sparkprop " + sparkprop + " vs MLlib " + mllib + " (relative " + relative + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"784-12-10", "784-16-12-10"})
  void logitsAndPredictionsAreMllibsOnEveryRow(String shape) {
    MllibModels.Trained t = trained(shape);
    RowChunk rows = MllibModels.rows();
    GradientPass pass = pass(MllibModel.load(t.dir, CONF, INPUTS));
    int outputs = t.layers[t.layers.length - 1];
    double worst = 0;
    int agree = 0;
    for (int first = 0; first < rows.count; first += 64) {
      int b = Math.min(64, rows.count - first);
      Matrix out = pass.outputs(rows, first, b);
      for (int j = 0; j < b; j++) {
        int r = first + j;
        int argmax = 0;
        double scale = 1;
        for (int o = 0; o < outputs; o++) {
          if (out.get(o, j) > out.get(argmax, j)) argmax = o;
          scale = Math.max(scale, Math.abs(t.raw[r][o]));
        }
        for (int o = 0; o < outputs; o++) worst = Math.max(worst, Math.abs(out.get(o, j) - t.raw[r][o]) / scale);
        assertEquals(t.prediction[r], argmax, "row " + r + ": MLlib predicts " + t.prediction[r] + ", sparkprop " + argmax);
        agree++;
      }
    }
    System.out.printf("%s: predictions agree on %d of %d rows; largest logit difference %.3g (relative to the row's largest)%n",
        shape, agree, rows.count, worst);
    assertEquals(rows.count, agree);
    assertTrue(worst <= 1e-12, shape + ": logits differ by " + worst);
  }

  @Test
  void readsAFileUri() {
    MllibModels.Trained t = trained("784-12-10");
    Parameters local = MllibModel.load(t.dir, CONF, INPUTS);
    Parameters uri = MllibModel.load(Path.of(t.dir).toUri().toString(), CONF, INPUTS);
    assertArrayEquals(local.theta(), uri.theta());
  }

  @Test
  void thetaIsMllibsWeightsTransposedLayerByLayer() {
    MllibModels.Trained t = trained("784-12-10");
    double[] w = t.model.weights().toArray();
    double[] theta = MllibModel.load(t.dir, CONF, INPUTS).theta();
    Layout layout = new Layout(t.layers);
    // w1(i, o) = W1(o, i): MLlib's 12×784 column-major block at 0, then b1 (12), then W2 (10×12), b2 (10).
    assertEquals(w[5 + 300 * 12], theta[layout.weight(1).offset + 300 + 5 * 784]);
    assertEquals(w[784 * 12 + 11], theta[layout.bias(1).offset + 11]);
    assertEquals(w[784 * 12 + 12 + 9 + 3 * 10], theta[layout.weight(2).offset + 3 + 9 * 12]);
    assertEquals(w[w.length - 1], theta[layout.bias(2).offset + 9]);
  }

  // ---- the same weights written in other forms Spark writes -------------------------------------------

  private static final StructType WEIGHTS = new StructType().add("weights", SQLDataTypes.VectorType());

  @Test
  void readsSparseWeights() {
    MllibModels.Trained t = trained("784-12-10");
    String dir = MllibModels.copy(t.dir);
    MllibModels.replaceData(dir, RowFactory.create(t.model.weights().toSparse()), WEIGHTS);
    assertArrayEquals(MllibModel.load(t.dir, CONF, INPUTS).theta(), MllibModel.load(dir, CONF, INPUTS).theta());
  }

  /** Spark 2.x saved the layers in the data row; its reader takes them from there for such a model. */
  @Test
  void readsAModelSavedBySpark2() throws IOException {
    MllibModels.Trained t = trained("784-12-10");
    String dir = MllibModels.copy(t.dir);
    MllibModels.editMetadata(dir, json -> json.replace("\"sparkVersion\":\"4.2.0\"", "\"sparkVersion\":\"2.4.8\"")
        .replace("\"layers\":[784,12,10],", ""));
    StructType spark2 = new StructType().add("layers", DataTypes.createArrayType(DataTypes.IntegerType, false))
        .add("weights", SQLDataTypes.VectorType());
    MllibModels.replaceData(dir, RowFactory.create(new int[] {784, 12, 10}, t.model.weights()), spark2);
    assertArrayEquals(MllibModel.load(t.dir, CONF, INPUTS).theta(), MllibModel.load(dir, CONF, INPUTS).theta());

    MllibModels.replaceData(dir, RowFactory.create(t.model.weights()), WEIGHTS);
    assertBadInput(() -> MllibModel.load(dir, CONF, INPUTS), dir + ": ", "no 'layers' column", "2.4.8");
  }

  // ---- refusals -----------------------------------------------------------------------------------------

  @Test
  void refusesAModelOfAnotherInputSize() {
    String dir = trained("784-12-10").dir;
    assertBadInput(() -> MllibModel.load(dir, CONF, 100), dir + ": ", "784-12-10", "784 inputs", "100 pixels per row");
  }

  @Test
  void refusesAnotherKindOfModel() {
    String dir = MllibModels.logisticRegression();
    assertBadInput(() -> MllibModel.load(dir, CONF, INPUTS), dir + ": ",
        "of class org.apache.spark.ml.classification.LogisticRegressionModel", "not a MultilayerPerceptronClassificationModel");
  }

  @Test
  void refusesAFolderThatIsNoSavedModel() {
    assertBadInput(() -> MllibModel.load("data/mnist-sample", CONF, INPUTS), "data/mnist-sample: ",
        "not a saved Spark ML model", "no metadata/");
  }

  @Test
  void refusesAMissingDataPart() throws IOException {
    String dir = MllibModels.copy(trained("784-12-10").dir);
    Path part = MllibModels.part(dir, "data");
    Files.delete(part);
    MllibModels.dropChecksum(part);
    assertBadInput(() -> MllibModel.load(dir, CONF, INPUTS), dir + ": ", "data/ holds no Parquet part file");
  }

  @Test
  void refusesAMissingDataFolder() throws IOException {
    String dir = MllibModels.copy(trained("784-12-10").dir);
    try (var files = Files.walk(Path.of(dir, "data"))) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
    assertBadInput(() -> MllibModel.load(dir, CONF, INPUTS), dir + ": ", "no data/ folder");
  }

  @Test
  void refusesACorruptDataPart() throws IOException {
    String dir = MllibModels.copy(trained("784-12-10").dir);
    Path part = MllibModels.part(dir, "data");
    String name = "data/" + part.getFileName();
    byte[] bytes = Files.readAllBytes(part);

    // Truncated, with Hadoop's checksum gone: Parquet finds no footer.
    MllibModels.dropChecksum(part);
    Files.write(part, Arrays.copyOf(bytes, bytes.length / 2));
    assertBadInput(() -> MllibModel.load(dir, CONF, INPUTS), dir + ": ", name, "not a readable Parquet file");

    // Not Parquet at all.
    Files.writeString(part, "weights: 1 2 3\n");
    assertBadInput(() -> MllibModel.load(dir, CONF, INPUTS), dir + ": ", name, "not a readable Parquet file");
  }

  @Test
  void refusesADataPartThatFailsItsChecksum() throws IOException {
    String dir = MllibModels.copy(trained("784-12-10").dir);
    Path part = MllibModels.part(dir, "data");
    byte[] bytes = Files.readAllBytes(part);
    bytes[bytes.length / 2] ^= 0x5a; // Hadoop's .crc beside it no longer matches
    Files.write(part, bytes);
    assertBadInput(() -> MllibModel.load(dir, CONF, INPUTS), dir + ": ", "data/" + part.getFileName(),
        "not a readable Parquet file", "Checksum");
  }

  @Test
  void refusesWeightsThatDoNotFitTheLayers() throws IOException {
    String dir = MllibModels.copy(trained("784-12-10").dir);
    MllibModels.editMetadata(dir, json -> json.replace("\"layers\":[784,12,10]", "\"layers\":[784,13,10]"));
    assertBadInput(() -> MllibModel.load(dir, CONF, INPUTS), dir + ": ", "holds 9550 weights",
        "layers 784-13-10 need " + ((784 + 1) * 13 + (13 + 1) * 10));
  }

  @Test
  void refusesNonFiniteWeights() {
    MllibModels.Trained t = trained("784-12-10");
    String dir = MllibModels.copy(t.dir);
    double[] w = t.model.weights().toArray();
    w[42] = Double.NaN;
    MllibModels.replaceData(dir, RowFactory.create(Vectors.dense(w)), WEIGHTS);
    assertBadInput(() -> MllibModel.load(dir, CONF, INPUTS), dir + ": ", "weight 42 is not finite (NaN)");
  }

  @Test
  void refusesDataWithoutWeights() {
    String dir = MllibModels.copy(trained("784-12-10").dir);
    MllibModels.replaceData(dir, RowFactory.create(1.5), new StructType().add("intercept", DataTypes.DoubleType));
    assertBadInput(() -> MllibModel.load(dir, CONF, INPUTS), dir + ": ", "no 'weights' column (columns: intercept)");
  }

  @Test
  void refusesBrokenMetadata() throws IOException {
    String dir = MllibModels.copy(trained("784-12-10").dir);
    String metadata = "metadata/" + MllibModels.part(dir, "metadata").getFileName();
    MllibModels.editMetadata(dir, json -> json.substring(0, json.length() / 2));
    assertBadInput(() -> MllibModel.load(dir, CONF, INPUTS), dir + ": ", metadata, "not JSON (Unexpected end-of-input at column");

    String other = MllibModels.copy(trained("784-12-10").dir);
    MllibModels.editMetadata(other, json -> json.replace("\"sparkVersion\":\"4.2.0\",", ""));
    assertBadInput(() -> MllibModel.load(other, CONF, INPUTS), other + ": ", "has no \"sparkVersion\"");

    MllibModels.editMetadata(other, json -> json.replace("\"paramMap\":{\"layers\":[784,12,10],", "\"paramMap\":{")
        .replace("\"timestamp\"", "\"sparkVersion\":\"4.2.0\",\"timestamp\""));
    assertBadInput(() -> MllibModel.load(other, CONF, INPUTS), other + ": ", "has no paramMap.layers");
  }

  @Test
  void refusesAMissingMetadataFolder() throws IOException {
    String dir = MllibModels.copy(trained("784-12-10").dir);
    try (var files = Files.walk(Path.of(dir, "metadata"))) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
    assertBadInput(() -> MllibModel.load(dir, CONF, INPUTS), dir + ": ", "no metadata/ folder");
  }

  /** Asserts a one-line BadInputException whose message contains every fragment. */
  static BadInputException assertBadInput(Executable action, String... fragments) {
    BadInputException e = assertThrows(BadInputException.class, action);
    String msg = e.getMessage();
    assertFalse(msg.contains("\n") || msg.contains("\r"), "one line: " + msg);
    for (String f : fragments) assertTrue(msg.contains(f), "expected \"" + f + "\" in: " + msg);
    System.out.println("refused: " + msg);
    return e;
  }
}
