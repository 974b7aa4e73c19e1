package sparkprop.pass;

import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import sparkprop.aggregate.PartialSum;
import sparkprop.rows.RowChunk;

/**
 * The rows' partial sums, one per partition: {@link PartitionPass} over each partition of the rows, as
 * {@code rows.mapPartitionsWithIndex(pass, true)} would compute it — but made without going through
 * Spark's Java API, whose every transformation wraps the function in a Scala closure that Spark's
 * {@code ClosureCleaner} then checks by reading and parsing the bytecode of the class that declared it
 * ({@code JavaRDDLike}, large): about a millisecond of the driver's time on every pass, a twentieth of
 * a mini-batch step. Narrow, one to one: partition i of the pass reads partition i of the rows,
 * through an optional {@link DistributedPass.RowFilter} (a mini-batch chosen in the task).
 */
final class PassRdd extends RDD<PartialSum> {
  private static final long serialVersionUID = 1L;
  private static final ClassTag<PartialSum> PARTIALS = ClassTag$.MODULE$.apply(PartialSum.class);
  private static final ClassTag<RowChunk> ROWS = ClassTag$.MODULE$.apply(RowChunk.class);

  private final DistributedPass.RowFilter filter;
  private final PartitionPass pass;

  /** @param filter what the pass reads of each partition's chunks; null for all of them */
  PassRdd(RDD<RowChunk> rows, DistributedPass.RowFilter filter, PartitionPass pass) {
    super(rows, PARTIALS);
    this.filter = filter;
    this.pass = pass;
  }

  @Override
  public scala.collection.Iterator<PartialSum> compute(Partition split, TaskContext context) {
    java.util.Iterator<RowChunk> rows = CollectionConverters.asJava(this.<RowChunk>firstParent(ROWS).iterator(split, context));
    return CollectionConverters.asScala(pass.call(split.index(), filter == null ? rows : filter.apply(rows)));
  }

  @Override
  public Partition[] getPartitions() {
    return this.<RowChunk>firstParent(ROWS).partitions();
  }
}
