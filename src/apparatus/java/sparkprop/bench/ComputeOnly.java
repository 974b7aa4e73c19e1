package sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import sparkprop.aggregate.PartialSum;
import sparkprop.aggregate.TreeSum;
import sparkprop.nn.Parameters;
import sparkprop.nn.Precision;
import sparkprop.pass.DistributedPass;
import sparkprop.pass.Partials;
import sparkprop.pass.PassSettings;
import sparkprop.rows.RowChunk;

/**
 * A pass without its aggregation, timed as {@link Series} times the whole pass: θ travels as the pass
 * ships it (inside the tasks when small, else broadcast), every partition computes its partial, and
 * the partials are only counted. A pass's time minus this is what adding the tree costs.
 */
final class ComputeOnly implements Timed {
  private static final AtomicInteger IDS = new AtomicInteger();

  private final JavaSparkContext sc;
  private final TaskClock clock;
  private final String group = "sparkprop-analysis-compute-" + IDS.incrementAndGet();
  private final JavaRDD<RowChunk> rows;
  private final Parameters theta;
  private final PassSettings settings;
  private final boolean inputGradient;
  private final List<Double> seconds = new ArrayList<>();
  private final List<Double> cpuSeconds = new ArrayList<>();
  private int runs;

  ComputeOnly(JavaSparkContext sc, TaskClock clock, JavaRDD<RowChunk> rows, BenchNet net, Precision precision,
      boolean inputGradient, int blockRows) {
    this.sc = sc;
    this.clock = clock;
    this.rows = rows;
    this.theta = net.theta;
    this.settings = Series.settings(net, precision, blockRows, 1);
    this.inputGradient = inputGradient;
  }

  @Override
  public void once(boolean timed) {
    String passGroup = group + "-" + runs++;
    sc.setJobGroup(passGroup, "sparkprop analysis: compute only", false);
    long t0 = System.nanoTime();
    long count;
    if (DistributedPass.inline(rows.getNumPartitions(), theta)) {
      count = Partials.of(rows, theta, settings, Series.hook(inputGradient)).count();
    } else {
      Broadcast<Parameters> b = sc.broadcast(theta);
      try {
        count = Partials.of(rows, b, settings, Series.hook(inputGradient)).count();
      } finally {
        b.destroy();
      }
    }
    long t = System.nanoTime() - t0;
    sc.clearJobGroup();
    if (count != rows.getNumPartitions()) throw new IllegalStateException(count + " partials");
    if (timed) {
      TaskClock.drain(sc);
      cpuSeconds.add(clock.cpuSeconds(passGroup));
      seconds.add(t / 1e9);
    }
  }

  @Override
  public void dropLast() {
    seconds.remove(seconds.size() - 1);
    cpuSeconds.remove(cpuSeconds.size() - 1);
  }

  Samples seconds() {
    return new Samples(seconds.stream().mapToDouble(Double::doubleValue).toArray());
  }

  double seconds(int k) {
    return seconds.get(k);
  }

  Samples cpuSeconds() {
    return new Samples(cpuSeconds.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** {@link TreeSum} alone, over partials computed once and cached: an upper bound of its cost. */
  static Samples treeSumAlone(JavaSparkContext sc, JavaRDD<RowChunk> rows, BenchNet net, Precision precision,
      boolean inputGradient, int blockRows, int treeDepth, int warmup, int passes) {
    Broadcast<Parameters> b = sc.broadcast(net.theta);
    JavaRDD<PartialSum> partials = Partials.of(rows, b, Series.settings(net, precision, blockRows, treeDepth),
        Series.hook(inputGradient)).cache();
    try {
      partials.count();
      long[] nanos = new long[passes];
      for (int k = -warmup; k < passes; k++) {
        long t0 = System.nanoTime();
        TreeSum.sum(partials, treeDepth);
        long t = System.nanoTime() - t0;
        if (k >= 0) nanos[k] = t;
      }
      return Samples.ofNanos(nanos);
    } finally {
      partials.unpersist(true);
      b.destroy();
    }
  }
}
