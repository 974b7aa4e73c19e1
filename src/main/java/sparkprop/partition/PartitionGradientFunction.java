package sparkprop.partition;

import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import sparkprop.aggregate.GradientSum;
import sparkprop.aggregate.PartialSum;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.compare.InputGradientCheck;
import sparkprop.compare.ReferenceInputGradient;
import sparkprop.nn.Mlp;
import sparkprop.nn.MlpPass;
import sparkprop.nn.MlpShape;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.read.RowChunk;

/**
 * What one partition does: the forward and backward pass over its cached rows with one {@link MlpPass},
 * producing its unscaled partial sums and its {@link PartitionRecord}. When a reference input gradient
 * is broadcast, each block's x.g is compared with it on the spot and only the statistics leave the
 * partition.
 */
public final class PartitionGradientFunction
    implements Function2<Integer, Iterator<RowChunk>, Iterator<PartialSum>> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<Parameters> parameters;
  private final Precision precision;
  private final int blockRows;
  private final PixelScale scale;
  private final Broadcast<ReferenceInputGradient> referenceInput;
  private final long totalRows;
  private final int faultPartition;
  private final boolean keepPartials;

  /**
   * @param referenceInput null to skip the input gradient
   * @param totalRows      the global N (x.g is compared in the seed's scale, ÷N)
   * @param faultPartition the partition whose w1 partial is corrupted ({@code --inject-fault}); -1 for none
   * @param keepPartials   whether each record carries a copy of its partition's partial sums, for
   *                       {@code --verify-partitions}
   */
  public PartitionGradientFunction(Broadcast<Parameters> parameters, Precision precision, int blockRows,
      PixelScale scale, Broadcast<ReferenceInputGradient> referenceInput, long totalRows, int faultPartition,
      boolean keepPartials) {
    this.parameters = parameters;
    this.precision = precision;
    this.blockRows = blockRows;
    this.scale = scale;
    this.referenceInput = referenceInput;
    this.totalRows = totalRows;
    this.faultPartition = faultPartition;
    this.keepPartials = keepPartials;
  }

  @Override
  public Iterator<PartialSum> call(Integer partition, Iterator<RowChunk> chunks) {
    long start = System.nanoTime();
    Parameters theta = parameters.value();
    MlpShape shape = theta.shape();
    MlpPass pass = new MlpPass(new Mlp(theta, precision), blockRows, scale, referenceInput != null);
    InputGradientCheck input =
        referenceInput == null ? null : new InputGradientCheck(referenceInput.value(), 1.0 / totalRows);
    while (chunks.hasNext()) pass.accumulate(chunks.next(), input);
    double[] sums = pass.gradientSums();
    if (partition == faultPartition) InjectedFault.flipMantissaBit(sums, shape);
    GradientSum sum = new GradientSum(shape, sums, pass.squaredErrors(), pass.rows());

    String nonFinite = NonFinite.firstTensor(sum);
    if (nonFinite == null && input != null && input.discrepancy().nonFinite() > 0) nonFinite = "input";
    TaskContext task = TaskContext.get();
    SparkEnv env = SparkEnv.get();
    PartitionRecord record = new PartitionRecord(partition, pass.rows(),
        env == null ? "?" : env.executorId(),
        env == null ? "?" : env.blockManager().blockManagerId().host(),
        task == null ? 0 : task.attemptNumber(),
        pass.squaredErrors(), (System.nanoTime() - start) / 1_000_000,
        input == null ? null : input.discrepancy(), nonFinite,
        keepPartials ? GradientSum.zero(shape).add(sum) : null);
    return Collections.singletonList(new PartialSum(sum, Collections.singletonList(record))).iterator();
  }
}
