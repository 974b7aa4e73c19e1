package sparkprop.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.aggregate.Gradients;
import sparkprop.aggregate.PartialSum;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.nn.Layout;
import sparkprop.nn.Parameters;
import sparkprop.pass.DistributedPass;
import sparkprop.pass.InjectedFault;
import sparkprop.pass.PartitionHook;
import sparkprop.pass.PassSettings;
import sparkprop.rows.RowChunk;

/**
 * The training loss and its gradient at θ for one step: the check's distributed pass over the step's
 * rows — all of them (full batch) or the step's mini-batch, chosen inside the partitions — scaled
 * once by the batch's row count.
 */
final class Objective {
  /** The mean loss and gradient at some θ over some rows, and where a non-finite number first showed. */
  static final class Value {
    final Gradients gradients;
    /** "loss", a tensor's name or null, and the partition it came from. */
    final String nonFinite;
    final int nonFinitePartition;

    Value(Gradients gradients, String nonFinite, int nonFinitePartition) {
      this.gradients = gradients;
      this.nonFinite = nonFinite;
      this.nonFinitePartition = nonFinitePartition;
    }
  }

  /**
   * Thrown by {@link #at(Layout, double[], long)} when the step's mini-batch holds no rows — legitimate
   * for small batches (a slot is empty with probability about e^−B): the step is skipped. It comes
   * before the rule has changed anything, since a rule evaluates the gradient before it updates.
   */
  static final class EmptyBatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EmptyBatch(long step) {
      super("step " + step + " has no rows", null, false, false);
    }
  }

  private final JavaSparkContext sc;
  private final JavaRDD<RowChunk> rows;
  private final BatchSampler sampler;
  private final PassSettings settings;
  private final InjectedFault fault;
  private final int faultStep;

  /** @param sampler null for full-batch steps; @param fault null for none, else injected at {@code faultStep} */
  Objective(JavaSparkContext sc, JavaRDD<RowChunk> rows, BatchSampler sampler, PassSettings settings,
      InjectedFault fault, int faultStep) {
    this.sc = sc;
    this.rows = rows;
    this.sampler = sampler;
    this.settings = settings;
    this.fault = fault;
    this.faultStep = faultStep;
  }

  /**
   * What step {@code step} reads of each partition: its mini-batch, chosen inside the pass's own tasks
   * (no RDD per step); null for every row (full batch).
   */
  DistributedPass.RowFilter filterOf(long step) {
    if (sampler == null) return null;
    BatchSampler s = sampler;
    return chunks -> s.batch(chunks, step);
  }

  /** The pass's hook at step {@code step}: the injected fault on its step, else nothing. */
  PartitionHook hookAt(long step) {
    return fault != null && step == faultStep ? fault.hook() : PartitionHook.NONE;
  }

  /** The step's value at θ over its rows; {@link EmptyBatch} when it is a mini-batch with none. */
  Value at(Layout layout, double[] theta, long step) {
    PartialSum total = DistributedPass.run(sc, rows, filterOf(step), new Parameters(layout, theta), settings, hookAt(step));
    if (sampler != null && total.sum.rows() == 0) throw new EmptyBatch(step);
    return value(total, step);
  }

  /** One distributed pass over every row of {@code over} at θ. */
  Value at(JavaRDD<RowChunk> over, Parameters theta, long step) {
    return value(DistributedPass.run(sc, over, theta, settings, hookAt(step)), step);
  }

  private static Value value(PartialSum total, long step) {
    if (total.sum.rows() == 0) throw new IllegalStateException("step " + step + " has no rows");
    String nonFinite = null;
    int where = -1;
    for (PartitionRecord r : total.records) {
      if (r.nonFinite != null) {
        nonFinite = r.nonFinite;
        where = r.partition;
        break;
      }
    }
    return new Value(total.sum.mean(), nonFinite, where);
  }

  boolean fullBatch() {
    return sampler == null;
  }
}
