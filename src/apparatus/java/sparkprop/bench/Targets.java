package sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import sparkprop.nn.Precision;

/** The performance targets, judged on one run's numbers (never in unit tests). */
final class Targets {
  /** The sweep's flatness is judged from this many rows up. */
  static final long FLAT_FROM_ROWS = 60_000;

  private Targets() {}

  static void evaluate(AnalysisReport r) {
    BenchReport.Pass d1 = r.main(Precision.FLOAT64, true);
    BenchReport.Pass d0 = r.main(Precision.FLOAT64, false);
    BenchReport.Pass s1 = r.main(Precision.FLOAT32, true);
    BenchReport.Pass s0 = r.main(Precision.FLOAT32, false);
    for (BenchReport.Pass p : new BenchReport.Pass[] {d1, d0, s1, s0}) {
      if (p == null) continue;
      add(r, p.precision.label() + " pass / GEMM rate, x.g " + onOff(p), p.ratioToGemm(), ">= 0.85",
          p.ratioToGemm() >= 0.85, String.format(Locale.ROOT, "%.1f of %.1f GFLOP/s; in task CPU %.2f",
              p.ratioToGemm() * p.gemmGflops.median(), p.gemmGflops.median(), p.cpuRatioToGemm()));
    }
    for (BenchReport.Pass[] pair : new BenchReport.Pass[][] {{d1, s1}, {d0, s0}}) {
      if (pair[0] == null || pair[1] == null) continue;
      double x = BenchTable.speedup(pair[0], pair[1]);
      double cpu = pair[0].cpuSeconds.median() / pair[1].cpuSeconds.median();
      add(r, "float32 speed-up over float64, x.g " + onOff(pair[0]), x, ">= 1.8", x >= 1.8,
          String.format(Locale.ROOT, "in task CPU %.2f", cpu));
    }
    if (r.mllib != null) {
      double it = r.mllib.secondsPerIteration.median();
      for (BenchReport.Pass p : new BenchReport.Pass[] {d0, d1, s0, s1}) {
        if (p == null) continue;
        double goal = p.precision == Precision.FLOAT64 ? 1.8 : 3.0;
        double x = it / p.seconds.median();
        double cpu = r.mllib.cpuSecondsPerIteration.median() / p.cpuSeconds.median();
        add(r, "MLlib gd iteration / " + p.precision.label() + " pass, x.g " + onOff(p), x, ">= " + goal, x >= goal,
            String.format(Locale.ROOT, "task CPU ratio %.2f; %s", cpu,
                p.inputGradient ? "sparkprop also computes x.g, MLlib does not" : "neither computes x.g"));
      }
    }
    if (r.race != null && r.race.reference() != null) {
      RaceResult.MllibFit ref = r.race.reference();
      add(r, "train race: MLlib l-bfgs fit time / sparkprop's median time to the same test accuracy",
          r.race.speedup(), ">= " + RaceResult.GOAL, r.race.speedup() >= RaceResult.GOAL,
          String.format(Locale.ROOT, "%.4f: MLlib %.1f s (maxIter %d), sparkprop %.1f s (median of %d seeds, %d reached it)",
              r.race.target(), ref.fitSeconds(), ref.maxIter(), r.race.medianSeconds(), r.race.sparkprop().size(),
              r.race.reachedCount()));
    }
    trainSteps(r);
    flatness(r, "scaling: time per row max/min from 60k rows, as run (cached where it fits)", true);
    flatness(r, "scaling: time per row max/min from 60k rows, all streamed", false);
    if (!r.aggregation.isEmpty()) {
      AnalysisReport.Aggregation a = r.aggregation.get(r.aggregation.size() - 1);
      add(r, "aggregation share of a pass at " + a.partitions + " partitions", a.share(), "< 0.10", a.share() < 0.10,
          String.format(Locale.ROOT, "%d rows; share of task CPU %.3f", a.rows, a.cpuShare()));
    }
  }

  private static void trainSteps(AnalysisReport r) {
    for (TrainSteps.Line l : r.trainSteps) {
      if (l.batchRows == 0) {
        add(r, "train: a full-batch step's time beyond its pass, " + l.precision.label(), l.overheadShare(), "<= 0.10",
            l.overheadShare() <= 0.10, String.format(Locale.ROOT, "%d rows: step %.1f ms, pass job %.1f ms (medians)",
                l.rows, 1e3 * l.step.median(), 1e3 * l.pass.median()));
      } else {
        add(r, "train: median step with --batch-rows " + l.batchRows + ", " + l.precision.label() + " (seconds)",
            l.step.median(), "< 0.025 (aim)", l.step.median() < 0.025, String.format(Locale.ROOT,
                "%d partitions; pass job %.1f ms; beyond the pass %.0f%%", l.partitions, 1e3 * l.pass.median(),
                100 * l.overheadShare()));
      }
    }
  }

  /** Max over min of the time per row over the sweep sizes ≥ 60k, one mode per size. */
  private static void flatness(AnalysisReport r, String name, boolean preferCache) {
    Map<Long, AnalysisReport.Sweep> bySize = new TreeMap<>();
    for (AnalysisReport.Sweep s : r.sweep) {
      boolean streamed = s.mode.equals("stream");
      if (s.rows < FLAT_FROM_ROWS || (!preferCache && !streamed)) continue;
      AnalysisReport.Sweep had = bySize.get(s.rows);
      if (had == null || (had.mode.equals("stream") && !streamed)) bySize.put(s.rows, s);
    }
    List<AnalysisReport.Sweep> chosen = new ArrayList<>(bySize.values());
    if (chosen.size() < 2) return;
    double lo = Double.MAX_VALUE;
    double hi = 0;
    double cpuLo = Double.MAX_VALUE;
    double cpuHi = 0;
    StringBuilder detail = new StringBuilder();
    for (AnalysisReport.Sweep s : chosen) {
      lo = Math.min(lo, s.microsPerRow());
      hi = Math.max(hi, s.microsPerRow());
      cpuLo = Math.min(cpuLo, s.cpuMicrosPerRow());
      cpuHi = Math.max(cpuHi, s.cpuMicrosPerRow());
      detail.append(String.format(Locale.ROOT, "%s%d %s %.3f us", detail.length() == 0 ? "" : ", ", s.rows, s.mode,
          s.microsPerRow()));
    }
    detail.append(String.format(Locale.ROOT, "; in task CPU %.2f", cpuHi / cpuLo));
    add(r, name, hi / lo, "<= 1.20", hi / lo <= 1.20, detail.toString());
  }

  private static String onOff(BenchReport.Pass p) {
    return p.inputGradient ? "on" : "off";
  }

  private static void add(AnalysisReport r, String name, double value, String goal, boolean met, String note) {
    r.targets.add(new AnalysisReport.Target(name, value, goal, met, note));
  }
}
