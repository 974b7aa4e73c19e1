package sparkprop.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sparkprop.nn.Parameters;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzReader;
import sparkprop.read.npz.NpzWriter;

/**
 * {@code --keep-best} and {@code --early-stop}, as PyTorch Lightning's {@code ModelCheckpoint(monitor,
 * save_top_k=1)} and {@code EarlyStopping(patience)}: at every evaluation, θ is kept when the
 * monitored metric (accuracy: higher is better; loss: lower) is strictly better than every earlier
 * evaluation's, so that ties keep the earliest; a NaN is never better. With a patience K, the run
 * stops once K evaluations in a row brought no new best.
 *
 * <p>The step of the best is the step whose θ was evaluated — θ before that step's update, the θ
 * that {@code train --steps step} ends with. Its checkpointed state is {@code weights-best.npz}
 * (the kept θ, as written) and {@code keep-best.npz} (the best's step, accuracy and loss, the
 * evaluations since, and the last step evaluated, so that an evaluation repeated after a resume is
 * not counted twice).
 */
final class KeepBest {
  /** {@code --keep-best}'s metrics. */
  enum Metric {
    ACCURACY,
    LOSS;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** picocli's converter: a bad name is exit 2 with one line. */
    static final class Converter implements picocli.CommandLine.ITypeConverter<Metric> {
      @Override
      public Metric convert(String v) {
        for (Metric k : values()) {
          if (k.label().equals(v)) return k;
        }
        throw new picocli.CommandLine.TypeConversionException("unknown metric '" + v + "' (expected accuracy or loss)");
      }
    }
  }

  static final String WEIGHTS = "weights-best.npz";
  static final String FILE = "keep-best.npz";

  private final Metric metric;
  private final int patience;
  private BestEvaluation best;
  private int sinceBest;
  private long lastEvaluated = -1;

  /** @param metric null to keep nothing; @param patience 0 for no early stop */
  KeepBest(Metric metric, int patience) {
    this.metric = metric;
    this.patience = patience;
  }

  /** What {@code o} asks for: {@code --early-stop} alone monitors accuracy. */
  static KeepBest of(TrainOptions o) {
    return new KeepBest(o.keepBest(), o.earlyStop);
  }

  /**
   * Takes the evaluation of θ before step {@code step}; an evaluation of a step already seen (the
   * same θ again, after a resume) changes nothing.
   *
   * @return whether the run should stop here: K evaluations in a row without a new best
   */
  boolean observe(long step, Evaluation e, Parameters theta) {
    if (metric == null) return false;
    if (step > lastEvaluated) {
      lastEvaluated = step;
      if (best == null ? !Double.isNaN(value(e.accuracy(), e.loss())) : better(e)) {
        best = new BestEvaluation(step, e.accuracy(), e.loss(), CheckpointFiles.weightsNpz(theta));
        sinceBest = 0;
      } else {
        sinceBest++;
      }
    }
    return patience > 0 && sinceBest >= patience;
  }

  private boolean better(Evaluation e) {
    return metric == Metric.ACCURACY ? e.accuracy() > best.evalAccuracy() : e.loss() < best.evalLoss();
  }

  private double value(double accuracy, double loss) {
    return metric == Metric.ACCURACY ? accuracy : loss;
  }

  /** The best so far, or null (nothing monitored, or nothing evaluated yet). */
  BestEvaluation best() {
    return best;
  }

  /** For a checkpoint: name → bytes (nothing when nothing is monitored). */
  Map<String, byte[]> state() {
    Map<String, byte[]> out = new HashMap<>();
    if (metric == null) return out;
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    NpzWriter.write(b, List.of(scalar("step", best == null ? -1 : best.step()),
        scalar("eval_accuracy", best == null ? Double.NaN : best.evalAccuracy()),
        scalar("eval_loss", best == null ? Double.NaN : best.evalLoss()), scalar("evaluations_since_best", sinceBest),
        scalar("last_evaluated_step", lastEvaluated)));
    out.put(FILE, b.toByteArray());
    if (best != null) out.put(WEIGHTS, best.weightsNpz());
    return out;
  }

  /** Restores what {@link #state()} gave. */
  void restore(Map<String, byte[]> files) {
    best = null;
    sinceBest = 0;
    lastEvaluated = -1;
    byte[] bytes = files.get(FILE);
    if (metric == null || bytes == null) return;
    Map<String, NpyArray> a = NpzReader.read(new ByteArrayInputStream(bytes), FILE);
    long step = (long) a.get("step").data()[0];
    if (step >= 0) {
      best = new BestEvaluation(step, a.get("eval_accuracy").data()[0], a.get("eval_loss").data()[0], files.get(WEIGHTS));
    }
    sinceBest = (int) a.get("evaluations_since_best").data()[0];
    lastEvaluated = (long) a.get("last_evaluated_step").data()[0];
  }

  private static NpyArray scalar(String name, double value) {
    return NpyArray.of(name, new int[0], new double[] {value});
  }
}
