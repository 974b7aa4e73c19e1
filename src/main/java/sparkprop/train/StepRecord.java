package sparkprop.train;

/** One row of {@code history.csv}: the loss at θ before step {@link #step}'s update, and what else was measured then. */
public final class StepRecord {
  public final long step;
  /** The training loss at θ before this step's update (for a mini-batch: on the step's batch). */
  public final double loss;
  public final double gradientNorm;
  public final long batchRows;
  public final double seconds;
  /** Evaluation at θ before this step's update, or null when none was made at this step. */
  public final Evaluation eval;

  StepRecord(long step, double loss, double gradientNorm, long batchRows, double seconds, Evaluation eval) {
    this.step = step;
    this.loss = loss;
    this.gradientNorm = gradientNorm;
    this.batchRows = batchRows;
    this.seconds = seconds;
    this.eval = eval;
  }
}
