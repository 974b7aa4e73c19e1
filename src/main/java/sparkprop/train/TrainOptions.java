package sparkprop.train;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sparkprop.app.Converters;
import sparkprop.app.DataOptions;
import sparkprop.app.ModelOptions;

/**
 * The options of {@code train}: the shared data and model options (picocli mixins) and the training
 * loop's own. The field values are the defaults.
 */
public class TrainOptions {
  @Mixin public final DataOptions data = new DataOptions();
  @Mixin public final ModelOptions model = new ModelOptions();

  @Option(names = "--out", paramLabel = "DIR", order = 50,
      description = "output folder: weights.npz, history.csv, report.json, report.html, checkpoints/; replaced as a whole when"
          + " the run ends (default train-out)")
  public String out = "train-out";

  @Option(names = "--steps", paramLabel = "S", order = 51, converter = Converters.PositiveInt.class,
      description = "steps (updates) in all, counting those before a --resume (default 100)")
  public int steps = 100;

  @Option(names = "--lr", paramLabel = "LR", order = 52, converter = Converters.PositiveDouble.class,
      description = "SGD's learning rate (default 0.1)")
  public double lr = 0.1;

  @Option(names = "--momentum", paramLabel = "M", order = 53, converter = Converters.Fraction.class,
      description = "SGD's momentum μ in [0, 1): b = μ·b + g, as torch.optim.SGD (default 0)")
  public double momentum = 0;

  @Option(names = "--weight-decay", paramLabel = "WD", order = 54, converter = Converters.NonNegativeDouble.class,
      description = "adds WD·θ to the gradient before the step, as torch.optim.SGD (default 0)")
  public double weightDecay = 0;

  @Option(names = "--optimizer", paramLabel = "sgd|lbfgs", order = 55, converter = OptimizerKind.Converter.class,
      description = "PyTorch's SGD rule, or Breeze's L-BFGS driving the same distributed gradient (default sgd)")
  public OptimizerKind optimizer = OptimizerKind.SGD;

  @Option(names = "--lbfgs-corrections", paramLabel = "M", order = 56, converter = Converters.PositiveInt.class,
      description = "L-BFGS's number of correction pairs (default 10, as MLlib's)")
  public int lbfgsCorrections = 10;

  /** 0: every step uses every row (full batch); else about this many rows per step. */
  @Option(names = "--batch-rows", paramLabel = "B", order = 57, converter = Converters.PositiveLong.class,
      description = "about B rows per step, chosen inside the partitions by a hash of row id, epoch and --seed;"
          + " an epoch is ⌈N/B⌉ steps and uses every row once (default: every row every step)")
  public long batchRows = 0;

  /** Rows to evaluate on every {@link #evalEvery} steps; null: the valid side when {@code --split train}, else none. */
  @Option(names = "--eval-data", paramLabel = "PATH", order = 58,
      description = "rows to evaluate on (loss, accuracy, confusion matrix), e.g. a test set's images file"
          + " (default: the valid side with --split train, else none)")
  public String evalData = null;

  @Option(names = "--eval-every", paramLabel = "K", order = 59, converter = Converters.PositiveInt.class,
      description = "evaluate every K steps and at the end (default 10)")
  public int evalEvery = 10;

  /** Compare the step's gradient with the reference before the first step and every K steps; 0: only before the first. */
  @Option(names = "--check-every", paramLabel = "K", order = 60, converter = Converters.NonNegativeInt.class,
      description = "compare the step's distributed gradient with the single-node reference before the first step"
          + " and every K steps; a disagreement stops the run, exit 1 (default 50; 0: only before the first)")
  public int checkEvery = 50;

  /** Rows of the reference at each check: 0 for every training row up to {@link #DEFAULT_REFERENCE_ROWS}. */
  @Option(names = "--reference-rows", paramLabel = "N", order = 61, converter = Converters.PositiveInt.class,
      description = "the checks' reference covers N rows chosen by row id (default: every row up to 10,000)")
  public int referenceRows = 0;

  /** Write the parameters and the optimizer's state every K steps; 0: only at the end. */
  @Option(names = "--checkpoint-every", paramLabel = "K", order = 62, converter = Converters.NonNegativeInt.class,
      description = "write θ and the optimizer's state every K steps, so that --resume continues a killed run"
          + " (default 0: only at the end)")
  public int checkpointEvery = 0;

  /** A training output, or the output folder of a run that was killed, to continue; null to start afresh. */
  @Option(names = "--resume", paramLabel = "DIR", order = 63,
      description = "continue from the latest checkpoint of DIR: a training output, or the --out of a run that"
          + " was killed; the model, data and training options must match")
  public String resume = null;

  /** Self-test: corrupt partition K's partial at step {@link #faultStep}; -1 for none. */
  @Option(names = "--inject-fault", paramLabel = "K", order = 64, converter = Converters.NonNegativeInt.class,
      description = "self-test: corrupt partition K's partial of --fault-tensor at --fault-step (default: off)")
  public int injectFault = -1;

  @Option(names = "--fault-tensor", paramLabel = "NAME", order = 65,
      description = "the tensor --inject-fault corrupts (default w1)")
  public String faultTensor = "w1";

  @Option(names = "--fault-step", paramLabel = "S", order = 66, converter = Converters.NonNegativeInt.class,
      description = "the step at which --inject-fault corrupts (default 0)")
  public int faultStep = 0;

  /** Stop once an evaluation reaches this accuracy (0: run every step), e.g. to time a run to an accuracy. */
  @Option(names = "--target-accuracy", paramLabel = "A", order = 67, converter = Converters.Fraction.class,
      description = "stop once an evaluation reaches accuracy A (default: run every step)")
  public double targetAccuracy = 0;

  /** Without a terminal: one progress line every N steps. */
  @Option(names = "--progress-every", paramLabel = "N", order = 68, converter = Converters.PositiveInt.class,
      description = "without a terminal, one progress line every N steps (default 10)")
  public int progressEvery = 10;

  /** The reference's size when the data is larger and {@code --reference-rows} is not given. */
  public static final int DEFAULT_REFERENCE_ROWS = 10_000;
}
