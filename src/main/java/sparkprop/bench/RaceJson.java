package sparkprop.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** bench.json's {@code train_race}: seconds, accuracies as fractions; NaN and ∞ as null (JSON has neither). */
final class RaceJson {
  private RaceJson() {}

  static void race(ObjectNode root, BenchReport r) {
    if (r.race == null) {
      root.putNull("train_race");
      root.put("train_race_skipped", r.raceSkipped);
      return;
    }
    RaceResult race = r.race;
    ObjectNode n = root.putObject("train_race");
    n.put("layers", race.network());
    n.put("activation", "sigmoid");
    n.put("loss", "cross-entropy (MLlib: softmax on top)");
    n.put("train_rows", race.trainRows());
    n.put("test_rows", race.testRows());
    n.put("test_data", race.testData());
    n.put("partitions", race.partitions());
    n.put("target_accuracy", race.target());
    n.put("recipe", race.recipe());
    ArrayNode seeds = n.putArray("seeds");
    for (RaceResult.Run run : race.sparkprop()) seeds.add(run.seed());
    RaceResult.MllibFit ref = race.reference();
    double[] sorted = race.sortedSeconds();
    num(n, "mllib_seconds_to_target", ref == null ? Double.NaN : ref.fitSeconds());
    num(n, "sparkprop_seconds_to_target", race.medianSeconds());
    num(n, "sparkprop_seconds_to_target_min", sorted.length == 0 ? Double.NaN : sorted[0]);
    num(n, "sparkprop_seconds_to_target_max", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    n.put("sparkprop_runs_reached", race.reachedCount());
    num(n, "ratio_mllib_to_sparkprop", race.speedup());
    num(n, "mllib_iterating_seconds", ref == null ? Double.NaN : ref.iteratingSeconds());
    num(n, "ratio_mllib_iterating_to_sparkprop", race.iteratingSpeedup());
    n.put("goal", "sparkprop's median time to MLlib's accuracy over the seeds at most 1/" + (int) RaceResult.GOAL
        + " of MLlib's fit time (ratio >= " + (int) RaceResult.GOAL + ")");
    n.put("goal_met", race.speedup() >= RaceResult.GOAL);

    ObjectNode m = n.putObject("mllib");
    m.put("estimator", "org.apache.spark.ml.classification.MultilayerPerceptronClassifier");
    m.put("solver", "l-bfgs");
    m.put("tol", 1e-6);
    m.put("block_size", race.blockSize());
    ArrayNode fits = m.putArray("fits");
    for (RaceResult.MllibFit f : race.mllib()) {
      ObjectNode o = fits.addObject();
      o.put("max_iter", f.maxIter());
      o.put("iterations", f.iterations());
      o.put("fit_seconds", f.fitSeconds());
      num(o, "iterating_seconds", f.iteratingSeconds());
      o.put("gradient_jobs", f.gradientJobs());
      o.put("task_cpu_seconds", f.taskCpuSeconds());
      o.put("test_accuracy", f.accuracy());
      o.put("final_loss", f.finalLoss());
      num(o, "other_processes_cpu_share", f.otherLoad());
    }

    ArrayNode runs = n.putArray("sparkprop");
    for (RaceResult.Run c : race.sparkprop()) {
      ObjectNode o = runs.addObject();
      o.put("seed", c.seed());
      o.put("reached_target", c.reached());
      o.put("reached_at_step", c.reachedStep());
      num(o, "seconds_to_target", c.secondsToTarget());
      RaceResult.Steps s = c.steps();
      o.put("steps", s.count());
      num(o, "first_step_seconds", s.firstSeconds());
      num(o, "median_step_seconds", s.medianSeconds());
      o.put("evaluation_seconds", s.evalSeconds());
      o.put("checks", s.checks());
      o.put("gradient_passes", s.passes());
      num(o, "median_pass_seconds", s.medianPassSeconds());
      num(o, "median_pass_task_cpu_seconds", s.medianPassCpuSeconds());
      num(o, "final_test_accuracy", c.finalAccuracy());
      o.put("stopped", c.stopped());
      num(o, "other_processes_cpu_share", c.otherLoad());
      ObjectNode curve = o.putObject("curve");
      ArrayNode sec = curve.putArray("seconds");
      ArrayNode acc = curve.putArray("test_accuracy");
      for (int k = 0; k < c.curve().seconds().length; k++) {
        sec.add(c.curve().seconds()[k]);
        if (Double.isNaN(c.curve().accuracy()[k])) acc.addNull();
        else acc.add(c.curve().accuracy()[k]);
      }
    }
  }

  /** A number, or null for NaN and ±∞. */
  private static void num(ObjectNode n, String key, double v) {
    if (Double.isFinite(v)) n.put(key, v);
    else n.putNull(key);
  }
}
