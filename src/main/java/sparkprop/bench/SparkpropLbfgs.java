package sparkprop.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.nn.Activation;
import sparkprop.nn.LossKind;
import sparkprop.train.OptimizerKind;
import sparkprop.train.RunFolder;
import sparkprop.train.StepRecord;
import sparkprop.train.TrainJob;
import sparkprop.train.TrainOptions;
import sparkprop.train.TrainResult;

/**
 * sparkprop's side of the race: {@link TrainJob} as {@code train} runs it — full-batch L-BFGS on the
 * distributed gradient, m-hidden-10 with sigmoid and cross-entropy (MLlib's network), the test set
 * evaluated before every step — until an evaluation reaches the target accuracy. The time to it is the
 * sum of the steps' own seconds ({@link StepRecord#seconds}: passes, line search and update; step 0
 * also checks the gradient against the single-node reference, as {@code train} always does), without
 * the evaluations ({@link StepRecord#evalSeconds}), as MLlib's fit time has none.
 */
final class SparkpropLbfgs {
  private static final String JOB_GROUP = "sparkprop-bench-race";
  private static int runs;

  private SparkpropLbfgs() {}

  /** The run's options; {@code target} 0 runs every step. */
  static TrainOptions options(String data, String evalData, int partitions, int[] layers, RaceReport.Settings s,
      long seed, int blockRows, int treeDepth, int maxSteps, double target) {
    TrainOptions o = new TrainOptions();
    o.data.data = data;
    o.data.partitions = partitions;
    o.model.layers = layers.clone();
    o.model.activation = Activation.SIGMOID;
    o.model.loss = LossKind.CROSS_ENTROPY;
    o.model.init = s.init;
    o.model.seed = seed;
    o.model.precision = s.precision;
    o.model.blockRows = blockRows;
    o.model.treeDepth = treeDepth;
    o.optimizer = OptimizerKind.LBFGS;
    o.lbfgsCorrections = s.corrections;
    o.steps = maxSteps;
    o.evalData = evalData;
    o.evalEvery = 1;
    o.checkEvery = 0; // the reference check before the first step only
    o.targetAccuracy = target;
    o.progressEvery = Integer.MAX_VALUE;
    return o;
  }

  /** Runs one training, its checkpoints in a temporary folder deleted afterwards. */
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

  /**
   * One candidate towards {@code target}: its time to it, its curve, and from the listener bus its
   * gradient passes (jobs that end in {@code TreeSum}).
   */
  static RaceReport.Candidate run(JavaSparkContext sc, TaskClock clock, TrainOptions o, RaceReport.Settings s) {
    MachineLoad load = MachineLoad.start();
    String group = JOB_GROUP + "-" + runs++;
    sc.setJobGroup(group, "sparkprop l-bfgs, timed", false);
    TrainResult r;
    try {
      r = train(sc, o);
    } finally {
      sc.clearJobGroup();
    }
    RaceReport.Candidate c = new RaceReport.Candidate();
    passes(c, sc, clock, group);
    c.otherLoad = load.shares()[0];
    c.settings = s;
    c.stopped = r.stopped;
    List<StepRecord> steps = r.records();
    c.steps = steps.size();
    c.curveSeconds = new double[steps.size() + 1];
    c.curveAccuracy = new double[steps.size() + 1];
    double[] each = new double[steps.size()];
    double sum = 0;
    for (int k = 0; k < steps.size(); k++) {
      StepRecord rec = steps.get(k);
      c.curveSeconds[k] = sum;
      c.curveAccuracy[k] = rec.eval == null ? Double.NaN : rec.eval.accuracy();
      c.evalSeconds += rec.evalSeconds;
      each[k] = rec.seconds;
      sum += rec.seconds;
    }
    c.curveSeconds[steps.size()] = sum;
    c.finalAccuracy = r.finalEval == null ? Double.NaN : r.finalEval.accuracy();
    c.curveAccuracy[steps.size()] = c.finalAccuracy;
    c.reachedStep = r.reachedTarget;
    if (r.reachedTarget >= 0) c.secondsToTarget = sum; // the run stopped at the evaluation that reached it
    if (each.length > 0) {
      c.firstStepSeconds = each[0];
      double[] sorted = each.clone();
      Arrays.sort(sorted);
      c.medianStepSeconds = sorted[sorted.length / 2];
    }
    return c;
  }

  private static void passes(RaceReport.Candidate c, JavaSparkContext sc, TaskClock clock, String group) {
    TaskClock.drain(sc);
    List<double[]> passes = new java.util.ArrayList<>();
    for (TaskClock.Job j : clock.jobs(group)) {
      if (j.stageNames.stream().anyMatch(n -> n.contains("TreeSum"))) {
        passes.add(new double[] {(j.endMillis - j.startMillis) / 1e3, j.cpuNanos / 1e9});
      }
    }
    c.passes = passes.size();
    if (passes.isEmpty()) return;
    c.medianPassSeconds = new Samples(passes.stream().mapToDouble(p -> p[0]).toArray()).median();
    c.medianPassCpuSeconds = new Samples(passes.stream().mapToDouble(p -> p[1]).toArray()).median();
  }

  private static void delete(java.io.File f) {
    java.io.File[] children = f.listFiles();
    if (children != null) for (java.io.File c : children) delete(c);
    f.delete();
  }
}
