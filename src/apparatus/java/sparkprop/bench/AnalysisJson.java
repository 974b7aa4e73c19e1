package sparkprop.bench;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import sparkprop.Json;
import sparkprop.Json.NonFiniteAsString;
import sparkprop.bench.BenchJson.Summary;

/**
 * {@code analyses.json}: bench.json's keys, then one key per analysis (the keys the bench wrote before they
 * moved here), one record per object as {@link BenchJson}. Every number keeps the strings "NaN" and
 * "Infinity" it was written with ({@link NonFiniteAsString}).
 *
 * @param mllibGradientGap null when it was not measured
 * @param clusterModel     null when it was not fitted
 */
record AnalysisJson(@JsonUnwrapped BenchJson bench, List<BenchJson.Pass> blockSizes, MllibGradientGap mllibGradientGap,
    List<Sweep> scaling, List<Aggregation> aggregation, List<TreeCostLine> clusterModelInputs, List<TrainStep> trainSteps,
    ClusterModelOutput.Fit clusterModel, List<AnalysisReport.Target> targets) {

  static byte[] render(AnalysisReport r) {
    return Json.pretty(of(r));
  }

  static AnalysisJson of(AnalysisReport r) {
    return new AnalysisJson(BenchJson.of(r), r.blockSizes.stream().map(BenchJson.Pass::of).toList(),
        MllibGradientGap.of(r), r.sweep.stream().map(Sweep::of).toList(),
        r.aggregation.stream().map(a -> Aggregation.of(a, r.treeDepth)).toList(),
        r.treeCost.stream().map(l -> TreeCostLine.of(l, r.treeDepth)).toList(),
        r.trainSteps.stream().map(TrainStep::of).toList(), ClusterModelOutput.fit(r), r.targets);
  }

  /** One size of the scaling sweep (float64, x.g on). */
  record Sweep(long rows, String mode, int partitions, String precision, boolean inputGradient, Summary seconds,
      @NonFiniteAsString double microsecondsPerRow, Summary taskCpuSeconds,
      @NonFiniteAsString double taskCpuMicrosecondsPerRow, boolean deterministic) {
    static Sweep of(AnalysisReport.Sweep s) {
      return new Sweep(s.rows, s.mode, s.partitions, "float64", true, Summary.of(s.seconds), s.microsPerRow(),
          Summary.of(s.cpuSeconds), s.cpuMicrosPerRow(), s.deterministic);
    }
  }

  /** The aggregation's share of a pass at one partition count. */
  record Aggregation(int partitions, long rows, int treeDepth, int fanIn, int shuffles, Summary passSeconds,
      Summary computeOnlySeconds, Summary differenceSeconds, Summary treeSumAloneSeconds,
      @NonFiniteAsString double share, Summary passTaskCpuSeconds, Summary computeOnlyTaskCpuSeconds,
      @NonFiniteAsString double taskCpuShare) {
    static Aggregation of(AnalysisReport.Aggregation a, int treeDepth) {
      return new Aggregation(a.partitions, a.rows, treeDepth, a.fanIn, a.shuffles, Summary.of(a.pass),
          Summary.of(a.computeOnly), Summary.of(a.difference), Summary.of(a.treeSumAlone), a.share(),
          Summary.of(a.passCpu), Summary.of(a.computeOnlyCpu), a.cpuShare());
    }
  }

  /** One of the cluster model's measured inputs. */
  record TreeCostLine(String network, int partitions, long rows, int treeDepth, int fanIn, int shuffles,
      long partialBytes, Summary treeSumSeconds, Summary emptyJobSeconds, Summary emptyJobDriverProcessCpuSeconds,
      @NonFiniteAsString double taskCpuSecondsPerRow) {
    static TreeCostLine of(TreeCost.Line l, int treeDepth) {
      return new TreeCostLine(l.network, l.partitions, l.rows, treeDepth, l.fanIn, l.shuffles, l.partialBytes,
          Summary.of(l.treeSum), Summary.of(l.emptyJob), Summary.of(l.emptyJobProcessCpu), l.cpuSecondsPerRow);
    }
  }

  /** Training steps against their passes. */
  record TrainStep(String precision, long batchRows, long rowsPerStep, int partitions, int steps, Summary stepSeconds,
      Summary passJobSeconds, @NonFiniteAsString double overheadShare, @NonFiniteAsString double otherLoad) {
    static TrainStep of(TrainSteps.Line l) {
      return new TrainStep(l.precision.label(), l.batchRows, l.rows, l.partitions, l.steps, Summary.of(l.step),
          Summary.of(l.pass), l.overheadShare(), l.otherLoad);
    }
  }

  /** MLlib's gradient error against the partition count, at one model. */
  record MllibGradientGap(String model, int blockSize, String measure, List<GapLine> lines) {
    static MllibGradientGap of(AnalysisReport r) {
      if (r.mllibGap.isEmpty()) return null;
      return new MllibGradientGap(r.mllibGapModel, r.mllibGapBlockSize, "max|g_MLlib - g_exact| / max|g_exact| over"
          + " every parameter; exact = sparkprop's float64 single-node reference on the same rows",
          r.mllibGap.stream().map(GapLine::of).toList());
    }
  }

  record GapLine(int partitions, long rows, long blocks, @NonFiniteAsString double relative,
      @NonFiniteAsString double reweightedRelative, @NonFiniteAsString double mllibLoss,
      @NonFiniteAsString double exactLoss, @NonFiniteAsString double seconds) {
    static GapLine of(MllibGap.Line l) {
      return new GapLine(l.partitions, l.rows, l.blocks, l.relative, l.reweightedRelative, l.mllibLoss, l.exactLoss,
          l.seconds);
    }
  }
}
