package sparkprop.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.SparkSession;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;

/**
 * The network as a Spark ML {@code MultilayerPerceptronClassificationModel}, saved with MLlib's own
 * writer, so that {@code MultilayerPerceptronClassificationModel.load} and a {@code Pipeline} use it.
 * MLlib's model is {@code FeedForwardTopology.multiLayerPerceptron(layers, softmaxOnTop = true)}: affine
 * layers with sigmoid between them and softmax on top, trained with cross-entropy — sparkprop's
 * sigmoid hidden layers with cross-entropy (whose softmax belongs to the loss), at least two outputs.
 * Its flat weights are θ permuted by {@link MllibLayout} (exact). It predicts from features
 * {@code pixels / pixel-max}, sparkprop's x, in a {@code features} vector column.
 */
public final class MllibExport {
  private MllibExport() {}

  /** Why MLlib's model cannot hold this network, or null when it can. */
  public static String whyNot(Parameters p, Architecture a) {
    if (a.loss != LossKind.CROSS_ENTROPY) {
      return "MLlib's MultilayerPerceptronClassificationModel ends in softmax with cross-entropy; this network's loss is "
          + a.loss.label();
    }
    if (p.layout().layers() > 1 && a.activation != Activation.SIGMOID) {
      return "MLlib's MultilayerPerceptronClassificationModel has sigmoid hidden layers; this network's are "
          + a.activation.label();
    }
    if (p.layout().outputs() < 2) return "MLlib's MultilayerPerceptronClassificationModel needs at least 2 outputs (classes)";
    return null;
  }

  /** The model MLlib would have trained with these weights. */
  public static MultilayerPerceptronClassificationModel model(Parameters p) {
    MultilayerPerceptronClassificationModel m = new MultilayerPerceptronClassificationModel(Identifiable.randomUID("mlpc"),
        Vectors.dense(MllibLayout.fromTheta(p.layout(), p.theta())));
    m.set(m.layers(), p.layout().sizes());
    return m;
  }

  /**
   * Saves the model into {@code dir} (any Hadoop path) with MLlib's writer, replacing what an earlier,
   * interrupted attempt left there.
   *
   * @throws IllegalArgumentException when {@link #whyNot} names a reason
   */
  public static void save(SparkSession spark, Parameters p, Architecture a, String dir) {
    String why = whyNot(p, a);
    if (why != null) throw new IllegalArgumentException(why);
    try {
      model(p).write().session(spark).overwrite().save(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the MLlib model into " + dir + ": " + e.getMessage(), e);
    }
  }
}
