package sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import sparkprop.nn.Precision;

/** Everything one bench run measured; rendered by {@link BenchJson} and {@link BenchTable}. */
final class BenchReport {
  /**
   * The FLOP count of one pass over N rows (m inputs, nh hidden units), as documented in BENCHMARKS.md:
   * the three large products 2·N·m·nh each (forward x·w1, w1's gradient, and the input gradient when
   * on) plus 8·N·nh for the small ones (l2·w2, w2's gradient and l2's gradient, 2·N·nh each; adding
   * b1 and summing b1's gradient, N·nh each). Elementwise ReLU, MSE and O(N) terms are not counted.
   */
  static double passFlops(long rows, int m, int nh, boolean inputGradient) {
    return GemmProbe.flops(rows, m, nh, inputGradient) + 8.0 * rows * nh;
  }

  static final String FLOP_COUNT = "per pass over N rows: 2*N*m*nh (forward x.w1) + 2*N*m*nh (w1 gradient)"
      + " + 2*N*m*nh (input gradient, when on) + 8*N*nh (l2.w2, w2 gradient, l2 gradient: 2*N*nh each;"
      + " b1 add and b1 gradient: N*nh each); ReLU, MSE and O(N) terms not counted. The GEMM probe counts"
      + " only the 2*N*m*nh products; pass/GEMM compares the pass's rate on those products alone.";

  // Environment.
  String command;
  String sparkVersion;
  String sparkMaster;
  int taskSlots;
  String blas;
  boolean blasNative;
  String blasLibrary;
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

  final List<Pass> main = new ArrayList<>();
  final List<Pass> blockSizes = new ArrayList<>();
  MllibMlp.Result mllib;
  final List<Sweep> sweep = new ArrayList<>();
  final List<Aggregation> aggregation = new ArrayList<>();
  final List<Target> targets = new ArrayList<>();
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
    int inputs;
    int hidden;
    Samples seconds;
    Samples cpuSeconds;
    Samples gemmGflops;
    Samples gemmCpuGflops;
    int gemmTasks;
    boolean deterministic;
    double loss;

    static Pass of(Series s, int partitions, int warmup, int inputs, int hidden, int gemmTasks) {
      Pass p = new Pass();
      p.precision = s.precision;
      p.inputGradient = s.inputGradient;
      p.rows = s.expectedRows;
      p.partitions = partitions;
      p.blockRows = s.blockRows;
      p.warmup = warmup;
      p.inputs = inputs;
      p.hidden = hidden;
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
      return passFlops(rows, inputs, hidden, inputGradient);
    }

    double gflops() {
      return flops() / seconds.median() / 1e9;
    }

    /** The pass's rate on the large products alone ÷ the probe's rate: GEMM-only time ÷ pass time. */
    double ratioToGemm() {
      return GemmProbe.flops(rows, inputs, hidden, inputGradient) / seconds.median() / 1e9 / gemmGflops.median();
    }

    /**
     * The same ratio in CPU time, which other processes on the machine barely move: the large products'
     * FLOPs per second of the pass's task CPU ÷ the probe's FLOPs per second of its threads' CPU.
     */
    double cpuRatioToGemm() {
      double perTaskCpuRate = gemmCpuGflops.median() / gemmTasks;
      return GemmProbe.flops(rows, inputs, hidden, inputGradient) / cpuSeconds.median() / 1e9 / perTaskCpuRate;
    }
  }

  /** One size of the scaling sweep, cached or streamed. */
  static final class Sweep {
    long rows;
    String mode;
    int partitions;
    Samples seconds;
    Samples cpuSeconds;
    boolean deterministic;

    double microsPerRow() {
      return seconds.median() / rows * 1e6;
    }

    double cpuMicrosPerRow() {
      return cpuSeconds.median() / rows * 1e6;
    }
  }

  /** The aggregation's share of a pass at one partition count. */
  static final class Aggregation {
    int partitions;
    long rows;
    int fanIn;
    int shuffles;
    Samples pass;
    Samples computeOnly;
    /** Pass k minus compute-only pass k (they run in turns). */
    Samples difference;
    Samples treeSumAlone;
    Samples passCpu;
    Samples computeOnlyCpu;

    /** median(pass − compute only) ÷ median(pass). */
    double share() {
      return difference.median() / pass.median();
    }

    /** The same share in task CPU time: (median CPU of a pass − of a compute-only pass) ÷ median CPU of a pass. */
    double cpuShare() {
      return (passCpu.median() - computeOnlyCpu.median()) / passCpu.median();
    }
  }

  static final class Target {
    final String name;
    final double value;
    final String goal;
    final boolean met;
    final String note;

    Target(String name, double value, String goal, boolean met, String note) {
      this.name = name;
      this.value = value;
      this.goal = goal;
      this.met = met;
      this.note = note;
    }
  }

  Pass main(Precision p, boolean inputGradient) {
    for (Pass s : main) if (s.precision == p && s.inputGradient == inputGradient) return s;
    return null;
  }
}
