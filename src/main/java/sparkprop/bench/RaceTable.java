package sparkprop.bench;

import java.util.Locale;

/** The train race's table, as the bench prints it. */
final class RaceTable {
  /** The table's curves show every K-th evaluation of sparkprop's runs (bench.json keeps them all). */
  private static final int CURVE_EVERY = 10;

  private RaceTable() {}

  static void race(StringBuilder b, BenchReport r) {
    if (r.race == null) {
      if (r.raceSkipped != null) b.append(f("train race: skipped (%s)%n%n", r.raceSkipped));
      return;
    }
    RaceResult race = r.race;
    b.append(f("train race: %s sigmoid, softmax/cross-entropy; %d training rows, test accuracy on %d rows;"
        + " %d partitions, one session%n", race.network(), race.trainRows(), race.testRows(), race.partitions()));
    b.append(f("MLlib MultilayerPerceptronClassifier, solver l-bfgs (tol 1e-6), blockSize %d: one fit per maxIter%n",
        race.blockSize()));
    b.append(f("  %-8s %10s %9s %12s %8s %13s %11s%n", "maxIter", "iterations", "fit s", "iterating s", "grad jobs",
        "test accuracy", "other load"));
    for (RaceResult.MllibFit m : race.mllib()) {
      b.append(f("  %-8d %10d %9.1f %12.1f %8d %13.4f %10.0f%%%n", m.maxIter(), m.iterations(), m.fitSeconds(),
          m.iteratingSeconds(), m.gradientJobs(), m.accuracy(), 100 * m.otherLoad()));
    }
    RaceResult.MllibFit ref = race.reference();
    b.append(f("target: %.4f, MLlib's test accuracy after maxIter %d%n", race.target(), ref.maxIter()));
    b.append(f("sparkprop, one run per seed of: %s%n", race.recipe()));
    b.append("  (time: train_seconds, its steps and their checks, without the evaluations)\n");
    b.append(f("  %-5s %5s %12s %9s %11s %7s %7s %9s %9s %9s %10s%n", "seed", "step", "s to target", "step 0 s",
        "median step", "checks", "passes", "pass ms", "(CPU ms)", "final acc", "other load"));
    for (RaceResult.Run c : race.sparkprop()) {
      RaceResult.Steps s = c.steps();
      b.append(f("  %-5d %5s %12s %9.2f %11.3f %7d %7d %9.1f %9.1f %9.4f %9.0f%%%n", c.seed(),
          c.reached() ? String.valueOf(c.reachedStep()) : s.count() + "+",
          c.reached() ? f("%.1f", c.secondsToTarget()) : "not reached", s.firstSeconds(), s.medianSeconds(),
          s.checks(), s.passes(), 1e3 * s.medianPassSeconds(), 1e3 * s.medianPassCpuSeconds(), c.finalAccuracy(),
          100 * c.otherLoad()));
      if (c.stopped() != null) b.append(f("    stopped: %s%n", c.stopped()));
    }
    double median = race.medianSeconds();
    double[] sorted = race.sortedSeconds();
    if (!Double.isFinite(median)) {
      b.append(f("MLlib %.1f s; sparkprop's median run did not reach %.4f (%d of %d runs did)%n", ref.fitSeconds(),
          race.target(), race.reachedCount(), race.sparkprop().size()));
    } else {
      b.append(f("time to %.4f: MLlib %.1f s (fit, maxIter %d), sparkprop %.1f s (median of %d seeds, %.1f-%s s):"
          + " %.2fx (goal >= %.0f); against MLlib's iterations alone (%.1f s): %.2fx%n", race.target(), ref.fitSeconds(),
          ref.maxIter(), median, sorted.length, sorted[0],
          Double.isFinite(sorted[sorted.length - 1]) ? f("%.1f", sorted[sorted.length - 1]) : "not reached",
          race.speedup(), RaceResult.GOAL, ref.iteratingSeconds(), race.iteratingSpeedup()));
    }
    b.append("curves, test accuracy against seconds:\n  MLlib (fit time):");
    for (RaceResult.MllibFit m : race.mllib()) b.append(f(" %.1fs %.4f;", m.fitSeconds(), m.accuracy()));
    b.append('\n');
    for (RaceResult.Run c : race.sparkprop()) {
      b.append(f("  seed %d (every %dth evaluation):", c.seed(), CURVE_EVERY));
      double[] seconds = c.curve().seconds();
      double[] accuracy = c.curve().accuracy();
      int shown = 0;
      for (int k = 0; k < seconds.length; k++) {
        boolean last = k == seconds.length - 1;
        if (Double.isNaN(accuracy[k]) && !last) continue;
        if (shown++ % CURVE_EVERY == 0 || last) b.append(f(" %.1fs %.4f;", seconds[k], accuracy[k]));
      }
      b.append('\n');
    }
    b.append('\n');
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
