package sparkprop.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** bench.json's {@code train_race} and {@code mllib_gradient_gap}: seconds, accuracies as fractions. */
final class RaceJson {
  private RaceJson() {}

  static void race(ObjectNode root, BenchReport r) {
    if (r.race == null) {
      root.putNull("train_race");
      root.put("train_race_skipped", r.raceSkipped);
      return;
    }
    RaceReport race = r.race;
    ObjectNode n = root.putObject("train_race");
    n.put("layers", race.inputs + "-" + race.hidden + "-" + race.outputs);
    n.put("activation", "sigmoid");
    n.put("loss", "cross-entropy (MLlib: softmax on top)");
    n.put("train_rows", race.trainRows);
    n.put("test_rows", race.testRows);
    n.put("test_data", race.testData);
    n.put("partitions", race.partitions);
    n.put("target_accuracy", race.target);
    RaceReport.MllibFit ref = race.reference();
    RaceReport.Candidate best = race.fastest();
    num(n, "mllib_seconds_to_target", ref == null ? Double.NaN : ref.fitSeconds);
    num(n, "sparkprop_seconds_to_target", best == null ? Double.NaN : best.secondsToTarget);
    num(n, "ratio_mllib_to_sparkprop", race.speedup());
    num(n, "mllib_iterating_seconds", ref == null ? Double.NaN : ref.iteratingSeconds);
    num(n, "ratio_mllib_iterating_to_sparkprop", race.iteratingSpeedup());
    n.put("fastest_candidate", best == null ? null : best.settings.label());
    n.put("goal", "sparkprop reaches MLlib's accuracy in at most half of MLlib's fit time (ratio >= 2)");
    n.put("goal_met", race.speedup() >= 2);

    ObjectNode m = n.putObject("mllib");
    m.put("estimator", "org.apache.spark.ml.classification.MultilayerPerceptronClassifier");
    m.put("solver", "l-bfgs");
    m.put("tol", 1e-6);
    m.put("block_size", race.blockSize);
    ArrayNode fits = m.putArray("fits");
    for (RaceReport.MllibFit f : race.mllib) {
      ObjectNode o = fits.addObject();
      o.put("max_iter", f.maxIter);
      o.put("iterations", f.iterations);
      o.put("fit_seconds", f.fitSeconds);
      num(o, "iterating_seconds", f.iteratingSeconds);
      o.put("gradient_jobs", f.gradientJobs);
      o.put("task_cpu_seconds", f.taskCpuSeconds);
      o.put("test_accuracy", f.accuracy);
      o.put("final_loss", f.finalLoss);
      num(o, "other_processes_cpu_share", f.otherLoad);
    }

    ArrayNode runs = n.putArray("sparkprop");
    for (RaceReport.Candidate c : race.candidates) {
      ObjectNode o = runs.addObject();
      o.put("optimizer", "lbfgs");
      o.put("precision", c.settings.precision.label());
      o.put("corrections", c.settings.corrections);
      o.put("init", c.settings.init.label());
      o.put("reached_target", c.reachedStep >= 0);
      o.put("reached_at_step", c.reachedStep);
      num(o, "seconds_to_target", c.secondsToTarget);
      o.put("steps", c.steps);
      o.put("first_step_seconds", c.firstStepSeconds);
      o.put("median_step_seconds", c.medianStepSeconds);
      o.put("evaluation_seconds", c.evalSeconds);
      o.put("gradient_passes", c.passes);
      o.put("median_pass_seconds", c.medianPassSeconds);
      o.put("median_pass_task_cpu_seconds", c.medianPassCpuSeconds);
      num(o, "final_test_accuracy", c.finalAccuracy);
      o.put("stopped", c.stopped);
      num(o, "other_processes_cpu_share", c.otherLoad);
      ObjectNode curve = o.putObject("curve");
      ArrayNode s = curve.putArray("seconds");
      ArrayNode a = curve.putArray("test_accuracy");
      for (int k = 0; k < c.curveSeconds.length; k++) {
        s.add(c.curveSeconds[k]);
        if (Double.isNaN(c.curveAccuracy[k])) a.addNull();
        else a.add(c.curveAccuracy[k]);
      }
    }
  }

  static void gap(ObjectNode root, BenchReport r) {
    if (r.mllibGap.isEmpty()) {
      root.putNull("mllib_gradient_gap");
      return;
    }
    ObjectNode n = root.putObject("mllib_gradient_gap");
    n.put("model", r.mllibGapModel);
    n.put("block_size", r.mllibGapBlockSize);
    n.put("measure", "max|g_MLlib - g_exact| / max|g_exact| over every parameter; exact = sparkprop's float64"
        + " single-node reference on the same rows");
    ArrayNode lines = n.putArray("lines");
    for (MllibGap.Line l : r.mllibGap) {
      ObjectNode o = lines.addObject();
      o.put("partitions", l.partitions);
      o.put("rows", l.rows);
      o.put("blocks", l.blocks);
      o.put("relative", l.relative);
      o.put("reweighted_relative", l.reweightedRelative);
      o.put("mllib_loss", l.mllibLoss);
      o.put("exact_loss", l.exactLoss);
      o.put("seconds", l.seconds);
    }
  }

  /** A number, or null for NaN (JSON has no NaN). */
  private static void num(ObjectNode n, String key, double v) {
    if (Double.isNaN(v)) n.putNull(key);
    else n.put(key, v);
  }
}
