package sparkprop.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import sparkprop.app.PreparedRows;
import sparkprop.nn.Architecture;
import sparkprop.nn.Layout;

/**
 * What determines a run's trajectory, hashed: the data and its selection, the network, the
 * precision, the partitioning and blocks (rounding), and every training option but the step count
 * (and the early stop's patience, which a resumed run may lengthen).
 * A checkpoint resumes only a run with the same fingerprint, so a resumed run ends where an
 * uninterrupted one would.
 */
final class Fingerprint {
  private Fingerprint() {}

  /** Adam's constants, the schedule, and what keep-best's state depends on (its metric and the evaluations). */
  private static String trainLoop(TrainOptions o) {
    double[] betas = o.betas();
    String s = String.join("|", Double.toString(betas[0]), Double.toString(betas[1]), Double.toString(o.eps()),
        o.lrSchedule.label(), String.valueOf(o.lrPeriod), String.valueOf(o.lrMin), Double.toString(o.lrGamma()),
        String.valueOf(o.lrStepEvery), Integer.toString(o.warmupSteps));
    KeepBest.Metric m = o.keepBest();
    return m == null ? s : String.join("|", s, m.label(), Integer.toString(o.evalEvery), String.valueOf(o.evalData));
  }

  static String of(TrainOptions o, PreparedRows data, Layout layout, Architecture a) {
    String text = String.join("|", data.source.location(), Long.toString(data.count), Integer.toString(data.partitions),
        String.valueOf(o.data.limit), String.valueOf(o.data.split), String.valueOf(o.data.validFraction),
        String.valueOf(o.data.splitSeed), layout.toString(), a.toString(), o.model.precision.label(),
        Integer.toString(o.model.blockRows), Integer.toString(o.model.treeDepth), o.optimizer.label(),
        Double.toString(o.lr()), Double.toString(o.momentum), Double.toString(o.weightDecay),
        Integer.toString(o.lbfgsCorrections), Long.toString(o.batchRows), Long.toString(o.model.seed),
        String.valueOf(o.model.weights), o.model.init.label(), trainLoop(o));
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 12).toLowerCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
