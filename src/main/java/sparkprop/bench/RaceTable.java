package sparkprop.bench;

import java.util.Locale;

/** The train race's and the MLlib gap's tables, as the bench prints them. */
final class RaceTable {
  /** The table's curves show every K-th evaluation of sparkprop's runs (bench.json keeps them all). */
  private static final int CURVE_EVERY = 10;

  private RaceTable() {}

  static void race(StringBuilder b, BenchReport r) {
    if (r.race == null) {
      if (r.raceSkipped != null) b.append(f("train race: skipped (%s)%n%n", r.raceSkipped));
      return;
    }
    RaceReport race = r.race;
    b.append(f("train race: %d-%d-%d sigmoid, softmax/cross-entropy; %d training rows, test accuracy on %d rows;"
        + " %d partitions, one session%n", race.inputs, race.hidden, race.outputs, race.trainRows, race.testRows,
        race.partitions));
    b.append(f("MLlib MultilayerPerceptronClassifier, solver l-bfgs (tol 1e-6), blockSize %d: one fit per maxIter%n",
        race.blockSize));
    b.append(f("  %-8s %10s %9s %12s %8s %13s %11s%n", "maxIter", "iterations", "fit s", "iterating s", "grad jobs",
        "test accuracy", "other load"));
    for (RaceReport.MllibFit m : race.mllib) {
      b.append(f("  %-8d %10d %9.1f %12.1f %8d %13.4f %10.0f%%%n", m.maxIter, m.iterations, m.fitSeconds,
          m.iteratingSeconds, m.gradientJobs, m.accuracy, 100 * m.otherLoad));
    }
    RaceReport.MllibFit ref = race.reference();
    b.append(f("target: %.4f, MLlib's test accuracy after maxIter %d%n", race.target, ref.maxIter));
    b.append("sparkprop l-bfgs, full batch (time: the steps alone, without the evaluation before each step)\n");
    b.append(f("  %-34s %5s %12s %9s %11s %7s %9s %9s %9s %10s%n", "run", "step", "s to target", "step 0 s",
        "median step", "passes", "pass ms", "(CPU ms)", "final acc", "other load"));
    for (RaceReport.Candidate c : race.candidates) {
      b.append(f("  %-34s %5s %12s %9.2f %11.3f %7d %9.1f %9.1f %9.4f %9.0f%%%n", c.settings.label(),
          c.reachedStep >= 0 ? String.valueOf(c.reachedStep) : c.steps + "+",
          c.reachedStep >= 0 ? f("%.1f", c.secondsToTarget) : "not reached", c.firstStepSeconds, c.medianStepSeconds,
          c.passes, 1e3 * c.medianPassSeconds, 1e3 * c.medianPassCpuSeconds, c.finalAccuracy, 100 * c.otherLoad));
      if (c.stopped != null) b.append(f("    stopped: %s%n", c.stopped));
    }
    RaceReport.Candidate best = race.fastest();
    if (best == null) {
      b.append(f("MLlib %.1f s; sparkprop did not reach %.4f in any run%n", ref.fitSeconds, race.target));
    } else {
      b.append(f("time to %.4f: MLlib %.1f s (fit, maxIter %d), sparkprop %.1f s (%s): %.2fx (goal >= 2);"
          + " against MLlib's iterations alone (%.1f s): %.2fx%n", race.target, ref.fitSeconds, ref.maxIter,
          best.secondsToTarget, best.settings.label(), race.speedup(), ref.iteratingSeconds, race.iteratingSpeedup()));
    }
    b.append("curves, test accuracy against seconds:\n  MLlib (fit time):");
    for (RaceReport.MllibFit m : race.mllib) b.append(f(" %.1fs %.4f;", m.fitSeconds, m.accuracy));
    b.append('\n');
    for (RaceReport.Candidate c : race.candidates) {
      b.append(f("  %s (every %dth step):", c.settings.label(), CURVE_EVERY));
      int last = c.curveSeconds.length - 1;
      for (int k = 0; k <= last; k++) {
        if (k % CURVE_EVERY == 0 || k == last) b.append(f(" %.1fs %.4f;", c.curveSeconds[k], c.curveAccuracy[k]));
      }
      b.append('\n');
    }
    b.append('\n');
  }

  static void gap(StringBuilder b, BenchReport r) {
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

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
