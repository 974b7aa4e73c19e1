package sparkprop.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import sparkprop.nn.Layout;
import sparkprop.nn.Parameters;
import sparkprop.model.MllibExport;
import sparkprop.model.OnnxModel;
import sparkprop.model.SafetensorsWeights;

/**
 * The trained network for the tools users serve and fine-tune with, written beside {@code weights.npz}
 * by a completed run, all from the same final θ: {@code weights.safetensors} (PyTorch's state dict),
 * {@code model.onnx} (ONNX Runtime) and, when MLlib's model can hold the network, {@code mllib-model/}
 * (Spark ML). ONNX's metadata names the training: layers, activation, loss, steps, final loss.
 */
public final class ModelExports {
  public static final String SAFETENSORS = "weights.safetensors";
  public static final String BEST_SAFETENSORS = "weights-best.safetensors";
  public static final String ONNX = "model.onnx";
  public static final String MLLIB = "mllib-model";

  private ModelExports() {}

  /** weights.safetensors and model.onnx of a completed run, and with --keep-best weights-best.safetensors. */
  public static Map<String, byte[]> files(TrainResult r) {
    long t0 = System.nanoTime();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(SAFETENSORS, SafetensorsWeights.bytes(r.last, r.architecture));
    files.put(ONNX, OnnxModel.bytes(r.last, r.architecture, identity(r)));
    if (r.best != null) {
      Layout layout = r.last.layout();
      Parameters best = new Parameters(layout, CheckpointFiles.theta(r.best.weightsNpz(), layout, "weights-best.npz"));
      files.put(BEST_SAFETENSORS, SafetensorsWeights.bytes(best, r.architecture));
    }
    took(r, t0);
    return files;
  }

  /** report.json's {@code seconds.model_files}: what writing the model files cost. */
  private static void took(TrainResult r, long t0) {
    r.seconds.merge("model_files", (System.nanoTime() - t0) / 1e9, Double::sum);
  }

  /**
   * Saves {@code mllib-model/} into {@code staging} (the output folder before it is committed) with
   * MLlib's writer, when {@link #mllibWhyNot} is null; returns whether it did.
   */
  public static boolean saveMllib(JavaSparkContext sc, TrainResult r, Path staging) {
    if (!r.completed() || mllibWhyNot(r) != null) return false;
    long t0 = System.nanoTime();
    MllibExport.save(SparkSession.builder().sparkContext(sc.sc()).getOrCreate(), r.last, r.architecture,
        new Path(staging, MLLIB).toString());
    took(r, t0);
    return true;
  }

  /** Why the run has no mllib-model/, or null when it has one (or would, once completed). */
  public static String mllibWhyNot(TrainResult r) {
    return MllibExport.whyNot(r.initial, r.architecture);
  }

  /** model.onnx's metadata_props: what the network is, how it was trained, what its input and output mean. */
  static Map<String, String> identity(TrainResult r) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("layers", r.last.layout().toString());
    m.put("activation", r.architecture.activation.label());
    m.put("loss", r.architecture.loss.label());
    m.put("optimizer", r.options.optimizer.label());
    m.put("steps", String.valueOf(r.reachedTarget >= 0 ? r.reachedTarget : r.options.steps));
    List<StepRecord> records = r.records();
    if (!records.isEmpty()) {
      StepRecord last = records.get(records.size() - 1);
      m.put("final_loss", String.valueOf(last.loss));
      m.put("final_loss_step", String.valueOf(last.step));
    }
    if (r.finalEval != null) {
      m.put("eval_loss", String.valueOf(r.finalEval.loss()));
      m.put("eval_accuracy", String.valueOf(r.finalEval.accuracy()));
    }
    m.put("data", r.data);
    double pixelMax = r.options.data.pixelMax;
    m.put("input", "pixels / " + (pixelMax == Math.rint(pixelMax) ? String.valueOf((long) pixelMax) : String.valueOf(pixelMax))
        + " (--pixel-max), as float32, shape (N, " + r.last.layout().inputs() + ")");
    m.put("output", r.architecture.loss == sparkprop.nn.LossKind.CROSS_ENTROPY
        ? "class probabilities (softmax), shape (N, " + r.last.layout().outputs() + ")"
        : "the network's raw outputs, shape (N, " + r.last.layout().outputs() + ")");
    return m;
  }

  /**
   * report.json's {@code models}: the files a completed run wrote (null when not written) and
   * {@code mllib_why_not}, why there is no mllib-model/.
   */
  public record Models(String weightsNpz, String safetensors, String onnx, String mllib, String mllibWhyNot) {
    static Models of(TrainResult r) {
      boolean done = r.completed();
      String why = ModelExports.mllibWhyNot(r);
      return new Models(done ? "weights.npz" : null, done ? SAFETENSORS : null, done ? ONNX : null,
          done && why == null ? MLLIB + "/" : null, why != null ? why : done ? null : "the run stopped");
    }
  }

  /** The console's line about the exports. */
  public static String summary(TrainResult r) {
    String why = mllibWhyNot(r);
    return String.format(Locale.ROOT, "models: %s, %s%s%n", SAFETENSORS, ONNX,
        why == null ? ", " + MLLIB + "/" : "; no " + MLLIB + "/: " + why);
  }
}
