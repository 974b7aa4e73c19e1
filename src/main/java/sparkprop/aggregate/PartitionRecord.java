package sparkprop.aggregate;

import java.io.Serializable;

/**
 * What the report says of one partition's work: where it ran, on how many rows, how long it took,
 * its partial loss, what the partition's hook observed (for the check: how its rows' input gradient
 * compared with the reference), and the first tensor of its partial sums that held a non-finite
 * number (if any).
 */
public final class PartitionRecord implements Serializable {
  private static final long serialVersionUID = 2L;

  public final int partition;
  public final long rows;
  public final String executorId;
  public final String host;
  public final int attempt;
  public final double lossSum;
  public final long millis;
  /** What the pass's hook observed in this partition; null when it observed nothing. */
  private final Serializable observed;
  /** "loss", a tensor's name ("w2", "b1", …) or "input": the first with a NaN or ±∞; null if none. */
  public final String nonFinite;
  /** The partition's own partial sums, kept only for {@code --verify-partitions}; else null. */
  public final GradientSum partial;

  /**
   * @param sum         the partition's partial sums
   * @param keepPartial whether to keep a copy of {@code sum} in the record
   */
  public PartitionRecord(int partition, TaskPlace place, GradientSum sum, long millis, Serializable observed,
      String nonFinite, boolean keepPartial) {
    this.partition = partition;
    this.rows = sum.rows();
    this.executorId = place.executorId;
    this.host = place.host;
    this.attempt = place.attempt;
    this.lossSum = sum.lossSum();
    this.millis = millis;
    this.observed = observed;
    this.nonFinite = nonFinite;
    this.partial = keepPartial ? sum.copy() : null;
  }

  /**
   * What the pass's hook observed, as the type that command's hook sends (the check's {@code Discrepancy},
   * the screen's {@code ExecutorFacts}); null when it observed nothing.
   *
   * @throws ClassCastException when the hook sent another type: a pass run with another command's hook
   */
  public <T extends Serializable> T observed(Class<T> type) {
    return type.cast(observed);
  }
}
