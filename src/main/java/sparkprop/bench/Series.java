package sparkprop.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.aggregate.PartialSum;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.pass.DistributedPass;
import sparkprop.pass.PartitionHook;
import sparkprop.pass.PassSettings;
import sparkprop.rows.RowChunk;

/**
 * One configuration under test, timed pass by pass, and the GEMM probe beside it. Configurations that
 * are compared with each other run {@linkplain #inTurns in turns} — one pass of each, then the next
 * round — so that a machine whose load drifts (other jobs, other users) tilts them all alike rather
 * than whichever ran last.
 *
 * <p>A pass is what {@code train} runs per step: {@link DistributedPass} — θ to the tasks (inside them
 * when small, else broadcast), forward/backward in every partition, tree-sum the partials, the total on
 * the driver. The clock runs from the call to the total.
 */
final class Series implements Timed {
  private static final AtomicInteger IDS = new AtomicInteger();

  private final JavaSparkContext sc;
  private final TaskClock clock;
  private final String group = "sparkprop-bench-" + IDS.incrementAndGet();
  private final JavaRDD<RowChunk> rows;
  final long expectedRows;
  final BenchNet net;
  final Precision precision;
  final boolean inputGradient;
  final int blockRows;
  private final int treeDepth;
  /** The GEMM probe's set-up, or null for none. */
  private final GemmProbe probe;

  private final List<Long> nanos = new ArrayList<>();
  private final List<Double> cpuSeconds = new ArrayList<>();
  private final List<Double> gemmRates = new ArrayList<>();
  private final List<Double> gemmCpuRates = new ArrayList<>();
  private double[] firstSums;
  private boolean deterministic = true;
  private double loss = Double.NaN;
  private int runs;

  private Series(JavaSparkContext sc, TaskClock clock, JavaRDD<RowChunk> rows, long expectedRows, BenchNet net,
      Precision precision, boolean inputGradient, int blockRows, int treeDepth, GemmProbe probe) {
    this.sc = sc;
    this.clock = clock;
    this.rows = rows;
    this.expectedRows = expectedRows;
    this.net = net;
    this.precision = precision;
    this.inputGradient = inputGradient;
    this.blockRows = blockRows;
    this.treeDepth = treeDepth;
    this.probe = probe;
  }

  /** Full passes (partials tree-summed to the driver), with a GEMM probe round after each when probe is given. */
  static Series passes(JavaSparkContext sc, TaskClock clock, JavaRDD<RowChunk> rows, long expectedRows,
      BenchNet net, Precision precision, boolean inputGradient, int blockRows, int treeDepth, GemmProbe probe) {
    return new Series(sc, clock, rows, expectedRows, net, precision, inputGradient, blockRows, treeDepth, probe);
  }

  /**
   * {@code warmup} untimed rounds, then {@code passes} timed ones; each round runs one pass of every
   * series. A timed round the guard rejects (other processes were busy) is dropped and run again.
   */
  static void inTurns(List<? extends Timed> series, int warmup, int passes, LoadGuard guard) {
    for (int k = 0; k < warmup; k++) {
      for (Timed s : series) s.once(false);
    }
    for (int k = 0; k < passes; ) {
      MachineLoad load = MachineLoad.start();
      for (Timed s : series) s.once(true);
      if (guard.keep(load)) k++;
      else for (Timed s : series) s.dropLast();
    }
  }

  @Override
  public void dropLast() {
    int last = nanos.size() - 1;
    nanos.remove(last);
    cpuSeconds.remove(last);
    if (probe != null) {
      gemmRates.remove(last);
      gemmCpuRates.remove(last);
    }
  }

  @Override
  public void once(boolean timed) {
    String passGroup = group + "-" + runs++;
    sc.setJobGroup(passGroup, "sparkprop bench pass", false);
    long t0 = System.nanoTime();
    PartialSum total = DistributedPass.run(sc, rows, net.theta, settings(net, precision, blockRows, treeDepth),
        hook(inputGradient));
    long t = System.nanoTime() - t0;
    sc.clearJobGroup();
    check(total);
    if (timed) {
      TaskClock.drain(sc);
      cpuSeconds.add(clock.cpuSeconds(passGroup));
      nanos.add(t);
    }
    if (probe != null) {
      GemmProbe.Rates rates = probe.round();
      if (timed) {
        gemmRates.add(rates.wall);
        gemmCpuRates.add(rates.cpu);
      }
    }
  }

  static PassSettings settings(BenchNet net, Precision precision, int blockRows, int treeDepth) {
    return new PassSettings(net.architecture, precision, blockRows, PixelScale.BYTE, Math.max(1, treeDepth), false);
  }

  /** x.g computed block by block exactly as in the check, and discarded (comparing it is the check's work, not the pass's). */
  static PartitionHook hook(boolean inputGradient) {
    return inputGradient ? DiscardInputGradient.HOOK : PartitionHook.NONE;
  }

  private void check(PartialSum total) {
    if (total.sum.rows() != expectedRows) {
      throw new IllegalStateException("a pass saw " + total.sum.rows() + " rows, not " + expectedRows);
    }
    if (firstSums == null) firstSums = total.sum.sums().clone();
    else if (!Arrays.equals(firstSums, total.sum.sums())) deterministic = false;
    loss = total.sum.mean().loss;
  }

  Samples seconds() {
    long[] n = new long[nanos.size()];
    for (int k = 0; k < n.length; k++) n[k] = nanos.get(k);
    return Samples.ofNanos(n);
  }

  /** The task CPU time of each timed pass (Σ over its tasks), seconds. */
  Samples cpuSeconds() {
    return new Samples(cpuSeconds.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Task CPU time of timed pass k, seconds. */
  double cpuSeconds(int k) {
    return cpuSeconds.get(k);
  }

  /** Timed pass k, in seconds. */
  double seconds(int k) {
    return nanos.get(k) / 1e9;
  }

  /** The probe's rates (GFLOP/s), one per timed pass. */
  Samples gemmGflops() {
    return new Samples(gemmRates.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The probe's rates per CPU second of its task threads (GFLOP/s), one per timed pass. */
  Samples gemmCpuGflops() {
    return new Samples(gemmCpuRates.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Whether every aggregated pass gave bitwise the same sums (it must: the tree's order is fixed). */
  boolean deterministic() {
    return deterministic;
  }

  /** The mean loss of the last pass. */
  double loss() {
    return loss;
  }
}
