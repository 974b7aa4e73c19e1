package sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.storage.StorageLevel;
import sparkprop.model.MllibLayout;
import sparkprop.model.Model;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;
import sparkprop.partition.RowPartitions;
import sparkprop.partition.SelectedRows;
import sparkprop.peer.GradientError;
import sparkprop.peer.MllibPeer;
import sparkprop.read.HadoopConf;
import sparkprop.read.RowSource;
import sparkprop.rows.RowChunk;

/**
 * How far MLlib's own gradient is from the exact one as the partition count grows: MLlib averages its
 * blocks' mean gradients with equal weights, and a partition's last block is short, so the more
 * partitions, the more short blocks and the larger the gap ({@link GradientError#measure}, against
 * sparkprop's float64 single-node reference on the same rows).
 */
final class MllibGap {
  private MllibGap() {}

  /** The gap at one partition count. */
  static final class Line {
    int partitions;
    long rows;
    long blocks;
    double relative;
    double reweightedRelative;
    double mllibLoss;
    double exactLoss;
    double seconds;
  }

  /** MLlib's fitted model as a sparkprop model: sigmoid hidden layers, softmax with cross-entropy on top. */
  static Model of(MultilayerPerceptronClassificationModel mllib) {
    Layout layout = new Layout(mllib.getLayers());
    double[] theta = MllibLayout.toTheta(layout, mllib.weights().toArray());
    return new Model(new Parameters(layout, theta), mllibArchitecture(), null);
  }

  static Architecture mllibArchitecture() {
    return new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY);
  }

  /** The gap at each partition count, the rows read and cached afresh in that many partitions. */
  static List<Line> measure(JavaSparkContext sc, RowSource data, HadoopConf conf, Model model, int blockSize,
      int[] partitionCounts) {
    List<Line> out = new ArrayList<>();
    for (int p : partitionCounts) {
      JavaRDD<RowChunk> rows = RowPartitions.of(sc, data, p, conf).persist(StorageLevel.MEMORY_ONLY());
      try {
        Line l = new Line();
        l.partitions = p;
        l.rows = SelectedRows.count(rows);
        long t0 = System.nanoTime();
        GradientError e = GradientError.measure(sc, rows, model, blockSize);
        l.seconds = (System.nanoTime() - t0) / 1e9;
        l.blocks = e.blocks();
        l.relative = e.relative();
        l.reweightedRelative = e.reweightedRelative();
        l.mllibLoss = e.mllibLoss();
        l.exactLoss = e.exactLoss();
        out.add(l);
      } finally {
        rows.unpersist(true);
      }
    }
    return out;
  }
}
