package sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.nn.Activation;
import sparkprop.nn.Init;
import sparkprop.nn.LossKind;
import sparkprop.nn.Precision;
import sparkprop.train.OptimizerKind;
import sparkprop.train.StepRecord;
import sparkprop.train.TrainOptions;
import sparkprop.train.TrainResult;

/**
 * What a training step costs beyond its gradient pass: {@code train} as users run it (SGD, m-nh-10,
 * ReLU, cross-entropy, no evaluation, no checkpoint), full batch and with {@code --batch-rows}, each
 * step's own seconds ({@link StepRecord#seconds}: the pass, the update, θ's trip to the tasks, the
 * job's start) against its pass's Spark job (job start to job end, from the listener bus). Step 0 (it
 * also checks the gradient against the single-node reference) and the next step (warm-up) are left
 * out; each later SGD step runs exactly one pass, so the last steps and the last pass jobs pair up.
 */
final class TrainSteps {
  private static final String JOB_GROUP = "sparkprop-bench-steps";
  /** Steps left out at the start: the checked step 0 and one warm-up step. */
  static final int SKIPPED = 2;
  private static int runs;

  /** One training run's steps. */
  static final class Line {
    Precision precision;
    /** 0: full batch. */
    long batchRows;
    long rows;
    int partitions;
    int steps;
    /** The measured steps' own seconds, and their pass jobs' seconds, in step order. */
    Samples step;
    Samples pass;
    double otherLoad;

    /** The step's share spent outside its pass: 1 − median pass ÷ median step. */
    double overheadShare() {
      return 1 - pass.median() / step.median();
    }
  }

  private TrainSteps() {}

  /** Full-batch and {@code batchRows}-row steps, float64 and float32, on {@code partitions} partitions. */
  static List<Line> measure(JavaSparkContext sc, TaskClock clock, AnalysisOptions o, int inputs, int partitions,
      LoadGuard guard, Consumer<String> progress) {
    int fullSteps = o.trainSteps[0];
    int batchSteps = o.trainSteps[1];
    long batchRows = o.trainBatchRows;
    List<Line> out = new ArrayList<>();
    for (long batch : new long[] {0, batchRows}) {
      for (Precision p : new Precision[] {Precision.FLOAT64, Precision.FLOAT32}) {
        int timed = batch == 0 ? fullSteps : batchSteps;
        if (timed == 0) continue;
        int steps = timed + SKIPPED;
        progress.accept(String.format(java.util.Locale.ROOT, "train steps: %s, %s, %d steps", p.label(),
            batch == 0 ? "full batch" : batch + "-row batches", steps));
        TrainOptions t = options(o, inputs, partitions, p, batch, steps);
        LoadGuard.Kept<Line> kept = guard.runKept("train steps", () -> run(sc, clock, t), progress);
        kept.result().otherLoad = kept.otherLoad();
        out.add(kept.result());
      }
    }
    return out;
  }

  static TrainOptions options(AnalysisOptions o, int inputs, int partitions, Precision precision, long batchRows, int steps) {
    TrainOptions t = new TrainOptions();
    t.data.data = o.bench.data;
    t.data.partitions = partitions;
    t.model.layers = new int[] {inputs, o.hidden, 10};
    t.model.activation = Activation.RELU;
    t.model.loss = LossKind.CROSS_ENTROPY;
    t.model.init = Init.KAIMING;
    t.model.seed = o.seed;
    t.model.precision = precision;
    t.model.blockRows = o.blockRows;
    t.model.treeDepth = o.treeDepth;
    t.optimizer = OptimizerKind.SGD;
    t.lr = 0.05;
    t.momentum = 0.9;
    t.batchRows = batchRows;
    t.steps = steps;
    t.evalData = null;
    t.evalEvery = Integer.MAX_VALUE;
    t.checkEvery = 0;
    t.progressEvery = Integer.MAX_VALUE;
    return t;
  }

  private static Line run(JavaSparkContext sc, TaskClock clock, TrainOptions t) {
    String group = JOB_GROUP + "-" + runs++;
    sc.setJobGroup(group, "sparkprop train steps, timed", false);
    TrainResult r;
    try {
      r = SparkpropRun.train(sc, t);
    } finally {
      sc.clearJobGroup();
    }
    if (!r.completed()) throw new IllegalStateException("the timed training stopped: " + r.stopped);
    List<StepRecord> records = r.records();
    TaskClock.drain(sc);
    List<Double> passes = new ArrayList<>();
    for (TaskClock.Job j : clock.jobs(group)) {
      if (j.stageNames.stream().anyMatch(n -> n.contains("TreeSum"))) passes.add((j.endMillis - j.startMillis) / 1e3);
    }
    int measured = records.size() - SKIPPED;
    if (measured <= 0 || passes.size() < measured) {
      throw new IllegalStateException(records.size() + " steps and " + passes.size() + " pass jobs: cannot pair them");
    }
    double[] step = new double[measured];
    double[] pass = new double[measured];
    for (int k = 0; k < measured; k++) {
      step[k] = records.get(SKIPPED + k).seconds;
      pass[k] = passes.get(passes.size() - measured + k);
    }
    Line l = new Line();
    l.precision = t.model.precision;
    l.batchRows = t.batchRows;
    l.rows = records.get(records.size() - 1).batchRows;
    l.partitions = t.data.partitions;
    l.steps = measured;
    l.step = new Samples(step);
    l.pass = new Samples(pass);
    return l;
  }

  static String describe(Line l) {
    return (l.batchRows == 0 ? "full batch" : "--batch-rows " + l.batchRows) + ", " + l.precision.label();
  }
}
