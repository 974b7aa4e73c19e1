package sparkprop.pass;

import java.util.Comparator;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import sparkprop.aggregate.PartialSum;
import sparkprop.aggregate.TreeSum;
import sparkprop.nn.Parameters;
import sparkprop.rows.RowChunk;

/**
 * The one distributed gradient pass that {@code check}, {@code bench} and {@code train} run: θ goes to
 * the executors, every partition of cached row blocks runs the forward/backward kernel into unscaled
 * partial sums ({@link PartitionPass}), and the partials are added in the deterministic
 * {@link TreeSum}. The caller scales once by the global count ({@code GradientSum.mean()}). One Spark
 * job per pass (with a shuffle per tree level only when the tree is added on a cluster's executors).
 */
public final class DistributedPass {
  /**
   * Up to this many bytes of θ in all the tasks of a pass together, θ travels inside each task rather
   * than as a broadcast: a broadcast costs the driver a block-manager registration and a removal
   * (round trips to its endpoints, a few ms each on a busy machine), a copy in a task costs its
   * deserialization (~0.2 ms for the seed's 39,301 parameters). So 2 tasks take θ along, 200 read a
   * broadcast.
   */
  public static final long MAX_INLINE_THETA_BYTES = 4L << 20;

  private DistributedPass() {}

  /**
   * One pass over {@code rows} at {@code theta}; the total's records are sorted by partition. θ goes
   * with the tasks when they are few ({@link #MAX_INLINE_THETA_BYTES}), else as a broadcast, destroyed
   * before returning.
   */
  public static PartialSum run(JavaSparkContext sc, JavaRDD<RowChunk> rows, Parameters theta, PassSettings settings,
      PartitionHook hook) {
    return run(sc, rows, null, theta, settings, hook);
  }

  /**
   * As {@link #run(JavaSparkContext, JavaRDD, Parameters, PassSettings, PartitionHook)} over the rows
   * that {@code filter} keeps of each partition (a mini-batch), chosen inside the pass's own tasks:
   * cheaper than {@code rows.mapPartitions(filter)}, an RDD of its own whose function Spark's
   * ClosureCleaner checks by parsing bytecode (~1 ms of the driver's time per step).
   *
   * @param filter null for every row
   */
  public static PartialSum run(JavaSparkContext sc, JavaRDD<RowChunk> rows, RowFilter filter, Parameters theta,
      PassSettings settings, PartitionHook hook) {
    if (inline(rows.getNumPartitions(), theta)) {
      return sorted(TreeSum.sum(partials(rows, filter, new PartitionPass(theta, settings, hook)), settings.treeDepth));
    }
    Broadcast<Parameters> parameters = sc.broadcast(theta);
    try {
      return sorted(TreeSum.sum(partials(rows, filter, new PartitionPass(parameters, settings, hook)),
          settings.treeDepth));
    } finally {
      parameters.destroy();
    }
  }

  /** What a pass reads of one partition's chunks: a serializable function applied in the task. */
  @FunctionalInterface
  public interface RowFilter extends java.io.Serializable {
    Iterator<RowChunk> apply(Iterator<RowChunk> chunks);
  }

  /** Whether {@link #run(JavaSparkContext, JavaRDD, Parameters, PassSettings, PartitionHook)} ships θ inside the tasks. */
  public static boolean inline(int partitions, Parameters theta) {
    return (long) partitions * theta.layout().size() * Double.BYTES <= MAX_INLINE_THETA_BYTES;
  }

  private static PartialSum sorted(PartialSum total) {
    total.records.sort(Comparator.comparingInt(p -> p.partition));
    return total;
  }

  /** The per-partition partial sums of {@code pass}, not yet added. */
  static JavaRDD<PartialSum> partials(JavaRDD<RowChunk> rows, RowFilter filter, PartitionPass pass) {
    PassRdd rdd = new PassRdd(rows.rdd(), filter, pass);
    return new JavaRDD<>(rdd, rdd.elementClassTag());
  }
}
