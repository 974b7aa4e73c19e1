package sparkprop.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkprop.Json.NonFiniteAsString;

/**
 * train's {@code report.json}: the run, the history, the checks made, and the final evaluation, one
 * record per object, its components in the file's order. A key marked {@code NON_NULL} is written only
 * where it applies (an optimizer's own settings, a schedule's, an evaluated step's). Every number here
 * predates the rule that writes NaN and ±∞ as null and keeps the strings ({@link sparkprop.Json}).
 *
 * @param stopped why the run stopped before its last step, or null
 * @param seconds stage → seconds
 */
public record TrainReportJson(int schemaVersion, String command, String status, String stopped, String data, long rows,
    int partitions, String evalData, Model model, Training training, List<Check> checks, List<Step> history, Best best,
    ModelExports.Models models, FinalEval finalEval, String blas, Spark spark, @NonFiniteAsString Map<String, Double> seconds) {
  public static final int SCHEMA_VERSION = 1;

  /** @param weights the starting weights' path (secrets hidden), or null */
  public record Model(int[] layers, String activation, String loss, int parameters, String precision, String weights,
      String init, long seed) {}

  /**
   * @param batchRows rows per step (all of them for full-batch steps)
   * @param lrSchedule absent for L-BFGS
   */
  public record Training(String optimizer, int steps, @NonFiniteAsString double lr, @NonFiniteAsString double momentum,
      @NonFiniteAsString double weightDecay, @JsonInclude(Include.NON_NULL) Integer lbfgsCorrections,
      @JsonInclude(Include.NON_NULL) @NonFiniteAsString double[] betas,
      @JsonInclude(Include.NON_NULL) @NonFiniteAsString Double eps,
      @JsonInclude(Include.NON_NULL) Schedule lrSchedule, long batchRows, long stepsPerEpoch, int checkEvery,
      int checkpointEvery, long startStep, long skippedSteps,
      @JsonInclude(Include.NON_NULL) @NonFiniteAsString Double targetAccuracy, Long reachedTargetAtStep,
      String keepBest, Integer earlyStop, Long stoppedEarlyAtStep, String resumedFrom) {}

  /** The learning rate's schedule: the cosine's period and floor, or the step's γ and interval, as given. */
  public record Schedule(String kind, @JsonInclude(Include.NON_NULL) Integer period,
      @JsonInclude(Include.NON_NULL) @NonFiniteAsString Double lrMin,
      @JsonInclude(Include.NON_NULL) @NonFiniteAsString Double gamma,
      @JsonInclude(Include.NON_NULL) Integer stepEvery, int warmupSteps) {
    static Schedule of(TrainOptions o) {
      boolean cosine = o.lrSchedule == LrSchedule.Kind.COSINE;
      boolean step = o.lrSchedule == LrSchedule.Kind.STEP;
      return new Schedule(o.lrSchedule.label(), cosine ? o.lrPeriod : null, cosine ? o.lrMin : null,
          step ? o.lrGamma() : null, step ? o.lrStepEvery : null, o.warmupSteps);
    }
  }

  /** One gradient check: per tensor, its relative difference, largest floor and excess over the floor. */
  public record Check(long step, long rows, boolean pass, String failed,
      @NonFiniteAsString Map<String, Double> relativeDiff, @NonFiniteAsString Map<String, Double> floorMax,
      @NonFiniteAsString Map<String, Double> excessOverFloor) {
    static Check of(StepCheck c) {
      return new Check(c.step, c.rows, c.pass(), c.failed, byTensor(c, c.relative), byTensor(c, c.floors),
          byTensor(c, c.excess));
    }

    private static Map<String, Double> byTensor(StepCheck c, List<Double> values) {
      Map<String, Double> m = new LinkedHashMap<>();
      for (int k = 0; k < c.names.size(); k++) m.put(c.names.get(k), values.get(k));
      return m;
    }
  }

  /** One step; the eval_* keys only where it was evaluated, lr only where the optimizer has one. */
  public record Step(long step, @NonFiniteAsString double loss, @NonFiniteAsString double gradNorm, long batchRows,
      @NonFiniteAsString double seconds, @JsonInclude(Include.NON_NULL) @NonFiniteAsString Double evalSeconds,
      @JsonInclude(Include.NON_NULL) @NonFiniteAsString Double evalLoss,
      @JsonInclude(Include.NON_NULL) @NonFiniteAsString Double evalAccuracy,
      @JsonInclude(Include.NON_NULL) @NonFiniteAsString Double lr) {
    static Step of(StepRecord s) {
      boolean evaluated = s.evaluated();
      return new Step(s.step, s.loss, s.gradientNorm, s.batchRows, s.seconds, s.evalSeconds > 0 ? s.evalSeconds : null,
          evaluated ? s.evalLoss : null, evaluated ? s.evalAccuracy : null, Double.isNaN(s.lr) ? null : s.lr);
    }
  }

  public record Best(long step, @NonFiniteAsString double evalAccuracy, @NonFiniteAsString double evalLoss) {}

  /** @param confusion rows: true label, columns: predicted */
  public record FinalEval(long rows, @NonFiniteAsString double loss, @NonFiniteAsString double accuracy,
      long[][] confusion) {}

  public record Spark(String version, String master) {}

  public static TrainReportJson of(TrainResult r) {
    TrainOptions o = r.options;
    Model model = new Model(r.initial.layout().sizes(), r.architecture.activation.label(), r.architecture.loss.label(),
        r.initial.layout().size(), o.model.precision.label(),
        o.model.weights == null ? null : sparkprop.Secrets.hide(o.model.weights), o.model.init.label(), o.model.seed);
    boolean adam = o.optimizer == OptimizerKind.ADAM;
    boolean lbfgs = o.optimizer == OptimizerKind.LBFGS;
    Training training = new Training(o.optimizer.label(), o.steps, o.lr(), o.momentum, o.weightDecay,
        lbfgs ? o.lbfgsCorrections : null, adam ? o.betas() : null, adam ? o.eps() : null,
        lbfgs ? null : Schedule.of(o), o.batchRows > 0 && r.stepsPerEpoch > 1 ? o.batchRows : r.rows, r.stepsPerEpoch,
        o.checkEvery, o.checkpointEvery, r.startStep, r.skippedSteps, o.targetAccuracy > 0 ? o.targetAccuracy : null,
        r.reachedTarget >= 0 ? r.reachedTarget : null, o.keepBest() == null ? null : o.keepBest().label(),
        o.earlyStop > 0 ? o.earlyStop : null, r.stoppedEarly >= 0 ? r.stoppedEarly : null, r.resumedFrom);
    Best best = r.best == null ? null : new Best(r.best.step(), r.best.evalAccuracy(), r.best.evalLoss());
    Evaluation e = r.finalEval;
    FinalEval finalEval = e == null ? null : new FinalEval(e.rows(), e.loss(), e.accuracy(), e.confusion());
    return new TrainReportJson(SCHEMA_VERSION, "train", r.status(), r.stopped, r.data, r.rows, r.partitions, r.evalData,
        model, training, r.checks.stream().map(Check::of).toList(), r.records().stream().map(Step::of).toList(), best,
        ModelExports.Models.of(r), finalEval, r.blas, new Spark(r.sparkVersion, r.sparkMaster), r.seconds);
  }
}
