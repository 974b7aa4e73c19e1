package sparkprop.aggregate;

import java.io.Serializable;
import sparkprop.compare.Discrepancy;

/**
 * What the report says of one partition's work: where it ran, on how many rows, how long it took,
 * its partial loss, how its rows' input gradient compared with the reference, and the first tensor
 * of its partial sums that held a non-finite number (if any).
 */
public final class PartitionRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  public final int partition;
  public final long rows;
  public final String executorId;
  public final String host;
  public final int attempt;
  public final double squaredErrors;
  public final long millis;
  /** x.g of this partition's rows against the reference's; null when the input check is off. */
  public final Discrepancy input;
  /** "w1", "b1", "w2", "b2", "loss" or "input": the first tensor with a NaN or ±∞; null if none. */
  public final String nonFinite;
  /** The partition's own partial sums, kept only for {@code --verify-partitions}; else null. */
  public final GradientSum partial;

  public PartitionRecord(int partition, long rows, String executorId, String host, int attempt,
      double squaredErrors, long millis, Discrepancy input, String nonFinite, GradientSum partial) {
    this.partition = partition;
    this.rows = rows;
    this.executorId = executorId;
    this.host = host;
    this.attempt = attempt;
    this.squaredErrors = squaredErrors;
    this.millis = millis;
    this.input = input;
    this.nonFinite = nonFinite;
    this.partial = partial;
  }
}
