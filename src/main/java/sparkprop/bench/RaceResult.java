package sparkprop.bench;

import java.util.List;

/**
 * The time-to-accuracy race of one bench run as plain data for pages and charts outside the bench:
 * MLlib's l-bfgs fits (one point per maxIter) and sparkprop's runs (a curve each), towards the
 * target, the test accuracy of MLlib's longest fit. Seconds exclude evaluations on both sides;
 * accuracies are fractions (0…1). bench.json's {@code train_race} holds the same and more.
 *
 * @param network    the race's layer sizes, e.g. 784-50-10 (sigmoid, softmax/cross-entropy)
 * @param testData   where the test rows came from
 * @param blockSize  MLlib's blockSize
 * @param target     the accuracy to reach: {@link #reference()}'s
 */
public record RaceResult(String network, long trainRows, long testRows, String testData, int partitions, int blockSize,
    double target, List<MllibFit> mllib, List<Run> sparkprop) {
  public RaceResult {
    mllib = List.copyOf(mllib);
    sparkprop = List.copyOf(sparkprop);
  }

  /**
   * One MLlib fit with maxIter = {@code maxIter}.
   *
   * @param fitSeconds       fit()'s wall time, everything included (stacking the rows into blocks, then iterating)
   * @param iteratingSeconds from the start of its first gradient job to the end of its last: the iterations alone
   * @param otherLoad        other processes' share of the CPUs during the fit
   */
  public record MllibFit(int maxIter, int iterations, double fitSeconds, double iteratingSeconds, double accuracy,
      double otherLoad) {}

  /**
   * One sparkprop l-bfgs run towards the target.
   *
   * @param label           its settings, e.g. "float32, 20 corrections, kaiming"
   * @param reachedStep     the step whose parameters first reached the target; −1: never
   * @param secondsToTarget Σ of the steps' own seconds before {@code reachedStep} (NaN: never reached)
   * @param curveSeconds    Σ step seconds before each evaluation, with {@code curveAccuracy} its test accuracy
   * @param stopped         why the run stopped early, or null
   */
  public record Run(String label, long reachedStep, double secondsToTarget, int steps, double firstStepSeconds,
      double medianStepSeconds, double finalAccuracy, double[] curveSeconds, double[] curveAccuracy, String stopped,
      double otherLoad) {
    public boolean reached() {
      return reachedStep >= 0;
    }
  }

  static RaceResult of(RaceReport r) {
    List<MllibFit> fits = r.mllib.stream().sorted(java.util.Comparator.comparingInt(f -> f.maxIter))
        .map(f -> new MllibFit(f.maxIter, f.iterations, f.fitSeconds, f.iteratingSeconds, f.accuracy, f.otherLoad))
        .toList();
    List<Run> runs = r.candidates.stream().map(c -> new Run(c.settings.label(), c.reachedStep, c.secondsToTarget,
        c.steps, c.firstStepSeconds, c.medianStepSeconds, c.finalAccuracy, c.curveSeconds, c.curveAccuracy, c.stopped,
        c.otherLoad)).toList();
    return new RaceResult(r.inputs + "-" + r.hidden + "-" + r.outputs, r.trainRows, r.testRows, r.testData,
        r.partitions, r.blockSize, r.target, fits, runs);
  }

  /** MLlib's longest fit, whose accuracy is the target (as {@code RaceReport}); null without fits. */
  public MllibFit reference() {
    MllibFit best = null;
    for (MllibFit f : mllib) if (best == null || f.maxIter > best.maxIter) best = f;
    return best;
  }

  /** The run that reached the target soonest, or null. */
  public Run fastest() {
    Run best = null;
    for (Run c : sparkprop) if (c.reached() && (best == null || c.secondsToTarget < best.secondsToTarget)) best = c;
    return best;
  }

  /** MLlib's fit time ÷ sparkprop's time to the same accuracy (NaN when sparkprop never reached it). */
  public double speedup() {
    Run c = fastest();
    MllibFit f = reference();
    return c == null || f == null ? Double.NaN : f.fitSeconds / c.secondsToTarget;
  }

  /** The same against MLlib's iterations alone (its fit without stacking the rows). */
  public double iteratingSpeedup() {
    Run c = fastest();
    MllibFit f = reference();
    return c == null || f == null ? Double.NaN : f.iteratingSeconds / c.secondsToTarget;
  }
}
