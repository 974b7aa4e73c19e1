package sparkprop.train;

import sparkprop.BadInputException;
import sparkprop.partition.ValidationSplit;

/**
 * The training options that are wrong, or do not fit together, refused with one line (exit 2) as
 * soon as the command line is read — before Spark starts — and again when a job is built from
 * options in code.
 */
public final class TrainOptionsCheck {
  private TrainOptionsCheck() {}

  /** @throws BadInputException naming the first option that is wrong or does not fit */
  public static void refuseMisfits(TrainOptions o) {
    if (o.steps <= 0) throw new BadInputException("--steps: must be positive, got " + o.steps);
    double lr = o.lr();
    if (!(lr > 0) || Double.isInfinite(lr)) throw new BadInputException("--lr: must be positive, got " + lr);
    if (!(o.momentum >= 0 && o.momentum < 1)) throw new BadInputException("--momentum: must be in [0, 1), got " + o.momentum);
    if (!(o.weightDecay >= 0) || Double.isInfinite(o.weightDecay)) {
      throw new BadInputException("--weight-decay: must be 0 or more, got " + o.weightDecay);
    }
    optimizer(o);
    schedule(o);
    keepBest(o);
  }

  private static void optimizer(TrainOptions o) {
    if (o.optimizer == OptimizerKind.LBFGS && o.batchRows > 0) {
      throw new BadInputException("--optimizer lbfgs takes full-batch steps: leave out --batch-rows");
    }
    if (o.optimizer == OptimizerKind.LBFGS && (o.momentum != 0 || o.weightDecay != 0)) {
      throw new BadInputException("--momentum and --weight-decay belong to --optimizer sgd");
    }
    if (o.optimizer == OptimizerKind.ADAM && o.momentum != 0) {
      throw new BadInputException("--momentum belongs to --optimizer sgd (Adam's are --betas)");
    }
    if (o.optimizer != OptimizerKind.ADAM && (o.betas != null || o.eps != null)) {
      throw new BadInputException("--betas and --eps belong to --optimizer adam");
    }
  }

  private static void schedule(TrainOptions o) {
    boolean scheduled = o.lrSchedule != LrSchedule.Kind.CONSTANT || o.warmupSteps > 0;
    if (o.optimizer == OptimizerKind.LBFGS && scheduled) {
      throw new BadInputException("--lr-schedule and --warmup-steps do not apply to --optimizer lbfgs (its line search"
          + " chooses the step)");
    }
    boolean cosine = o.lrSchedule == LrSchedule.Kind.COSINE;
    boolean step = o.lrSchedule == LrSchedule.Kind.STEP;
    if (!cosine && (o.lrPeriod != null || o.lrMin != null)) {
      throw new BadInputException("--lr-period and --lr-min belong to --lr-schedule cosine");
    }
    if (!step && (o.lrGamma != null || o.lrStepEvery != null)) {
      throw new BadInputException("--lr-gamma and --lr-step-every belong to --lr-schedule step");
    }
    if (cosine && (o.lrPeriod == null || o.lrMin == null)) {
      throw new BadInputException("--lr-schedule cosine: give --lr-period T and --lr-min LR (the rate at a step must not"
          + " depend on --steps)");
    }
    if (cosine && !(o.lrMin <= o.lr())) {
      throw new BadInputException("--lr-min: must not exceed the learning rate " + o.lr() + ", got " + o.lrMin);
    }
    if (step && o.lrStepEvery == null) throw new BadInputException("--lr-schedule step: give --lr-step-every K");
  }

  private static void keepBest(TrainOptions o) {
    boolean evaluated = o.evalData != null || o.data.split == ValidationSplit.Side.TRAIN;
    if (o.earlyStop > 0 && !evaluated) {
      throw new BadInputException("--early-stop: needs evaluation rows (--eval-data PATH, or --split train)");
    }
    if (o.keepBest != null && !evaluated) {
      throw new BadInputException("--keep-best: needs evaluation rows (--eval-data PATH, or --split train)");
    }
  }
}
