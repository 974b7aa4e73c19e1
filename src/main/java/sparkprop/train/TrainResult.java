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

  public boolean completed() {
    return stopped == null;
  }

  /** history.csv as written. */
  public byte[] historyCsv() {
    return history.csv();
  }
}
