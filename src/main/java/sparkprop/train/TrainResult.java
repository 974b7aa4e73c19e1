package sparkprop.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkprop.nn.Architecture;
import sparkprop.nn.Parameters;

/** Everything one training run did, ready to be written. */
public final class TrainResult {
  public TrainOptions options;
  public Parameters initial;
  public Architecture architecture;
  public String data;
  public String evalData;
  public long rows;
  public int partitions;
  public long stepsPerEpoch;
  /** The step the run started at: 0, or the checkpoint's when resumed. */
  public long startStep;
  /** Steps skipped because their mini-batch held no rows (possible for small --batch-rows): no history row, θ unchanged. */
  public long skippedSteps;
  public String resumedFrom;
  /** θ after the last completed step. */
  public Parameters last;
  public final List<StepCheck> checks = new ArrayList<>();
  /** Why the run stopped early (a failed check, a non-finite number); null when it completed. */
  public String stopped;
  public Evaluation finalEval;
  /** The step at which {@code --early-stop} ended the run (θ before it is the last); -1 if it did not. */
  public long stoppedEarly = -1;
  /** The best evaluation under {@code --keep-best}, or null. */
  public BestEvaluation best;
  /** The step at which an evaluation first reached {@code --target-accuracy} (the run stopped there); -1 if none. */
  public long reachedTarget = -1;
  public String blas;
  public String sparkVersion;
  public String sparkMaster;
  public final Map<String, Double> seconds = new LinkedHashMap<>();
  History history;

  public List<StepRecord> records() {
    return history.records();
  }

  /** Whether no check or non-finite number stopped the run (an early stop or a reached target completes it). */
  public boolean completed() {
    return stopped == null;
  }

  /** report.json's {@code status}: completed, stopped_early (exit 0 both) or stopped (a check failed, exit 1). */
  public String status() {
    return !completed() ? "stopped" : stoppedEarly >= 0 ? "stopped_early" : "completed";
  }

  /** The step a completed run ended at: θ before it is weights.npz. */
  public long endStep() {
    return reachedTarget >= 0 ? reachedTarget : stoppedEarly >= 0 ? stoppedEarly : options.steps;
  }

  /** The console's line for an early stop. */
  public String stoppedEarlyLine() {
    return "stopped early at step " + stoppedEarly + (best == null ? " (no evaluation gave a number)"
        : " (best at step " + best.step() + ")");
  }

  /** history.csv as written. */
  public byte[] historyCsv() {
    return history.csv();
  }
}
