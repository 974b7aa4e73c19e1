package sparkprop.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.train.RunFolder;
import sparkprop.train.StepRecord;
import sparkprop.train.TrainJob;
import sparkprop.train.TrainOptions;
import sparkprop.train.TrainResult;

/**
 * One of sparkprop's runs in the race: {@link TrainJob} exactly as {@code train} runs it with the given
 * options, its checkpoints in a temporary folder deleted afterwards. Its time to the target is
 * history.csv's {@code train_seconds} where it stopped: the sum of the steps' own seconds
 * ({@link StepRecord#seconds}: passes, line search, update and the step's check against the
 * single-node reference), without the evaluations ({@link StepRecord#evalSeconds}), as MLlib's fit time
 * has none.
 */
final class SparkpropRun {
  private static final String JOB_GROUP = "sparkprop-bench-race";
  private static int runs;

  private SparkpropRun() {}

  /** Runs one training; its progress lines go nowhere. */
  static TrainResult train(JavaSparkContext sc, TrainOptions o) {
    java.nio.file.Path tmp = null;
    try {
      tmp = Files.createTempDirectory("sparkprop-bench-race");
      FileSystem fs = FileSystem.getLocal(sc.hadoopConfiguration());
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
      return new TrainJob(sc, o, new RunFolder(fs, new Path(tmp.toUri()), null), quiet).run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (tmp != null) delete(tmp.toFile());
    }
  }

  /** One run towards {@code o.targetAccuracy}: its time to it, its curve, and from the listener bus its passes. */
  static RaceResult.Run run(JavaSparkContext sc, TaskClock clock, TrainOptions o) {
    MachineLoad load = MachineLoad.start();
    String group = JOB_GROUP + "-" + runs++;
    sc.setJobGroup(group, "sparkprop train, timed", false);
    TrainResult r;
    try {
      r = train(sc, o);
    } finally {
      sc.clearJobGroup();
    }
    List<StepRecord> steps = r.records();
    double[] curveSeconds = new double[steps.size() + 1];
    double[] curveAccuracy = new double[steps.size() + 1];
    double[] each = new double[steps.size()];
    double trainSeconds = 0;
    double evalSeconds = 0;
    for (int k = 0; k < steps.size(); k++) {
      StepRecord rec = steps.get(k);
      curveSeconds[k] = trainSeconds;
      curveAccuracy[k] = rec.eval == null ? Double.NaN : rec.eval.accuracy();
      evalSeconds += rec.evalSeconds;
      each[k] = rec.seconds;
      trainSeconds += rec.seconds;
    }
    double finalAccuracy = r.finalEval == null ? Double.NaN : r.finalEval.accuracy();
    curveSeconds[steps.size()] = trainSeconds;
    curveAccuracy[steps.size()] = finalAccuracy;
    double[] passes = passes(sc, clock, group);
    double[] sorted = each.clone();
    Arrays.sort(sorted);
    RaceResult.Steps s = new RaceResult.Steps(steps.size(), each.length > 0 ? each[0] : Double.NaN,
        sorted.length > 0 ? sorted[sorted.length / 2] : Double.NaN, evalSeconds, r.checks.size(), (int) passes[0],
        passes[1], passes[2]);
    // The run stopped at the evaluation that reached the target: train_seconds is the time to it.
    double toTarget = r.reachedTarget >= 0 ? trainSeconds : Double.POSITIVE_INFINITY;
    return new RaceResult.Run(o.model.seed, r.reachedTarget, toTarget, finalAccuracy, s,
        new RaceResult.Curve(curveSeconds, curveAccuracy), r.stopped, load.shares()[0]);
  }

  /** {count, median wall seconds, median task CPU seconds} of the group's passes (jobs that end in TreeSum). */
  private static double[] passes(JavaSparkContext sc, TaskClock clock, String group) {
    TaskClock.drain(sc);
    List<double[]> passes = new ArrayList<>();
    for (TaskClock.Job j : clock.jobs(group)) {
      if (j.stageNames.stream().anyMatch(n -> n.contains("TreeSum"))) {
        passes.add(new double[] {(j.endMillis - j.startMillis) / 1e3, j.cpuNanos / 1e9});
      }
    }
    if (passes.isEmpty()) return new double[] {0, Double.NaN, Double.NaN};
    return new double[] {passes.size(), new Samples(passes.stream().mapToDouble(p -> p[0]).toArray()).median(),
        new Samples(passes.stream().mapToDouble(p -> p[1]).toArray()).median()};
  }

  private static void delete(java.io.File f) {
    java.io.File[] children = f.listFiles();
    if (children != null) for (java.io.File c : children) delete(c);
    f.delete();
  }
}
