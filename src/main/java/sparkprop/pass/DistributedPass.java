package sparkprop.pass;

import java.util.Comparator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import sparkprop.aggregate.PartialSum;
import sparkprop.aggregate.TreeSum;
import sparkprop.nn.Parameters;
import sparkprop.rows.RowChunk;

/**
 * The one distributed gradient pass that {@code check}, {@code bench} and {@code train} run: θ is
 * broadcast, every partition of cached row blocks runs the forward/backward kernel into unscaled
 * partial sums ({@link PartitionPass}), and the partials are added in the deterministic
 * {@link TreeSum}. The caller scales once by the global count ({@code GradientSum.mean()}).
 */
public final class DistributedPass {
  private DistributedPass() {}

  /**
   * One pass over {@code rows} at {@code theta}; the total's records are sorted by partition.
   * The broadcast is destroyed before returning.
   */
  public static PartialSum run(JavaSparkContext sc, JavaRDD<RowChunk> rows, Parameters theta, PassSettings settings,
      PartitionHook hook) {
    Broadcast<Parameters> parameters = sc.broadcast(theta);
    try {
      return run(rows, parameters, settings, hook);
    } finally {
      parameters.destroy();
    }
  }

  /** As {@link #run(JavaSparkContext, JavaRDD, Parameters, PassSettings, PartitionHook)} with θ already broadcast. */
  public static PartialSum run(JavaRDD<RowChunk> rows, Broadcast<Parameters> parameters, PassSettings settings,
      PartitionHook hook) {
    PartialSum total = TreeSum.sum(partials(rows, parameters, settings, hook), settings.treeDepth);
    total.records.sort(Comparator.comparingInt(p -> p.partition));
    return total;
  }

  /** The per-partition partial sums, not yet added (for measuring the tree on its own). */
  public static JavaRDD<PartialSum> partials(JavaRDD<RowChunk> rows, Broadcast<Parameters> parameters,
      PassSettings settings, PartitionHook hook) {
    return rows.mapPartitionsWithIndex(new PartitionPass(parameters, settings, hook), true);
  }
}
