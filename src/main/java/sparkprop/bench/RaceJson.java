package sparkprop.bench;

import java.util.List;
import sparkprop.Json.NonFiniteAsString;

/**
 * bench.json's {@code train_race}: seconds, accuracies as fractions. A time, ratio or share that may be
 * missing (a run that never reached the target, a step not evaluated) is null, as it was from the start;
 * the other numbers predate the rule and keep the strings ({@link sparkprop.Json}).
 *
 * @param layers the network, e.g. 784-50-10
 * @param seeds  one per sparkprop run
 */
record RaceJson(String layers, String activation, String loss, long trainRows, long testRows, String testData,
    int partitions, @NonFiniteAsString double targetAccuracy, String recipe, long[] seeds,
    double mllibSecondsToTarget, double sparkpropSecondsToTarget, double sparkpropSecondsToTargetMin,
    double sparkpropSecondsToTargetMax, int sparkpropRunsReached, double ratioMllibToSparkprop,
    double mllibIteratingSeconds, double ratioMllibIteratingToSparkprop, String goal, boolean goalMet, Mllib mllib,
    List<Run> sparkprop) {

  /** MLlib's l-bfgs fits at growing maxIter; the first to reach the target sets it. */
  record Mllib(String estimator, String solver, @NonFiniteAsString double tol, int blockSize, List<Fit> fits) {}

  record Fit(int maxIter, int iterations, @NonFiniteAsString double fitSeconds, double iteratingSeconds,
      int gradientJobs, @NonFiniteAsString double taskCpuSeconds, @NonFiniteAsString double testAccuracy,
      @NonFiniteAsString double finalLoss, double otherProcessesCpuShare) {
    static Fit of(RaceResult.MllibFit f) {
      return new Fit(f.maxIter(), f.iterations(), f.fitSeconds(), f.iteratingSeconds(), f.gradientJobs(),
          f.taskCpuSeconds(), f.accuracy(), f.finalLoss(), f.otherLoad());
    }
  }

  /** One seed's run; {@code reached_at_step} -1 when it never reached the target. */
  record Run(long seed, boolean reachedTarget, long reachedAtStep, double secondsToTarget, int steps,
      double firstStepSeconds, double medianStepSeconds, @NonFiniteAsString double evaluationSeconds, int checks,
      int gradientPasses, double medianPassSeconds, double medianPassTaskCpuSeconds, double finalTestAccuracy,
      String stopped, double otherProcessesCpuShare, Curve curve) {
    static Run of(RaceResult.Run c) {
      RaceResult.Steps s = c.steps();
      return new Run(c.seed(), c.reached(), c.reachedStep(), c.secondsToTarget(), s.count(), s.firstSeconds(),
          s.medianSeconds(), s.evalSeconds(), s.checks(), s.passes(), s.medianPassSeconds(), s.medianPassCpuSeconds(),
          c.finalAccuracy(), c.stopped(), c.otherLoad(), new Curve(c.curve().seconds(), c.curve().accuracy()));
    }
  }

  /** Test accuracy over time; null where the step was not evaluated. */
  record Curve(@NonFiniteAsString double[] seconds, double[] testAccuracy) {}

  static RaceJson of(RaceResult race) {
    RaceResult.MllibFit ref = race.reference();
    double[] sorted = race.sortedSeconds();
    return new RaceJson(race.network(), "sigmoid", "cross-entropy (MLlib: softmax on top)", race.trainRows(),
        race.testRows(), race.testData(), race.partitions(), race.target(), race.recipe(),
        race.sparkprop().stream().mapToLong(RaceResult.Run::seed).toArray(),
        ref == null ? Double.NaN : ref.fitSeconds(), race.medianSeconds(), sorted.length == 0 ? Double.NaN : sorted[0],
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], race.reachedCount(), race.speedup(),
        ref == null ? Double.NaN : ref.iteratingSeconds(), race.iteratingSpeedup(),
        "sparkprop's median time to MLlib's accuracy over the seeds at most 1/" + (int) RaceResult.GOAL
            + " of MLlib's fit time (ratio >= " + (int) RaceResult.GOAL + ")",
        race.speedup() >= RaceResult.GOAL,
        new Mllib("org.apache.spark.ml.classification.MultilayerPerceptronClassifier", "l-bfgs", 1e-6,
            race.blockSize(), race.mllib().stream().map(Fit::of).toList()),
        race.sparkprop().stream().map(Run::of).toList());
  }
}
