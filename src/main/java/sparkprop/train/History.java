package sparkprop.train;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code history.csv}: one row per step. Its first two columns are {@code step,loss}, the loss at θ
 * before that step's update (step 0 is the initial loss); then the gradient's norm, the step's rows,
 * its seconds (passes and update), the training seconds since the run began (evaluations excluded, so
 * that time to an accuracy compares with a fit that evaluates nothing), and — at steps where an
 * evaluation was made — the evaluation loss and accuracy (empty elsewhere), and the learning rate the
 * step's update took (empty for L-BFGS, whose line search chooses its step).
 */
final class History {
  static final String HEADER = "step,loss,grad_norm,batch_rows,seconds,train_seconds,eval_loss,eval_accuracy,lr";

  private final List<StepRecord> records = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private double elapsed;

  void add(StepRecord r) {
    records.add(r);
    elapsed += r.seconds;
    lines.add(String.format(Locale.ROOT, "%d,%s,%s,%d,%.6f,%.3f,%s,%s,%s", r.step, num(r.loss), num(r.gradientNorm),
        r.batchRows, r.seconds, elapsed, r.evaluated() ? num(r.evalLoss) : "", r.evaluated() ? num(r.evalAccuracy) : "",
        Double.isNaN(r.lr) ? "" : num(r.lr)));
  }

  List<StepRecord> records() {
    return records;
  }

  byte[] csv() {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (String l : lines) b.append(l).append('\n');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The rows of an earlier part of the run (a checkpoint's history.csv), kept as written. */
  void restore(byte[] csv) {
    String[] rows = new String(csv, StandardCharsets.UTF_8).split("\n");
    if (rows.length == 0 || !rows[0].equals(HEADER)) throw new IllegalArgumentException("not a history.csv");
    for (int k = 1; k < rows.length; k++) {
      if (rows[k].isEmpty()) continue;
      lines.add(rows[k]);
      records.add(StepRecord.fromCsv(rows[k]));
      elapsed = Double.parseDouble(rows[k].split(",", -1)[5]);
    }
  }

  int size() {
    return lines.size();
  }

  static String num(double v) {
    return Double.toString(v);
  }
}
