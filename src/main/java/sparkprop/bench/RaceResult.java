package sparkprop.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The time-to-accuracy race of one bench run: MLlib's l-bfgs fits (one point per maxIter; the longest,
 * MLlib's default maxIter, sets the target) and sparkprop's runs of one declared recipe, one per seed,
 * each until it reaches the target. sparkprop's clock is {@code train_seconds} as history.csv defines
 * it (its steps and their checks; evaluations, caching and Spark's start excluded); MLlib's is its
 * {@code fit()}. The verdict is the median over the seeds, never the best run; a run that did not reach
 * the target counts as infinitely slow. Accuracies are fractions (0…1).
 *
 * @param network   the race's layer sizes, e.g. 784-50-10 (sigmoid, softmax/cross-entropy)
 * @param testData  where the test rows came from
 * @param blockSize MLlib's blockSize
 * @param target    the accuracy to reach: {@link #reference()}'s
 * @param recipe    sparkprop's runs as a user would type them (the seed's value shown as {@code S})
 */
public record RaceResult(String network, long trainRows, long testRows, String testData, int partitions, int blockSize,
    double target, String recipe, List<MllibFit> mllib, List<Run> sparkprop) {
  /** The goal: sparkprop's median time to MLlib's accuracy at most a quarter of MLlib's fit. */
  public static final double GOAL = 4;

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
  public record MllibFit(int maxIter, int iterations, double fitSeconds, double iteratingSeconds, int gradientJobs,
      double taskCpuSeconds, double accuracy, double finalLoss, double otherLoad) {}

  /**
   * One sparkprop run towards the target.
   *
   * @param reachedStep     the step whose parameters first reached the target (the run stopped there); −1: never
   * @param secondsToTarget train_seconds when it stopped there (∞: never reached)
   * @param steps           the steps it took, their seconds and checks, its passes
   * @param curve           train_seconds before each evaluation, and its test accuracy
   * @param stopped         why the run stopped early (a check, a non-finite number), or null
   */
  public record Run(long seed, long reachedStep, double secondsToTarget, double finalAccuracy, Steps steps,
      Curve curve, String stopped, double otherLoad) {
    public boolean reached() {
      return reachedStep >= 0;
    }
  }

  /**
   * A run's steps: how many, step 0's seconds (it includes the first check against the single-node
   * reference), the median step, the evaluations' seconds (not on the clock), the reference checks made,
   * and the distributed gradient passes (line-search evaluations included) with their median wall and
   * task CPU time.
   */
  public record Steps(int count, double firstSeconds, double medianSeconds, double evalSeconds, int checks, int passes,
      double medianPassSeconds, double medianPassCpuSeconds) {}

  /** train_seconds before each evaluation and its test accuracy (NaN where no evaluation was made). */
  public record Curve(double[] seconds, double[] accuracy) {}

  /** MLlib's longest fit, whose accuracy is the target; null without fits. */
  public MllibFit reference() {
    MllibFit best = null;
    for (MllibFit f : mllib) if (best == null || f.maxIter > best.maxIter) best = f;
    return best;
  }

  /** The runs' seconds to the target, sorted; ∞ for a run that did not reach it. */
  public double[] sortedSeconds() {
    double[] s = new double[sparkprop.size()];
    for (int k = 0; k < s.length; k++) {
      Run r = sparkprop.get(k);
      s[k] = r.reached() ? r.secondsToTarget : Double.POSITIVE_INFINITY;
    }
    Arrays.sort(s);
    return s;
  }

  /** The median of the runs' seconds to the target (∞ when most did not reach it; NaN without runs). */
  public double medianSeconds() {
    double[] s = sortedSeconds();
    if (s.length == 0) return Double.NaN;
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  public int reachedCount() {
    return (int) sparkprop.stream().filter(Run::reached).count();
  }

  /** MLlib's fit time ÷ sparkprop's median time to the same accuracy (0 when the median run never reached it). */
  public double speedup() {
    MllibFit f = reference();
    return f == null ? Double.NaN : f.fitSeconds / medianSeconds();
  }

  /** The same against MLlib's iterations alone (its fit without stacking the rows). */
  public double iteratingSpeedup() {
    MllibFit f = reference();
    return f == null ? Double.NaN : f.iteratingSeconds / medianSeconds();
  }
}
