package sparkprop.train;

import org.junit.jupiter.api.Test;
import sparkprop.Json;
import sparkprop.JsonPin;
import sparkprop.nn.Init;
import sparkprop.nn.Precision;
import sparkprop.report.html.SyntheticTraining;

/**
 * train's report.json pinned byte for byte, for each optimizer and the keys each one writes or leaves
 * out (an L-BFGS run has no {@code lr_schedule}, an Adam run its {@code betas} and {@code eps}; a step
 * with no evaluation no {@code eval_loss}; a step with no learning rate no {@code lr}), every key's
 * order, and how numbers are written — a NaN loss as the string "NaN", as it always was.
 */
class TrainReportJsonTest {
  @Test
  void anSgdRunWithACosineScheduleKeepsItsEncoding() throws Exception {
    TrainResult r = SyntheticTraining.of(30, 10, -1);
    r.options.lrSchedule = LrSchedule.Kind.COSINE;
    r.options.lrPeriod = 30;
    r.options.lrMin = 0.001;
    r.options.warmupSteps = 5;
    r.options.weightDecay = 1e-4;
    r.options.checkpointEvery = 10;
    JsonPin.assertPinned(TrainReportJsonTest.class, "train-sgd.json", Json.pretty(TrainReportJson.of(r)));
  }

  @Test
  void aStoppedAdamRunWithNonFiniteNumbersKeepsItsEncoding() throws Exception {
    TrainResult r = SyntheticTraining.of(40, 10, 25);
    TrainOptions o = r.options;
    o.optimizer = OptimizerKind.ADAM;
    o.betas = new Adam.Betas(0.8, 0.99);
    o.eps = 1e-7;
    o.lrSchedule = LrSchedule.Kind.STEP;
    o.lrGamma = 0.5;
    o.lrStepEvery = 10;
    o.targetAccuracy = 0.9;
    o.keepBest = KeepBest.Metric.ACCURACY;
    o.earlyStop = 5;
    o.model.weights = "/data/start.npz";
    o.model.precision = Precision.FLOAT32;
    o.model.seed = 3;
    r.reachedTarget = 20;
    r.startStep = 10;
    r.skippedSteps = 2;
    r.resumedFrom = "checkpoints/step-00000010";
    r.best = new BestEvaluation(20, 0.91, 0.3, null);
    r.history.add(new StepRecord(25, Double.NaN, Double.POSITIVE_INFINITY, 500, 0.06, null, 0, Double.NaN));
    r.seconds.put("evaluation", Double.NaN);
    JsonPin.assertPinned(TrainReportJsonTest.class, "train-adam-stopped.json", Json.pretty(TrainReportJson.of(r)));
  }

  @Test
  void anLbfgsRunStoppedEarlyKeepsItsEncoding() throws Exception {
    TrainResult r = SyntheticTraining.of(20, 0, -1);
    TrainOptions o = r.options;
    o.optimizer = OptimizerKind.LBFGS;
    o.lr = null;
    o.lbfgsCorrections = 30;
    o.batchRows = 0;
    o.keepBest = KeepBest.Metric.LOSS;
    o.earlyStop = 3;
    o.model.init = Init.values()[Init.values().length - 1];
    r.evalData = null;
    r.stoppedEarly = 15;
    r.best = new BestEvaluation(10, 0.8, Double.POSITIVE_INFINITY, null);
    JsonPin.assertPinned(TrainReportJsonTest.class, "train-lbfgs.json", Json.pretty(TrainReportJson.of(r)));
  }
}
