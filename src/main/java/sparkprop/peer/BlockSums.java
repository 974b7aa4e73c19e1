package sparkprop.peer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.optimization.Gradient;
import scala.Tuple2;

/**
 * The explanation of MLlib's gap, computed with MLlib's own per-block gradient: every stacked block b
 * of every partition goes alone through {@code ANNGradient.compute}, which returns that block's mean
 * gradient g_b and mean loss l_b over its n_b rows; each partition returns its blocks' sizes and the
 * re-weighted sums Σ n_b·g_b and Σ n_b·l_b. Divided by Σ n_b = N these are the exact means: MLlib's
 * maths with the scaling put right. (MLlib's own sum is Σ g_b / B, {@link MllibCostFun}.)
 */
final class BlockSums implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One partition's blocks. */
  static final class Partition implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    /** n_b of each block, in order. */
    final int[] blockRows;
    /** Σ n_b·g_b in MLlib's layout. */
    final double[] weightedGradient;
    final double weightedLoss;

    Partition(int partition, int[] blockRows, double[] weightedGradient, double weightedLoss) {
      this.partition = partition;
      this.blockRows = blockRows;
      this.weightedGradient = weightedGradient;
      this.weightedLoss = weightedLoss;
    }
  }

  private BlockSums() {}

  /** One record per partition, in partition order (empty partitions have no blocks and zero sums). */
  static List<Partition> of(JavaRDD<Tuple2<Object, Vector>> stacked, Gradient gradient, Broadcast<Vector> weights,
      int rowWidth) {
    List<Partition> out = new ArrayList<>(stacked.mapPartitionsWithIndex(
        (p, blocks) -> List.of(partition(p, blocks, gradient, weights.value(), rowWidth)).iterator(), true).collect());
    out.sort(Comparator.comparingInt(x -> x.partition));
    return out;
  }

  /** @param rowWidth inputs + outputs: a stacked block holds n_b rows of features and n_b one-hot labels */
  private static Partition partition(int p, Iterator<Tuple2<Object, Vector>> blocks, Gradient gradient, Vector w,
      int rowWidth) {
    List<Integer> rows = new ArrayList<>();
    double[] sum = new double[w.size()];
    double loss = 0;
    while (blocks.hasNext()) {
      Tuple2<Object, Vector> b = blocks.next();
      int n = b._2().size() / rowWidth;
      DenseVector g = new DenseVector(new double[w.size()]);
      double l = gradient.compute(b._2(), (Double) b._1(), w, g); // g_b, l_b: means over the block's n rows
      double[] gb = g.values();
      for (int k = 0; k < sum.length; k++) sum[k] += n * gb[k];
      loss += n * l;
      rows.add(n);
    }
    return new Partition(p, rows.stream().mapToInt(Integer::intValue).toArray(), sum, loss);
  }
}
