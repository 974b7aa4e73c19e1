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

  StepRecord(long step, double loss, double gradientNorm, long batchRows, double seconds, Evaluation eval,
      double evalSeconds) {
    this.step = step;
    this.loss = loss;
    this.gradientNorm = gradientNorm;
    this.batchRows = batchRows;
    this.seconds = seconds;
    this.eval = eval;
    this.evalSeconds = evalSeconds;
  }
}
