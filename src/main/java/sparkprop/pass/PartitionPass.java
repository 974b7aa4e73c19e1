package sparkprop.pass;

import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import sparkprop.aggregate.GradientSum;
import sparkprop.aggregate.PartialSum;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.aggregate.TaskPlace;
import sparkprop.nn.GradientPass;
import sparkprop.nn.Parameters;
import sparkprop.nn.PassPool;
import sparkprop.rows.RowChunk;

/**
 * What one partition does: the forward and backward pass over its cached rows with one
 * {@link GradientPass} (from the JVM's {@link PassPool}), producing its unscaled partial sums and its
 * {@link PartitionRecord}; the {@link PartitionHook} sees each block's x.g and the sums before they
 * leave. θ comes broadcast, or inside the task itself when few tasks ship it ({@link DistributedPass}).
 */
final class PartitionPass implements Function2<Integer, Iterator<RowChunk>, Iterator<PartialSum>> {
  private static final long serialVersionUID = 2L;

  /** One of the two is set. */
  private final Broadcast<Parameters> broadcast;
  private final Parameters inline;
  private final PassSettings settings;
  private final PartitionHook hook;

  /** θ read from a broadcast. */
  PartitionPass(Broadcast<Parameters> parameters, PassSettings settings, PartitionHook hook) {
    this(parameters, null, settings, hook);
  }

  /** θ travelling with the task (serialized into every task of the stage). */
  PartitionPass(Parameters parameters, PassSettings settings, PartitionHook hook) {
    this(null, parameters, settings, hook);
  }

  private PartitionPass(Broadcast<Parameters> broadcast, Parameters inline, PassSettings settings, PartitionHook hook) {
    this.broadcast = broadcast;
    this.inline = inline;
    this.settings = settings;
    this.hook = hook;
  }

  @Override
  public Iterator<PartialSum> call(Integer partition, Iterator<RowChunk> chunks) {
    long start = System.nanoTime();
    Parameters theta = inline != null ? inline : broadcast.value();
    PartitionHook.Observer observer = hook.start(partition);
    GradientPass pass = PassPool.borrow(theta, settings.architecture, settings.precision, settings.blockRows,
        settings.scale, observer.inputGradient() != null);
    GradientSum sum;
    try {
      while (chunks.hasNext()) pass.accumulate(chunks.next(), observer.inputGradient());
      sum = new GradientSum(theta.layout(), pass.gradientSums(), pass.lossSum(), pass.rows(), pass.termsPerRow());
    } finally {
      PassPool.release(pass);
    }
    observer.finish(sum.sums());
    FireDrill.onThisNode().apply(partition, sum.sums(), theta.layout()); // an operator's drill: FireDrill
    String nonFinite = NonFinite.firstTensor(sum);
    if (nonFinite == null && observer.observedNonFinite()) nonFinite = "input";
    PartitionRecord record = new PartitionRecord(partition, TaskPlace.current(), sum,
        (System.nanoTime() - start) / 1_000_000, observer.observed(), nonFinite, settings.keepPartials);
    return Collections.singletonList(new PartialSum(sum, Collections.singletonList(record))).iterator();
  }
}
