package sparkprop.pass;

import java.util.List;
import org.apache.spark.NarrowDependency;
import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import sparkprop.aggregate.PartialSum;
import sparkprop.rows.RowChunk;

/**
 * One task per {@link PlacedPass.Slot}: task j reads partition {@code slots[j].partition} of the rows (a
 * narrow dependency; several tasks may read the same partition) and prefers the slot's executor.
 */
final class PlacedPassRdd extends RDD<PartialSum> {
  private static final long serialVersionUID = 1L;
  private static final ClassTag<PartialSum> PARTIALS = ClassTag$.MODULE$.apply(PartialSum.class);

  private final List<PlacedPass.Slot> slots;
  private final PartitionPass pass;
  private final RDD<RowChunk> rows;

  PlacedPassRdd(RDD<RowChunk> rows, List<PlacedPass.Slot> slots, PartitionPass pass) {
    super(rows.context(), dependency(rows, slots), PARTIALS);
    this.rows = rows;
    this.slots = List.copyOf(slots);
    this.pass = pass;
  }

  private static Seq<org.apache.spark.Dependency<?>> dependency(RDD<RowChunk> rows, List<PlacedPass.Slot> slots) {
    List<PlacedPass.Slot> copy = List.copyOf(slots);
    org.apache.spark.Dependency<?> d = new SlotDependency(rows, copy);
    return CollectionConverters.asScala(List.<org.apache.spark.Dependency<?>>of(d)).toList();
  }

  /** Task j depends on the rows' partition that slot j names. */
  private static final class SlotDependency extends NarrowDependency<RowChunk> {
    private static final long serialVersionUID = 1L;
    private final List<PlacedPass.Slot> slots;

    SlotDependency(RDD<RowChunk> rows, List<PlacedPass.Slot> slots) {
      super(rows);
      this.slots = slots;
    }

    @Override
    public scala.collection.immutable.Seq<Object> getParents(int partitionId) {
      return CollectionConverters.asScala(List.<Object>of(slots.get(partitionId).partition())).toList();
    }
  }

  /** Slot j as a Spark partition, carrying the rows' partition it reads (as CoalescedRDD's partitions do). */
  private record SlotPartition(int index, int rowsPartition, Partition source) implements Partition {
    @Override
    public int index() {
      return index;
    }
  }

  @Override
  public Partition[] getPartitions() {
    Partition[] out = new Partition[slots.size()];
    Partition[] sources = rows.partitions();
    for (int j = 0; j < out.length; j++) {
      int p = slots.get(j).partition();
      out[j] = new SlotPartition(j, p, sources[p]);
    }
    return out;
  }

  @Override
  public Seq<String> getPreferredLocations(Partition split) {
    String location = slots.get(split.index()).location();
    return CollectionConverters.asScala(location == null ? List.<String>of() : List.of(location)).toList();
  }

  @Override
  public scala.collection.Iterator<PartialSum> compute(Partition split, TaskContext context) {
    SlotPartition slot = (SlotPartition) split;
    java.util.Iterator<RowChunk> chunks = CollectionConverters.asJava(rows.iterator(slot.source(), context));
    return CollectionConverters.asScala(pass.call(slot.rowsPartition(), chunks));
  }
}
