package sparkprop.peer;

import sparkprop.model.MllibLayout;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.ann.ANNGradient;
import org.apache.spark.ml.ann.DataStacker;
import org.apache.spark.ml.ann.FeedForwardTopology;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import sparkprop.BadInputException;
import sparkprop.aggregate.Gradients;
import sparkprop.model.Model;
import sparkprop.nn.Activation;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Precision;
import sparkprop.rows.RowChunk;

/**
 * Spark MLlib's multilayer-perceptron gradient of a sparkprop model on sparkprop's rows, computed by
 * MLlib's own classes as {@code MultilayerPerceptronClassifier} (Spark 4.2) runs them:
 * {@code FeedForwardTopology.multiLayerPerceptron(layers, softmaxOnTop = true)}, rows stacked by
 * {@code DataStacker} within each partition ({@link MllibRows}), {@code ANNGradient} per block, summed
 * and scaled by the L-BFGS solver's {@code CostFun} ({@link MllibCostFun}); and the same block
 * gradients re-weighted by their rows ({@link BlockSums}).
 */
public final class MllibPeer {
  private MllibPeer() {}

  /**
   * Refuses (exit 2) a run MLlib cannot take part in: another peer, a block size below 1, or a network
   * MLlib's multilayer perceptron cannot express, or a float32 run (MLlib computes in float64, and
   * only a float64 reference can show its gap down to rounding).
   */
  public static void requireComparable(PeerOptions o, Model model, Precision precision) {
    if (!PeerOptions.MLLIB.equals(o.against)) {
      throw new BadInputException("--against " + o.against + ": unknown peer (expected mllib)");
    }
    requireExpressible(model, o.blockSize);
    if (precision != Precision.FLOAT64) {
      throw new BadInputException("--against mllib needs --precision float64: MLlib computes in float64, and only the"
          + " float64 reference shows its gradient's error down to rounding");
    }
  }

  private static void requireExpressible(Model model, int blockSize) {
    if (blockSize <= 0) throw new BadInputException("--block-size " + blockSize + ": must be at least 1");
    String what = "--against mllib: Spark MLlib's multilayer perceptron ";
    if (model.layout().layers() > 1 && model.architecture.activation != Activation.SIGMOID) {
      throw new BadInputException(what + "has sigmoid hidden layers, this network " + model.architecture.activation.label()
          + " ones; use --activation sigmoid (or an MLlib model folder as --weights)");
    }
    if (model.architecture.loss != LossKind.CROSS_ENTROPY) {
      throw new BadInputException(what + "has softmax with cross-entropy on top, this network " + model.architecture.loss.label()
          + "; use --loss cross-entropy (or an MLlib model folder as --weights)");
    }
  }

  /** MLlib's gradient of {@code model} on {@code rows}, their partitions kept; the rows should be cached. */
  public static MllibMeasurement measure(JavaSparkContext sc, JavaRDD<RowChunk> rows, Model model, int blockSize) {
    requireExpressible(model, blockSize);
    Layout layout = model.layout();
    int inputs = layout.inputs();
    int outputs = layout.outputs();
    double[] weights = MllibLayout.fromTheta(layout, model.parameters.theta());
    Gradient gradient = new ANNGradient(FeedForwardTopology.multiLayerPerceptron(layout.sizes(), true),
        new DataStacker(blockSize, inputs, outputs));

    // FeedForwardTrainer persists the stacked blocks (MEMORY_AND_DISK) when its input is not cached.
    RDD<Tuple2<Object, Vector>> stacked =
        MllibRows.stacked(rows, inputs, outputs, blockSize).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long blocks = stacked.count(); // LBFGS.runLBFGS: numExamples = data.count()
      Tuple2<Double, double[]> cost = MllibCostFun.calculate(stacked, gradient, weights, blocks);

      Broadcast<Vector> w = sc.broadcast(Vectors.dense(weights));
      List<BlockSums.Partition> parts;
      try {
        parts = BlockSums.of(stacked.toJavaRDD(), gradient, w, inputs + outputs);
      } finally {
        w.destroy();
      }
      double[] sum = new double[weights.length];
      double lossSum = 0;
      long n = 0;
      List<int[]> blockRows = new ArrayList<>();
      for (BlockSums.Partition p : parts) {
        for (int k = 0; k < sum.length; k++) sum[k] += p.weightedGradient[k];
        lossSum += p.weightedLoss;
        for (int b : p.blockRows) n += b;
        blockRows.add(p.blockRows);
      }
      if (blockRows.stream().mapToLong(b -> b.length).sum() != blocks) {
        throw new IllegalStateException("MLlib's CostFun counted " + blocks + " blocks, the block pass saw " + blockRows);
      }
      for (int k = 0; k < sum.length; k++) sum[k] /= n;
      Gradients mllib = new Gradients(layout, MllibLayout.toTheta(layout, cost._2()), cost._1(), n);
      Gradients reweighted = new Gradients(layout, MllibLayout.toTheta(layout, sum), lossSum / n, n);
      return new MllibMeasurement(sc.version(), blockSize, n, blocks, mllib, reweighted, blockRows);
    } finally {
      stacked.unpersist(false);
    }
  }

  /** {@link #measure} against a reference computed on the same rows: the check's comparison. */
  public static PeerResult check(JavaSparkContext sc, JavaRDD<RowChunk> rows, Model model, int blockSize,
      Gradients reference, Gradients absoluteTerms) {
    return PeerResult.of(measure(sc, rows, model, blockSize), reference, absoluteTerms);
  }
}
