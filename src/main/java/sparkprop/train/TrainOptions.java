package sparkprop.train;

import picocli.CommandLine.Option;
import sparkprop.app.Converters;
import sparkprop.app.RunOptions;

/**
 * The options of {@code train}: the data, model and output options every run shares ({@link RunOptions}) and the training
 * loop's own. The field values are the defaults.
 */
public class TrainOptions extends RunOptions {
  public TrainOptions() {
    super("train-out");
  }

  @Option(names = "--steps", paramLabel = "S", order = 51, converter = Converters.PositiveInt.class,
      description = "steps (updates) in all, counting those before a --resume (default 100)")
  public int steps = 100;

  /** null: the optimizer's default, {@link #lr()}. */
  @Option(names = "--lr", paramLabel = "LR", order = 52, converter = Converters.PositiveDouble.class,
      description = "the learning rate, before the schedule (default 0.1 for SGD, 1e-3 for Adam as torch.optim.Adam)")
  public Double lr = null;

  @Option(names = "--momentum", paramLabel = "M", order = 53, converter = Converters.Fraction.class,
      description = "SGD's momentum μ in [0, 1): b = μ·b + g, as torch.optim.SGD (default 0)")
  public double momentum = 0;

  @Option(names = "--weight-decay", paramLabel = "WD", order = 54, converter = Converters.NonNegativeDouble.class,
      description = "adds WD·θ to the gradient before the step, as torch.optim.SGD and torch.optim.Adam (default 0)")
  public double weightDecay = 0;

  @Option(names = "--optimizer", paramLabel = "sgd|lbfgs|adam", order = 55, converter = OptimizerKind.Converter.class,
      description = "PyTorch's SGD rule, Breeze's L-BFGS driving the same distributed gradient, or PyTorch's Adam"
          + " rule (default sgd)")
  public OptimizerKind optimizer = OptimizerKind.SGD;

  /** Adam's β1, β2; null: (0.9, 0.999), {@link #betas()}. */
  @Option(names = "--betas", paramLabel = "B1,B2", order = 56, converter = Adam.BetasConverter.class,
      description = "Adam's decay rates of the gradient's mean and square, each in [0, 1) (default 0.9,0.999)")
  public Adam.Betas betas = null;

  /** Adam's eps; null: 1e-8, {@link #eps()}. */
  @Option(names = "--eps", paramLabel = "E", order = 57, converter = Converters.NonNegativeDouble.class,
      description = "Adam's term added to the denominator (default 1e-8)")
  public Double eps = null;

  @Option(names = "--lr-schedule", paramLabel = "constant|cosine|step", order = 58, converter = LrSchedule.Kind.Converter.class,
      description = "the learning rate against the step, as PyTorch's CosineAnnealingLR and StepLR (default constant)")
  public LrSchedule.Kind lrSchedule = LrSchedule.Kind.CONSTANT;

  @Option(names = "--lr-period", paramLabel = "T", order = 59, converter = Converters.PositiveInt.class,
      description = "cosine: the steps from --lr down to --lr-min (CosineAnnealingLR's T_max; required with cosine)")
  public Integer lrPeriod = null;

  @Option(names = "--lr-min", paramLabel = "LR", order = 60, converter = Converters.NonNegativeDouble.class,
      description = "cosine: the rate at the end of the period (eta_min; required with cosine)")
  public Double lrMin = null;

  /** null: 0.1, {@link #lrGamma()}. */
  @Option(names = "--lr-gamma", paramLabel = "G", order = 61, converter = Converters.PositiveDouble.class,
      description = "step: the factor every --lr-step-every steps (StepLR's gamma; default 0.1)")
  public Double lrGamma = null;

  @Option(names = "--lr-step-every", paramLabel = "K", order = 62, converter = Converters.PositiveInt.class,
      description = "step: multiply the rate by --lr-gamma every K steps (StepLR's step_size; required with step)")
  public Integer lrStepEvery = null;

  @Option(names = "--warmup-steps", paramLabel = "W", order = 63, converter = Converters.NonNegativeInt.class,
      description = "rise linearly from LR/W at step 0 to LR at step W−1, then the schedule from its start (default 0)")
  public int warmupSteps = 0;

  @Option(names = "--lbfgs-corrections", paramLabel = "M", order = 64, converter = Converters.PositiveInt.class,
      description = "L-BFGS's number of correction pairs (default 10, as MLlib's)")
  public int lbfgsCorrections = 10;

  /** 0: every step uses every row (full batch); else about this many rows per step. */
  @Option(names = "--batch-rows", paramLabel = "B", order = 65, converter = Converters.PositiveLong.class,
      description = "about B rows per step, chosen inside the partitions by a hash of row id, epoch and --seed;"
          + " an epoch is ⌈N/B⌉ steps and uses every row once (default: every row every step)")
  public long batchRows = 0;

  /** Rows to evaluate on every {@link #evalEvery} steps; null: the valid side when {@code --split train}, else none. */
  @Option(names = "--eval-data", paramLabel = "PATH", order = 66,
      description = "rows to evaluate on (loss, accuracy, confusion matrix), e.g. a test set's images file"
          + " (default: the valid side with --split train, else none)")
  public String evalData = null;

  @Option(names = "--eval-every", paramLabel = "K", order = 67, converter = Converters.PositiveInt.class,
      description = "evaluate every K steps and at the end (default 10)")
  public int evalEvery = 10;

  /** Compare the step's gradient with the reference before the first step and every K steps; 0: only before the first. */
  @Option(names = "--check-every", paramLabel = "K", order = 68, converter = Converters.NonNegativeInt.class,
      description = "compare the step's distributed gradient with the single-node reference before the first step"
          + " and every K steps; a disagreement stops the run, exit 1 (default 50; 0: only before the first)")
  public int checkEvery = 50;

  /** Rows of the reference at each check: 0 for every training row up to {@link #DEFAULT_REFERENCE_ROWS}. */
  @Option(names = "--reference-rows", paramLabel = "N", order = 69, converter = Converters.PositiveInt.class,
      description = "the checks' reference covers N rows chosen by row id (default: every row up to 10,000)")
  public int referenceRows = 0;

  /** Write the parameters and the optimizer's state every K steps; 0: only at the end. */
  @Option(names = "--checkpoint-every", paramLabel = "K", order = 70, converter = Converters.NonNegativeInt.class,
      description = "write θ and the optimizer's state every K steps, so that --resume continues a killed run"
          + " (default 0: only at the end)")
  public int checkpointEvery = 0;

  /** A training output, or the output folder of a run that was killed, to continue; null to start afresh. */
  @Option(names = "--resume", paramLabel = "DIR", order = 71,
      description = "continue from the latest checkpoint of DIR: a training output, or the --out of a run that"
          + " was killed; the model, data and training options must match")
  public String resume = null;

  /** Self-test: corrupt partition K's partial at step {@link #faultStep}; -1 for none. */
  @Option(names = "--inject-fault", paramLabel = "K", order = 72, converter = Converters.NonNegativeInt.class,
      description = "self-test: corrupt partition K's partial of --fault-tensor at --fault-step (default: off)")
  public int injectFault = -1;

  @Option(names = "--fault-tensor", paramLabel = "NAME", order = 73,
      description = "the tensor --inject-fault corrupts (default w1)")
  public String faultTensor = "w1";

  @Option(names = "--fault-step", paramLabel = "S", order = 74, converter = Converters.NonNegativeInt.class,
      description = "the step at which --inject-fault corrupts (default 0)")
  public int faultStep = 0;

  /** Stop once an evaluation reaches this accuracy (0: run every step), e.g. to time a run to an accuracy. */
  @Option(names = "--target-accuracy", paramLabel = "A", order = 75, converter = Converters.Fraction.class,
      description = "stop once an evaluation reaches accuracy A (default: run every step)")
  public double targetAccuracy = 0;

  /** The metric whose best evaluation's θ is kept as weights-best.npz; null: none (unless {@link #earlyStop}). */
  @Option(names = "--keep-best", paramLabel = "accuracy|loss", order = 76, converter = KeepBest.Metric.Converter.class,
      description = "keep θ of the evaluation with the best accuracy (or loss) as weights-best.npz (default: off)")
  public KeepBest.Metric keepBest = null;

  /** Stop after K evaluations in a row without a new best; 0: never. */
  @Option(names = "--early-stop", paramLabel = "K", order = 77, converter = Converters.PositiveInt.class,
      description = "stop after K evaluations in a row without a new best of --keep-best (implies --keep-best"
          + " accuracy unless given); exit 0 (default: off)")
  public int earlyStop = 0;

  /** Without a terminal: one progress line every N steps. */
  @Option(names = "--progress-every", paramLabel = "N", order = 78, converter = Converters.PositiveInt.class,
      description = "without a terminal, one progress line every N steps (default 10)")
  public int progressEvery = 10;

  /** The learning rate: {@code --lr}, or the optimizer's default (SGD 0.1, Adam 1e-3 as PyTorch's). */
  public double lr() {
    return lr != null ? lr : optimizer == OptimizerKind.ADAM ? 1e-3 : 0.1;
  }

  public double[] betas() {
    return betas != null ? new double[] {betas.beta1(), betas.beta2()} : new double[] {0.9, 0.999};
  }

  public double eps() {
    return eps != null ? eps : 1e-8;
  }

  double lrGamma() {
    return lrGamma != null ? lrGamma : 0.1;
  }

  /** The metric kept: {@code --keep-best}, or accuracy when only {@code --early-stop} is given; null for none. */
  KeepBest.Metric keepBest() {
    return keepBest != null ? keepBest : earlyStop > 0 ? KeepBest.Metric.ACCURACY : null;
  }

  /** {@link #keepBest()}'s name (accuracy, loss), or null when nothing is kept. */
  public String keepBestMetric() {
    return keepBest() == null ? null : keepBest().label();
  }

  /** {@code --lr-schedule} and {@code --warmup-steps} in words, e.g. "cosine over 100 steps down to 0.001, after 5 warm-up steps". */
  public String scheduleText() {
    String s = switch (lrSchedule) {
      case CONSTANT -> "constant";
      case COSINE -> "cosine over " + lrPeriod + " steps down to " + lrMin;
      case STEP -> "×" + lrGamma() + " every " + lrStepEvery + " steps";
    };
    return warmupSteps > 0 ? s + ", after " + warmupSteps + " warm-up steps" : s;
  }

  /** The reference's size when the data is larger and {@code --reference-rows} is not given. */
  public static final int DEFAULT_REFERENCE_ROWS = 10_000;

  @Override
  public java.util.List<String> inputs() {
    java.util.List<String> inputs = super.inputs();
    if (evalData != null) inputs.add(evalData);
    return inputs;
  }
}
