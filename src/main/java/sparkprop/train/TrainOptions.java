package sparkprop.train;

import sparkprop.app.DataOptions;
import sparkprop.app.ModelOptions;

/** The options of {@code train}: the shared data and model options and the training loop's own. */
public class TrainOptions {
  public final DataOptions data = new DataOptions();
  public final ModelOptions model = new ModelOptions();
  public String out = "train-out";
  public int steps = 100;
  public double lr = 0.1;
  public double momentum = 0;
  public double weightDecay = 0;
  public OptimizerKind optimizer = OptimizerKind.SGD;
  /** L-BFGS's number of corrections (history pairs). */
  public int lbfgsCorrections = 10;
  /** 0: every step uses every row (full batch); else about this many rows per step. */
  public long batchRows = 0;
  /** Rows to evaluate on every {@link #evalEvery} steps; null: the valid side when {@code --split train}, else none. */
  public String evalData = null;
  public int evalEvery = 10;
  /** Compare the step's gradient with the single-node reference before the first step and every K steps; 0: only before the first. */
  public int checkEvery = 50;
  /** Rows of the reference at each check: 0 for every training row up to {@link #DEFAULT_REFERENCE_ROWS}. */
  public int referenceRows = 0;
  /** Write the parameters and the optimizer's state every K steps; 0: only at the end. */
  public int checkpointEvery = 0;
  /** A training output, or the output folder of a run that was killed, to continue; null to start afresh. */
  public String resume = null;
  /** Self-test: corrupt partition K's partial at step {@link #faultStep}; -1 for none. */
  public int injectFault = -1;
  public String faultTensor = "w1";
  public int faultStep = 0;
  /** Stop once an evaluation reaches this accuracy (0: run every step), e.g. to time a run to an accuracy. */
  public double targetAccuracy = 0;
  /** Without a terminal: one progress line every N steps. */
  public int progressEvery = 10;

  /** The reference's size when the data is larger and {@code --reference-rows} is not given. */
  public static final int DEFAULT_REFERENCE_ROWS = 10_000;
}
