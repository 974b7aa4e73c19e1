package sparkprop.cli;

import sparkprop.InProcessRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.model.MllibPredictions;
import sparkprop.model.OnnxRuntimeComparison;
import sparkprop.model.SafetensorsWeights;
import sparkprop.model.WeightsFile;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;
import sparkprop.read.IdxDataset;
import sparkprop.read.MnistFormats;
import sparkprop.rows.RowChunk;

/**
 * What {@code train} leaves for other tools, from one real run through {@link Main}: weights.safetensors
 * (read back by the independent reader and by sparkprop), model.onnx (run by ONNX Runtime on the 1,000
 * evaluation rows) and mllib-model/ (loaded by MLlib, alone and in a Pipeline, predicting the
 * evaluation rows as sparkprop does), all at the θ of weights.npz; a network MLlib cannot hold gets
 * none, and the report and the console say why.
 */
class TrainModelFilesTest {
  private static final Configuration CONF = new Configuration();

  @TempDir Path tmp;

  /** A training run and its output folder. */
  private record Run(InProcessRun run, Path out) {}

  private Run train(String name, RowChunk eval, String... model) {
    Path evalDir = tmp.resolve("eval");
    if (!Files.isDirectory(evalDir)) MnistFormats.writeIdx(evalDir, eval);
    Path out = tmp.resolve(name);
    List<String> args = new ArrayList<>(List.of("train", "--data", JobProcess.PROJECT.resolve("data/mnist-sample").toString(),
        "--limit", "3000", "--partitions", "2", "--init", "kaiming", "--steps", "8", "--lr", "0.5", "--check-every", "0",
        "--eval-data", evalDir.toString(), "--out", out.toString()));
    args.addAll(List.of(model));
    Run r = new Run(InProcessRun.of(args), out);
    assertEquals(0, r.run.exitCode, r.run.toString());
    return r;
  }

  private static RowChunk evalRows() {
    return IdxDataset.open(JobProcess.PROJECT.resolve("data/mnist-sample").toString(), CONF).read(5000, 1000, CONF);
  }

  @Test
  void aSigmoidCrossEntropyRunWritesSafetensorsOnnxAndMllibModelsOfTheSameWeights() throws Exception {
    RowChunk eval = evalRows();
    Run r = train("sigmoid", eval, "--layers", "784-16-10", "--activation", "sigmoid", "--loss", "cross-entropy");
    Parameters theta = WeightsFile.load(r.out.resolve("weights.npz").toString(), CONF, 784);
    Architecture a = new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY);
    JsonNode report = new ObjectMapper().readTree(r.out.resolve("report.json").toFile());

    IndependentSafetensorsReader.assertEqualsNpz(r.out.resolve("weights.safetensors"), r.out.resolve("weights.npz"));
    SafetensorsWeights.Loaded back = SafetensorsWeights.load(r.out.resolve("weights.safetensors").toString(), CONF, 784);
    assertArrayEquals(theta.theta(), back.parameters().theta(), 0.0, "weights.safetensors reads back as weights.npz");
    assertEquals(a, new Architecture(back.activation(), back.loss()), "its metadata names the network");

    byte[] onnx = Files.readAllBytes(r.out.resolve("model.onnx"));
    OnnxRuntimeComparison.Found f = OnnxRuntimeComparison.assertAgree(onnx, theta, a, eval);
    System.out.printf("train's model.onnx: largest gap / largest |output| %.3g, classes compared on %d of %d rows%n",
        f.relativeGap(), f.classesCompared(), f.rows());
    try (OrtSession s = OrtEnvironment.getEnvironment().createSession(onnx, new OrtSession.SessionOptions())) {
      Map<String, String> meta = s.getMetadata().getCustomMetadata();
      assertEquals("784-16-10", meta.get("layers"));
      assertEquals("sigmoid", meta.get("activation"));
      assertEquals("cross-entropy", meta.get("loss"));
      assertEquals("8", meta.get("steps"));
      JsonNode history = report.get("history");
      assertEquals(history.get(history.size() - 1).get("loss").asDouble(), Double.parseDouble(meta.get("final_loss")));
      assertEquals(report.get("final_eval").get("accuracy").asDouble(), Double.parseDouble(meta.get("eval_accuracy")));
    }

    String mllib = r.out.resolve("mllib-model").toString();
    int direct = MllibPredictions.assertEqualsSparkprop(MllibPredictions.load(mllib, eval, false), theta, eval);
    int pipeline = MllibPredictions.assertEqualsSparkprop(MllibPredictions.load(mllib, eval, true), theta, eval);
    System.out.printf("train's mllib-model/: MLlib's prediction equals sparkprop's on %d (Pipeline: %d) of %d rows%n",
        direct, pipeline, eval.count);
    assertTrue(direct > 990, direct + " rows with a clear winner of 1000");

    assertEquals("mllib-model/", report.get("models").get("mllib").asText());
    assertTrue(report.get("models").get("mllib_why_not").isNull());
    assertTrue(r.run.stdout.contains("models: weights.safetensors, model.onnx, mllib-model/"), r.run.stdout);
    String marker = Files.readString(r.out.resolve(".sparkprop-output"));
    for (String file : List.of("weights.safetensors", "model.onnx", "mllib-model")) {
      assertTrue(marker.contains("\"" + file), "the output's marker lists " + file + ": " + marker);
    }

    // The same command again replaces the output (mllib-model/ included) with the same bytes.
    byte[] safetensors = Files.readAllBytes(r.out.resolve("weights.safetensors"));
    Run again = train("sigmoid", eval, "--layers", "784-16-10", "--activation", "sigmoid", "--loss", "cross-entropy");
    assertArrayEquals(safetensors, Files.readAllBytes(again.out.resolve("weights.safetensors")));
    assertArrayEquals(onnx, Files.readAllBytes(again.out.resolve("model.onnx")));
    assertEquals(direct, MllibPredictions.assertEqualsSparkprop(MllibPredictions.load(mllib, eval, false), theta, eval));
  }

  @Test
  void aNetworkMllibCannotHoldGetsNoMllibModelAndTheReportSaysWhy() throws Exception {
    RowChunk eval = evalRows();
    Run r = train("relu", eval, "--layers", "784-12-10", "--activation", "relu", "--loss", "mse");
    assertFalse(Files.exists(r.out.resolve("mllib-model")));
    JsonNode models = new ObjectMapper().readTree(r.out.resolve("report.json").toFile()).get("models");
    assertTrue(models.get("mllib").isNull());
    String why = "MLlib's MultilayerPerceptronClassificationModel ends in softmax with cross-entropy; this network's loss is mse";
    assertEquals(why, models.get("mllib_why_not").asText());
    assertTrue(r.run.stdout.contains("no mllib-model/: " + why), r.run.stdout);
    Parameters theta = WeightsFile.load(r.out.resolve("weights.npz").toString(), CONF, 784);
    OnnxRuntimeComparison.assertAgree(Files.readAllBytes(r.out.resolve("model.onnx")), theta,
        new Architecture(Activation.RELU, LossKind.MSE), eval);
    IndependentSafetensorsReader.assertEqualsNpz(r.out.resolve("weights.safetensors"), r.out.resolve("weights.npz"));
  }
}
