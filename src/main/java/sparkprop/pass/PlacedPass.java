package sparkprop.pass;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.aggregate.PartialSum;
import sparkprop.nn.Parameters;
import sparkprop.rows.RowChunk;

/**
 * The pass with a placement hook: the same per-partition kernel as {@link DistributedPass}, run once per
 * {@link Slot} — a partition and the executor asked to compute it — so that one partition may be
 * computed on several executors in one job ({@code screen}). The partials are not added: each comes back
 * to the driver on its own, in slot order. Placement is a request (Spark's preferred locations at
 * executor level, honoured within {@code spark.locality.wait}); where a task really ran is for the caller
 * to verify from the listener bus.
 */
public final class PlacedPass {
  private PlacedPass() {}

  /**
   * One task: partition {@code partition} of the rows, preferably on executor {@code executorId} of host
   * {@code host}; a null executor asks for nothing.
   */
  public record Slot(int partition, String executorId, String host) implements Serializable {
    /** Spark's ExecutorCacheTaskLocation as a preferred-location string: {@code executor_<host>_<id>}. */
    String location() {
      return executorId == null ? null : "executor_" + host + "_" + executorId;
    }
  }

  /**
   * Runs {@code slots} in one Spark job and returns each slot's partial sum (θ shipped inside the tasks),
   * in slot order; {@code hook} as in {@link DistributedPass}.
   */
  public static List<PartialSum> run(JavaSparkContext sc, JavaRDD<RowChunk> rows, Parameters theta,
      PassSettings settings, PartitionHook hook, List<Slot> slots) {
    PlacedPassRdd rdd = new PlacedPassRdd(rows.rdd(), slots, new PartitionPass(theta, settings, hook));
    return new JavaRDD<>(rdd, rdd.elementClassTag()).collect();
  }
}
