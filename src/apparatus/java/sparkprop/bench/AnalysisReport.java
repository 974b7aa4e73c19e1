package sparkprop.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What one run of {@link Analyses} measured: the bench's own report (environment, pass table, MLlib,
 * race) and the analyses behind BENCHMARKS.md — block sizes, the scaling sweep, the aggregation's share,
 * the cluster model's inputs and fit, training steps against their passes, MLlib's gradient error by
 * partition count, and the targets judged on them.
 */
final class AnalysisReport extends BenchReport {
  final List<Pass> blockSizes = new ArrayList<>();
  final List<Sweep> sweep = new ArrayList<>();
  final List<Aggregation> aggregation = new ArrayList<>();
  /** The cluster model's measured inputs: partial sizes, TreeSum and empty-job costs, CPU per row. */
  final List<TreeCost.Line> treeCost = new ArrayList<>();
  /** Fitted to {@link #treeCost}; null when it was not measured. */
  ClusterModel clusterModel;
  /** Training steps against their passes: full batch and mini-batch, float64 and float32. */
  final List<TrainSteps.Line> trainSteps = new ArrayList<>();
  /** MLlib's gradient error against the partition count, and which model it was measured at. */
  final List<MllibGap.Line> mllibGap = new ArrayList<>();
  String mllibGapModel;
  int mllibGapBlockSize;
  final List<Target> targets = new ArrayList<>();

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

  /** A performance target judged on this run's numbers. */
  record Target(String name, @sparkprop.Json.NonFiniteAsString double value, String goal, boolean met, String note) {}
}
