package sparkprop.aggregate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A node of the aggregation tree: the gradient sum of some partitions together with their records.
 * The records are small (no tensors), so they ride along to the driver with the sum.
 */
public final class PartialSum implements Serializable {
  private static final long serialVersionUID = 1L;

  public final GradientSum sum;
  public final List<PartitionRecord> records;

  public PartialSum(GradientSum sum, List<PartitionRecord> records) {
    this.sum = sum;
    this.records = new ArrayList<>(records);
  }

  /** Adds {@code other}'s sum and records into this node and returns this. */
  public PartialSum add(PartialSum other) {
    sum.add(other.sum);
    records.addAll(other.records);
    return this;
  }
}
