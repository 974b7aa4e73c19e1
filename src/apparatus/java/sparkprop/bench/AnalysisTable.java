package sparkprop.bench;

import java.util.Locale;

/** {@link Analyses}' tables: the bench's, then one per analysis. */
final class AnalysisTable {
  private AnalysisTable() {}

  static String render(AnalysisReport r) {
    StringBuilder b = new StringBuilder(BenchTable.render(r));
    gap(b, r);
    if (!r.blockSizes.isEmpty()) {
      b.append("block size: median ms per pass (pass/GEMM, wall; the same in task CPU)\n");
      b.append(f("%-10s %22s %22s %22s %22s%n", "rows/block", "float64 x.g on", "float64 x.g off",
          "float32 x.g on", "float32 x.g off"));
      int last = -1;
      for (BenchReport.Pass p : r.blockSizes) {
        if (p.blockRows != last) {
          if (last >= 0) b.append('\n');
          b.append(f("%-10d", p.blockRows));
          last = p.blockRows;
        }
        b.append(f(" %22s", f("%.1f (%.2f; %.2f)", ms(p.seconds.median()), p.ratioToGemm(), p.cpuRatioToGemm())));
      }
      b.append("\n\n");
    }

    if (!r.sweep.isEmpty()) {
      b.append(f("scaling: float64, x.g on, %d partitions, rows repeat the base rows%n", r.sweep.get(0).partitions));
      b.append(f("%-10s %-7s %12s %19s %10s %16s%n", "rows", "mode", "median s", "min-max s", "us/row",
          "task CPU us/row"));
      for (AnalysisReport.Sweep s : r.sweep) {
        b.append(f("%-10d %-7s %12.3f %19s %10.3f %16.3f%n", s.rows, s.mode, s.seconds.median(),
            f("%.3f-%.3f", s.seconds.min(), s.seconds.max()), s.microsPerRow(), s.cpuMicrosPerRow()));
      }
      b.append('\n');
    }

    if (!r.aggregation.isEmpty()) {
      b.append(f("aggregation (TreeSum, depth %d): float64, x.g on, %d rows%n", r.treeDepth,
          r.aggregation.get(0).rows));
      b.append(f("%-10s %6s %8s %10s %16s %7s %17s %10s%n", "partitions", "fan-in", "shuffles", "pass ms",
          "compute-only ms", "share", "TreeSum alone ms", "CPU share"));
      for (AnalysisReport.Aggregation a : r.aggregation) {
        b.append(f("%-10d %6d %8d %10.1f %16.1f %6.1f%% %17.1f %9.1f%%%n", a.partitions, a.fanIn, a.shuffles,
            ms(a.pass.median()), ms(a.computeOnly.median()), 100 * a.share(), ms(a.treeSumAlone.median()),
            100 * a.cpuShare()));
      }
      b.append('\n');
    }

    if (!r.treeCost.isEmpty()) {
      b.append(f("cluster model inputs: float64 partials, TreeSum alone (depth %d) and an empty job of P tasks%n",
          r.treeDepth));
      b.append(f("%-34s %10s %6s %8s %12s %14s %14s %16s %15s%n", "network", "partitions", "fan-in", "shuffles",
          "partial MB", "TreeSum ms", "empty job ms", "driver JVM CPU ms", "task CPU us/row"));
      for (TreeCost.Line l : r.treeCost) {
        b.append(f("%-34s %10d %6d %8d %12.3f %14.1f %14.1f %16.1f %15.2f%n", l.network, l.partitions, l.fanIn,
            l.shuffles, l.partialBytes / 1e6, ms(l.treeSum.median()), ms(l.emptyJob.median()),
            ms(l.emptyJobProcessCpu.median()), 1e6 * l.cpuSecondsPerRow));
      }
      b.append('\n');
    }

    if (!r.trainSteps.isEmpty()) {
      b.append(f("training steps (SGD, %d-%d-10 relu cross-entropy): a step's own time against its pass's Spark job%n",
          r.inputs, r.hidden));
      b.append(f("%-28s %10s %6s %12s %16s %14s%n", "steps", "rows/step", "timed", "step ms", "pass job ms",
          "beyond pass"));
      for (TrainSteps.Line l : r.trainSteps) {
        b.append(f("%-28s %10d %6d %12.1f %16.1f %13.1f%%%n", TrainSteps.describe(l), l.rows, l.steps,
            ms(l.step.median()), ms(l.pass.median()), 100 * l.overheadShare()));
      }
      b.append('\n');
    }

    ClusterModelOutput.table(b, r);


    ClusterModelOutput.table(b, r);

    if (!r.targets.isEmpty()) {
      b.append("targets\n");
      for (AnalysisReport.Target t : r.targets) {
        b.append(f("  [%s] %s: %.3g (goal %s)%s%n", t.met() ? "met" : "MISSED", t.name(), t.value(), t.goal(),
            t.note() == null || t.note().isEmpty() ? "" : " - " + t.note()));
      }
    }
    return b.toString();
  }

  private static void gap(StringBuilder b, AnalysisReport r) {
    if (r.mllibGap.isEmpty()) return;
    b.append(f("MLlib's gradient against the exact one, by partition count (blockSize %d; %s)%n", r.mllibGapBlockSize,
        r.mllibGapModel));
    b.append(f("%-10s %8s %8s %18s %12s %12s %12s%n", "partitions", "rows", "blocks", "max gap/max elem",
        "re-weighted", "MLlib loss", "exact loss"));
    for (MllibGap.Line l : r.mllibGap) {
      b.append(f("%-10d %8d %8d %18.3e %12.1e %12.6f %12.6f%n", l.partitions, l.rows, l.blocks, l.relative,
          l.reweightedRelative, l.mllibLoss, l.exactLoss));
    }
    b.append('\n');
  }

  private static double ms(double seconds) {
    return seconds * 1e3;
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
