package sparkprop.bench;

import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import sparkprop.aggregate.GradientSum;
import sparkprop.aggregate.PartialSum;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.nn.InputGradientSink;
import sparkprop.nn.Mlp;
import sparkprop.nn.MlpPass;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.read.RowChunk;

/**
 * One partition's share of a benchmarked gradient pass: what {@code PartitionGradientFunction} does
 * for the check, minus the check's own work. The input gradient, when on, is computed block by block
 * exactly as in the check, and handed to a sink that does nothing with it (the check compares it
 * with the reference there, which is not part of the gradient's cost).
 */
final class PassPartition implements Function2<Integer, Iterator<RowChunk>, Iterator<PartialSum>> {
  private static final long serialVersionUID = 1L;

  private static final InputGradientSink DISCARD = (rowIds, first, dx) -> { };

  private final Broadcast<Parameters> parameters;
  private final Precision precision;
  private final int blockRows;
  private final boolean inputGradient;

  PassPartition(Broadcast<Parameters> parameters, Precision precision, int blockRows, boolean inputGradient) {
    this.parameters = parameters;
    this.precision = precision;
    this.blockRows = blockRows;
    this.inputGradient = inputGradient;
  }

  @Override
  public Iterator<PartialSum> call(Integer partition, Iterator<RowChunk> chunks) {
    long start = System.nanoTime();
    Parameters theta = parameters.value();
    MlpPass pass = new MlpPass(new Mlp(theta, precision), blockRows, PixelScale.BYTE, inputGradient);
    InputGradientSink sink = inputGradient ? DISCARD : null;
    while (chunks.hasNext()) pass.accumulate(chunks.next(), sink);
    GradientSum sum = new GradientSum(theta.shape(), pass.gradientSums(), pass.squaredErrors(), pass.rows());
    PartitionRecord record = new PartitionRecord(partition, pass.rows(), "?", "?", 0, pass.squaredErrors(),
        (System.nanoTime() - start) / 1_000_000, null, null, null);
    return Collections.singletonList(new PartialSum(sum, Collections.singletonList(record))).iterator();
  }
}
