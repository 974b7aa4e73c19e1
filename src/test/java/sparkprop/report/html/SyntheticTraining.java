package sparkprop.report.html;

import static sparkprop.Internals.construct;
import static sparkprop.Internals.get;
import static sparkprop.Internals.set;

import java.lang.reflect.Method;
import java.util.Random;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;
import sparkprop.partition.ValidationSplit;
import sparkprop.train.Evaluation;
import sparkprop.train.StepCheck;
import sparkprop.train.StepRecord;
import sparkprop.train.TrainResult;

/**
 * A {@link TrainResult} made up without Spark, as {@link SyntheticCheck} does for the check: a
 * mini-batch SGD run of a 784-64-10 network whose noisy loss falls from 2.3, evaluated every 10
 * steps, checked every {@code checkEvery} steps. The training package builds its records itself,
 * with package-private constructors; this test reaches them by reflection rather than widen them.
 */
public final class SyntheticTraining {
  static final int CLASSES = 10;

  private SyntheticTraining() {}

  /** @param failAt the step whose check fails in w2 (the run stops there), or -1 for a completed run */
  public static TrainResult of(int steps, int checkEvery, int failAt) throws ReflectiveOperationException {
    TrainResult r = new TrainResult();
    r.options = new sparkprop.train.TrainOptions();
    r.options.steps = steps;
    r.options.checkEvery = checkEvery;
    r.options.evalEvery = 10;
    r.options.batchRows = 500;
    r.options.lr = 0.1;
    r.options.momentum = 0.9;
    r.options.data.split = ValidationSplit.Side.TRAIN;
    Layout layout = new Layout(784, 64, 10);
    r.initial = new Parameters(layout, new double[layout.size()]);
    r.last = r.initial;
    r.architecture = new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY);
    r.data = "data/mnist-sample";
    r.evalData = "data/mnist-sample (valid side of the split)";
    r.rows = 50_000;
    r.partitions = 8;
    r.stepsPerEpoch = 100;
    r.blas = "JNIBLAS: bundled OpenBLAS";
    r.sparkVersion = "4.2.0";
    r.sparkMaster = "local[2]";

    Object history = construct("sparkprop.train.History");
    Method add = history.getClass().getDeclaredMethod("add", StepRecord.class);
    add.setAccessible(true);
    Random random = new Random(11);
    int end = failAt >= 0 ? failAt : steps;
    for (int s = 0; s < end; s++) {
      double loss = loss(s) + 0.05 * random.nextGaussian() * Math.exp(-s / 400.0);
      Evaluation eval = s % r.options.evalEvery == 0 ? evaluation(accuracy(s), loss * 1.05, random) : null;
      add.invoke(history, construct(StepRecord.class, s, Math.abs(loss), 0.5 + random.nextDouble(), 500L,
          0.05 + 0.01 * random.nextDouble(), eval, eval == null ? 0.0 : 0.02, r.options.lr()));
    }
    set(r, "history", history);

    for (int s = 0; s <= end && s < steps; s++) {
      if (s == 0 || (checkEvery > 0 && s % checkEvery == 0)) {
        boolean fails = s == failAt;
        StepCheck c = construct(StepCheck.class, (long) s, 10_000L, fails ? "w2" : null);
        String[] names = {"w1", "b1", "w2", "b2", "loss"};
        for (String n : names) {
          c.names.add(n);
          c.relative.add(fails && n.equals("w2") ? 3.2e-5 : (1 + random.nextDouble()) * 1e-15);
          c.floors.add(4.4e-16);
          c.excess.add(fails && n.equals("w2") ? 3.2e-5 : -4.4e-16);
        }
        r.checks.add(c);
      }
    }
    if (failAt >= 0) {
      r.stopped = "step " + failAt + ": the distributed gradient disagrees with the reference in w2";
    } else {
      r.finalEval = evaluation(accuracy(steps), loss(steps) * 1.05, random);
    }
    r.seconds.put("prepare", 4.2);
    r.seconds.put("total", 4.2 + 0.06 * end);
    return r;
  }

  private static double loss(int step) {
    return 0.12 + 2.18 * Math.exp(-step / 120.0);
  }

  private static double accuracy(int step) {
    return 0.97 - 0.87 * Math.exp(-step / 90.0);
  }

  /** About 1,000 rows, 100 per label, {@code accuracy} of them right, the errors mostly on a neighbouring class. */
  static Evaluation evaluation(double accuracy, double loss, Random random) throws ReflectiveOperationException {
    Evaluation e = construct(Evaluation.class, CLASSES, 1);
    long[][] m = (long[][]) get(e, "confusion");
    long rows = 0;
    for (int i = 0; i < CLASSES; i++) {
      int n = 95 + random.nextInt(11);
      for (int k = 0; k < n; k++) {
        int predicted = random.nextDouble() < accuracy ? i
            : random.nextDouble() < 0.6 ? (i + 1) % CLASSES : random.nextInt(CLASSES);
        m[i][predicted]++;
      }
      rows += n;
    }
    set(e, "rows", rows);
    set(e, "lossSum", loss * rows);
    return e;
  }
}
