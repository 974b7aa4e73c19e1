package sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import sparkprop.nn.Architecture;
import sparkprop.nn.Layout;
import sparkprop.nn.Precision;

/** Everything one bench run measured; rendered by {@link BenchJson} and {@link BenchTable}. */
class BenchReport {
  /**
   * The FLOP count of one pass over N rows of a network n0-…-nK, as documented in BENCHMARKS.md: every
   * layer's products, 2·N·n_{k−1}·n_k each — the forward w_kᵀ·a, w_k's gradient, and the input side's
   * gradient w_k·dz (for k > 1 always, for k = 1 only with x.g) — plus 2·N·n_k per layer for adding b_k
   * and summing its gradient. Activations, the loss and other O(N·n_k) elementwise terms are not counted.
   * For the regressor 784-50-1 this is the count of earlier runs (2·N·m·nh per large product + 8·N·nh)
   * plus 2·N for the output's bias.
   */
  static double passFlops(long rows, Layout layout, boolean inputGradient) {
    double f = GemmProbe.flops(rows, layout, inputGradient);
    for (int k = 1; k <= layout.layers(); k++) f += 2.0 * rows * layout.size(k);
    return f;
  }

  static final String FLOP_COUNT = "per pass over N rows of n0-...-nK: for each layer k, 2*N*n(k-1)*n(k) for the"
      + " forward w_k^T.a, the same for w_k's gradient a.dz^T, the same for the input side w_k.dz (k > 1 always,"
      + " k = 1 only with x.g), and 2*N*n(k) for b_k's add and gradient; activations, loss and other"
      + " elementwise terms not counted. The GEMM probe runs exactly those products; pass/GEMM compares the"
      + " pass's rate on them alone with the probe's.";

  /** The screen's round of placed passes against one pass; null when not measured. */
  ScreenPassCost.Result screenPass;

  // Environment.
  String command;
  String sparkVersion;
  String sparkMaster;
  int taskSlots;
  String blas;
  boolean blasNative;
  /** The shared libraries with "blas" in their name mapped into the driver's JVM (/proc/self/maps). */
  String blasLibrary;
  /** What the tasks' BLAS is: library, OpenBLAS version and the core its dispatch chose. */
  sparkprop.blas.BlasInfo blasInfo;
  String openblasThreads;
  String taskOpenblasThreads;
  String openblasCoretype;
  String cpuModel;
  int cores;
  long memoryBytes;
  long maxHeapBytes;
  long storageMemoryBytes;
  String javaVersion;

  // The data and the model.
  String data;
  long rows;
  int inputs;
  int hidden;
  int partitions;
  int blockRows;
  int treeDepth;
  int warmup;
  int passes;

  /** The headline network (the regressor m-nh-1) and the second network's passes. */
  String network;
  String deepNetwork;
  final List<Pass> main = new ArrayList<>();
  final List<Pass> deep = new ArrayList<>();
  MllibMlp.Result mllib;
  /** The time-to-accuracy race against MLlib's l-bfgs, or null when not run. */
  RaceResult race;
  /** Why the race did not run, or null. */
  String raceSkipped;
  /** The guard's threshold: rounds with more of the CPUs used by other processes were run again (1: off). */
  double maxOtherLoad;
  /**
   * Section name → {other processes' share of the CPUs over the whole section, stolen share, the
   * busiest kept round's other share, rounds run again}.
   */
  final java.util.Map<String, double[]> otherLoad = new java.util.LinkedHashMap<>();
  double totalSeconds;

  /** One timed series of passes and the GEMM probe run beside it. */
  static final class Pass {
    Precision precision;
    boolean inputGradient;
    long rows;
    int partitions;
    int blockRows;
    int warmup;
    Layout layout;
    Architecture architecture;
    Samples seconds;
    Samples cpuSeconds;
    Samples gemmGflops;
    Samples gemmCpuGflops;
    int gemmTasks;
    boolean deterministic;
    double loss;

    static Pass of(Series s, int partitions, int warmup, int gemmTasks) {
      Pass p = new Pass();
      p.precision = s.precision;
      p.inputGradient = s.inputGradient;
      p.rows = s.expectedRows;
      p.partitions = partitions;
      p.blockRows = s.blockRows;
      p.warmup = warmup;
      p.layout = s.net.layout;
      p.architecture = s.net.architecture;
      p.seconds = s.seconds();
      p.cpuSeconds = s.cpuSeconds();
      p.gemmGflops = s.gemmGflops();
      p.gemmCpuGflops = s.gemmCpuGflops();
      p.gemmTasks = gemmTasks;
      p.deterministic = s.deterministic();
      p.loss = s.loss();
      return p;
    }

    double flops() {
      return passFlops(rows, layout, inputGradient);
    }

    double gflops() {
      return flops() / seconds.median() / 1e9;
    }

    /** The pass's rate on the large products alone ÷ the probe's rate: GEMM-only time ÷ pass time. */
    double ratioToGemm() {
      return GemmProbe.flops(rows, layout, inputGradient) / seconds.median() / 1e9 / gemmGflops.median();
    }

    /**
     * The same ratio in CPU time, which other processes on the machine barely move: the large products'
     * FLOPs per second of the pass's task CPU ÷ the probe's FLOPs per second of its threads' CPU.
     */
    double cpuRatioToGemm() {
      double perTaskCpuRate = gemmCpuGflops.median() / gemmTasks;
      return GemmProbe.flops(rows, layout, inputGradient) / cpuSeconds.median() / 1e9 / perTaskCpuRate;
    }
  }

  Pass main(Precision p, boolean inputGradient) {
    return find(main, p, inputGradient);
  }

  static Pass find(List<Pass> passes, Precision p, boolean inputGradient) {
    for (Pass s : passes) if (s.precision == p && s.inputGradient == inputGradient) return s;
    return null;
  }
}
