package sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sparkprop.BadInputException;
import sparkprop.nn.Init;
import sparkprop.nn.Precision;

/**
 * The time-to-accuracy race of one bench run: MLlib's {@code MultilayerPerceptronClassifier} (l-bfgs)
 * fitted with a few maxIter values, and sparkprop's l-bfgs runs until they reach the test accuracy of
 * MLlib's longest fit. Times exclude evaluations on both sides.
 */
final class RaceReport {
  /** One sparkprop candidate's settings: precision, L-BFGS corrections, initialisation. */
  static final class Settings {
    final Precision precision;
    final int corrections;
    final Init init;

    Settings(Precision precision, int corrections, Init init) {
      this.precision = precision;
      this.corrections = corrections;
      this.init = init;
    }

    /** "float32:20" or "float32:20:randn" (kaiming when not given). */
    static Settings parse(String text) {
      String[] f = text.trim().split(":");
      try {
        if (f.length < 2 || f.length > 3) throw new IllegalArgumentException();
        Precision p = Precision.parse(f[0].trim());
        int m = Integer.parseInt(f[1].trim());
        if (m <= 0) throw new IllegalArgumentException();
        return new Settings(p, m, f.length == 3 ? Init.parse(f[2].trim()) : Init.KAIMING);
      } catch (RuntimeException e) {
        throw new BadInputException("--race-candidates: '" + text + "' is not PRECISION:CORRECTIONS[:INIT],"
            + " e.g. float32:20 or float64:10:randn");
      }
    }

    static List<Settings> parseList(String text) {
      List<Settings> out = new ArrayList<>();
      if (text.trim().equalsIgnoreCase("none")) return out;
      for (String s : text.split(",")) out.add(parse(s));
      return out;
    }

    String label() {
      return String.format(Locale.ROOT, "%s, %d corrections, %s", precision.label(), corrections, init.label());
    }
  }

  /** One MLlib fit with maxIter = {@link #maxIter}. */
  static final class MllibFit {
    int maxIter;
    /** Iterations L-BFGS ran (its objective history's length − 1). */
    int iterations;
    /** fit()'s wall time, everything included (stacking the rows into blocks, then iterating). */
    double fitSeconds;
    /** From the start of the fit's first gradient job to the end of its last: the iterations alone. */
    double iteratingSeconds;
    int gradientJobs;
    double taskCpuSeconds;
    double accuracy;
    double finalLoss;
    /** Other processes' share of the CPUs during the fit. */
    double otherLoad;
  }

  /** One sparkprop run towards the target. */
  static final class Candidate {
    Settings settings;
    /** The step whose θ first reached the target (−1: never), and Σ of the steps' own seconds before it. */
    long reachedStep = -1;
    double secondsToTarget = Double.NaN;
    int steps;
    /** Seconds of step 0 (it includes the gradient's check against the single-node reference) and the median step. */
    double firstStepSeconds;
    double medianStepSeconds;
    /** Evaluations' seconds, summed (not part of the time to accuracy). */
    double evalSeconds;
    /** The curve: Σ step seconds before each evaluation, and its test accuracy. */
    double[] curveSeconds;
    double[] curveAccuracy;
    double finalAccuracy;
    double otherLoad;
    String stopped;
    /** The distributed gradient passes the run made (line-search evaluations included), from the listener bus. */
    int passes;
    /** A pass's median wall time (job start to end) and task CPU time (Σ over its tasks). */
    double medianPassSeconds;
    double medianPassCpuSeconds;
  }

  int inputs;
  int hidden;
  int outputs;
  int blockSize;
  long trainRows;
  long testRows;
  int partitions;
  String testData;
  double target;
  final List<MllibFit> mllib = new ArrayList<>();
  final List<Candidate> candidates = new ArrayList<>();

  /** MLlib's longest fit: the one whose accuracy is the target. */
  MllibFit reference() {
    MllibFit best = null;
    for (MllibFit f : mllib) if (best == null || f.maxIter > best.maxIter) best = f;
    return best;
  }

  /** The candidate that reached the target soonest, or null. */
  Candidate fastest() {
    Candidate best = null;
    for (Candidate c : candidates) {
      if (c.reachedStep >= 0 && (best == null || c.secondsToTarget < best.secondsToTarget)) best = c;
    }
    return best;
  }

  /** MLlib's iterations alone (its fit without stacking the rows) ÷ sparkprop's time to the same accuracy. */
  double iteratingSpeedup() {
    Candidate c = fastest();
    MllibFit f = reference();
    return c == null || f == null ? Double.NaN : f.iteratingSeconds / c.secondsToTarget;
  }

  /** MLlib's fit time ÷ sparkprop's time to the same accuracy (NaN when sparkprop never reached it). */
  double speedup() {
    Candidate c = fastest();
    MllibFit f = reference();
    return c == null || f == null ? Double.NaN : f.fitSeconds / c.secondsToTarget;
  }
}
