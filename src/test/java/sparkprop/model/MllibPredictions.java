package sparkprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sparkprop.LocalSpark;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;
import sparkprop.rows.RowChunk;

/**
 * What a saved mllib-model/ predicts, loaded by MLlib's own {@code MultilayerPerceptronClassificationModel.load}
 * and run alone or as the stage of a Spark ML {@code Pipeline}, against sparkprop's float64 forward pass.
 */
public final class MllibPredictions {
  /** The largest difference allowed between MLlib's and sparkprop's probabilities: both are float64. */
  static final double PROBABILITY_TOLERANCE = 1e-12;

  /** Per row, in row order: MLlib's prediction and probability columns. */
  public record Of(double[] prediction, double[][] probability) {}

  private MllibPredictions() {}

  static SparkSession spark() {
    return SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate();
  }

  /** The rows as MLlib takes them: (label, features = pixel / 255), in row order. */
  static Dataset<Row> frame(RowChunk c) {
    List<Row> list = new ArrayList<>();
    for (int r = 0; r < c.count; r++) {
      double[] f = new double[c.width];
      for (int i = 0; i < c.width; i++) f[i] = c.pixel(r, i) / 255.0;
      list.add(RowFactory.create((double) c.labels[r], Vectors.dense(f)));
    }
    StructType schema = new StructType().add("label", DataTypes.DoubleType, false).add("features", SQLDataTypes.VectorType(), false);
    return spark().createDataFrame(list, schema);
  }

  /** Loads {@code dir} with MLlib's reader and transforms the rows, directly or as a one-stage Pipeline. */
  public static Of load(String dir, RowChunk rows, boolean throughPipeline) {
    MultilayerPerceptronClassificationModel model = MultilayerPerceptronClassificationModel.load(dir);
    Dataset<Row> df = frame(rows);
    Dataset<Row> out = throughPipeline
        ? new Pipeline().setStages(new PipelineStage[] {model}).fit(df).transform(df)
        : model.transform(df);
    // The frame is a local relation: collect keeps the row order.
    List<Row> got = out.select("prediction", "probability").collectAsList();
    double[] prediction = new double[got.size()];
    double[][] probability = new double[got.size()][];
    for (int r = 0; r < got.size(); r++) {
      prediction[r] = got.get(r).getDouble(0);
      probability[r] = ((Vector) got.get(r).get(1)).toArray();
    }
    return new Of(prediction, probability);
  }

  /**
   * Asserts MLlib's predictions equal sparkprop's classes (wherever sparkprop's top two probabilities
   * differ by more than the tolerance) and its probabilities sparkprop's softmax; returns how many
   * rows' classes were compared.
   */
  public static int assertEqualsSparkprop(Of mllib, Parameters p, RowChunk rows) {
    double[][] want = OnnxRuntimeComparison.sparkprop(p, new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY), rows);
    assertEquals(rows.count, mllib.prediction().length);
    int compared = 0;
    for (int r = 0; r < rows.count; r++) {
      assertArrayEquals(want[r], mllib.probability()[r], PROBABILITY_TOLERANCE, "row " + r + ": probabilities");
      int top = 0;
      for (int i = 1; i < want[r].length; i++) if (want[r][i] > want[r][top]) top = i;
      double second = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < want[r].length; i++) if (i != top) second = Math.max(second, want[r][i]);
      if (want[r][top] - second > PROBABILITY_TOLERANCE) {
        compared++;
        assertEquals(top, (int) mllib.prediction()[r], "row " + r + ": MLlib's prediction");
      }
    }
    assertTrue(compared > 0, "no row had a clear winner");
    return compared;
  }
}
