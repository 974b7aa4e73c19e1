package sparkprop.train;

/** One row of {@code history.csv}: the loss at θ before step {@link #step}'s update, and what else was measured then. */
public final class StepRecord {
  public final long step;
  /** The training loss at θ before this step's update (for a mini-batch: on the step's batch). */
  public final double loss;
  public final double gradientNorm;
  public final long batchRows;
  /** The step's own time: its passes and update, without the evaluation. */
  public final double seconds;
  /** Evaluation at θ before this step's update, or null when none was made at this step. */
  public final Evaluation eval;
  /** The evaluation's time (0 when none was made). */
  public final double evalSeconds;
  /** The evaluation's loss and accuracy, NaN when none was made (kept apart from {@link #eval}: a step read back from a checkpoint's history.csv has these numbers but no confusion matrix). */
  public final double evalLoss;
  public final double evalAccuracy;
  /** The learning rate this step's update took (after the schedule); NaN for L-BFGS, whose line search chooses its step. */
  public final double lr;

  StepRecord(long step, double loss, double gradientNorm, long batchRows, double seconds, Evaluation eval,
      double evalSeconds, double lr) {
    this(step, loss, gradientNorm, batchRows, seconds, eval, evalSeconds,
        eval == null ? Double.NaN : eval.loss(), eval == null ? Double.NaN : eval.accuracy(), lr);
  }

  private StepRecord(long step, double loss, double gradientNorm, long batchRows, double seconds, Evaluation eval,
      double evalSeconds, double evalLoss, double evalAccuracy, double lr) {
    this.step = step;
    this.loss = loss;
    this.gradientNorm = gradientNorm;
    this.batchRows = batchRows;
    this.seconds = seconds;
    this.eval = eval;
    this.evalSeconds = evalSeconds;
    this.evalLoss = evalLoss;
    this.evalAccuracy = evalAccuracy;
    this.lr = lr;
  }

  /** A step of an earlier part of the run, from its history.csv row. */
  static StepRecord fromCsv(String row) {
    String[] f = row.split(",", -1);
    return new StepRecord(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]),
        Double.parseDouble(f[4]), null, 0, f[6].isEmpty() ? Double.NaN : Double.parseDouble(f[6]),
        f[7].isEmpty() ? Double.NaN : Double.parseDouble(f[7]), f[8].isEmpty() ? Double.NaN : Double.parseDouble(f[8]));
  }

  /** Whether an evaluation was made at this step. */
  public boolean evaluated() {
    return !Double.isNaN(evalAccuracy);
  }
}
