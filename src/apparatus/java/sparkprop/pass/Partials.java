package sparkprop.pass;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import sparkprop.aggregate.PartialSum;
import sparkprop.nn.Parameters;
import sparkprop.rows.RowChunk;

/**
 * A pass's per-partition partial sums before the tree adds them, for the apparatus that times the tree
 * on its own and a pass without it (the product only ever runs the whole pass).
 */
public final class Partials {
  private Partials() {}

  /** The partials of a pass over {@code rows} with θ inside the tasks, not yet added. */
  public static JavaRDD<PartialSum> of(JavaRDD<RowChunk> rows, Parameters theta, PassSettings settings,
      PartitionHook hook) {
    return DistributedPass.partials(rows, null, new PartitionPass(theta, settings, hook));
  }

  /** The partials of a pass over {@code rows} at the broadcast θ, not yet added. */
  public static JavaRDD<PartialSum> of(JavaRDD<RowChunk> rows, Broadcast<Parameters> theta, PassSettings settings,
      PartitionHook hook) {
    return DistributedPass.partials(rows, null, new PartitionPass(theta, settings, hook));
  }
}
