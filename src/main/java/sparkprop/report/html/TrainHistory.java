package sparkprop.report.html;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sparkprop.train.Evaluation;
import sparkprop.train.TrainResult;

/**
 * A training run's curves as the page draws them, read from its history.csv (which, unlike
 * {@link TrainResult#records()}, also holds the steps made before a {@code --resume}): per step the
 * loss at θ before that step's update, placed at the step and at the training seconds spent before
 * it (so step 0 sits at 0 s); the evaluations the same way, and the final one after the last step.
 */
final class TrainHistory {
  /** The columns read; history.csv may have more. */
  static final List<String> COLUMNS = List.of("step", "loss", "seconds", "train_seconds", "eval_loss", "eval_accuracy");

  /** One evaluation: the step and training seconds of the θ evaluated, its mean loss and accuracy. */
  record EvalPoint(double step, double seconds, double loss, double accuracy) {}

  final double[] steps;
  final double[] loss;
  /** Training seconds spent before each step (evaluations excluded). */
  final double[] secondsBefore;
  /** Training seconds of every step, the last one included. */
  final double trainSeconds;
  final List<EvalPoint> evals;

  private TrainHistory(double[] steps, double[] loss, double[] secondsBefore, double trainSeconds, List<EvalPoint> evals) {
    this.steps = steps;
    this.loss = loss;
    this.secondsBefore = secondsBefore;
    this.trainSeconds = trainSeconds;
    this.evals = evals;
  }

  static TrainHistory of(TrainResult r) {
    String[] lines = new String(r.historyCsv(), StandardCharsets.UTF_8).split("\n");
    int[] at = columns(lines[0]);
    int n = 0;
    double[] steps = new double[lines.length];
    double[] loss = new double[lines.length];
    double[] before = new double[lines.length];
    double elapsed = 0;
    List<EvalPoint> evals = new ArrayList<>();
    for (int k = 1; k < lines.length; k++) {
      if (lines[k].isEmpty()) continue;
      String[] f = lines[k].split(",", -1);
      steps[n] = Double.parseDouble(f[at[0]]);
      loss[n] = Double.parseDouble(f[at[1]]);
      elapsed = Double.parseDouble(f[at[3]]);
      before[n] = Math.max(0, elapsed - Double.parseDouble(f[at[2]]));
      if (!f[at[4]].isEmpty()) {
        evals.add(new EvalPoint(steps[n], before[n], Double.parseDouble(f[at[4]]), Double.parseDouble(f[at[5]])));
      }
      n++;
    }
    Evaluation last = r.finalEval;
    if (last != null) {
      double step = r.reachedTarget >= 0 ? r.reachedTarget : n > 0 ? steps[n - 1] + 1 : r.startStep;
      evals.add(new EvalPoint(step, elapsed, last.loss(), last.accuracy()));
    }
    return new TrainHistory(Arrays.copyOf(steps, n), Arrays.copyOf(loss, n), Arrays.copyOf(before, n), elapsed, evals);
  }

  private static int[] columns(String header) {
    List<String> names = List.of(header.trim().split(","));
    int[] at = new int[COLUMNS.size()];
    for (int k = 0; k < at.length; k++) {
      at[k] = names.indexOf(COLUMNS.get(k));
      if (at[k] < 0) throw new IllegalStateException("history.csv has no column " + COLUMNS.get(k) + ": " + header);
    }
    return at;
  }

  /** The point of {@code r}'s best evaluation ({@code --keep-best}), or null. */
  EvalPoint best(TrainResult r) {
    if (r.best == null) return null;
    for (EvalPoint e : evals) {
      if (e.step() == r.best.step()) return e;
    }
    return null;
  }

  int size() {
    return steps.length;
  }

  boolean hasEvaluations() {
    return !evals.isEmpty();
  }

  /** The last step the curves reach, evaluations included. */
  double lastStep() {
    double last = steps.length == 0 ? 0 : steps[steps.length - 1];
    for (EvalPoint e : evals) last = Math.max(last, e.step());
    return last;
  }

  /**
   * Which of {@code y}'s points to draw when there are more than {@code max}: per run of consecutive
   * points, its first, lowest, highest and last, so that a thinned noisy curve keeps its envelope
   * and its spikes. All indices when there are few enough.
   */
  static int[] thin(double[] y, int max) {
    int n = y.length;
    if (n <= max) {
      int[] all = new int[n];
      for (int k = 0; k < n; k++) all[k] = k;
      return all;
    }
    int buckets = Math.max(1, max / 4);
    int[] keep = new int[4 * buckets + 2];
    int m = 0;
    int last = -1;
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * n / buckets);
      int to = (int) ((long) (b + 1) * n / buckets);
      if (from >= to) continue;
      int lo = from;
      int hi = from;
      for (int k = from; k < to; k++) {
        if (y[k] < y[lo]) lo = k;
        if (y[k] > y[hi]) hi = k;
      }
      int[] picked = {from, Math.min(lo, hi), Math.max(lo, hi), to - 1};
      for (int k : picked) {
        if (k > last) keep[m++] = last = k;
      }
    }
    return Arrays.copyOf(keep, m);
  }
}
