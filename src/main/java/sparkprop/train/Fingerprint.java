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
 * precision, the partitioning and blocks (rounding), and every training option but the step count.
 * A checkpoint resumes only a run with the same fingerprint, so a resumed run ends where an
 * uninterrupted one would.
 */
final class Fingerprint {
  private Fingerprint() {}

  static String of(TrainOptions o, PreparedRows data, Layout layout, Architecture a) {
    String text = String.join("|", data.source.location(), Long.toString(data.count), Integer.toString(data.partitions),
        String.valueOf(o.data.limit), String.valueOf(o.data.split), String.valueOf(o.data.validFraction),
        String.valueOf(o.data.splitSeed), layout.toString(), a.toString(), o.model.precision.label(),
        Integer.toString(o.model.blockRows), Integer.toString(o.model.treeDepth), o.optimizer.label(),
        Double.toString(o.lr), Double.toString(o.momentum), Double.toString(o.weightDecay),
        Integer.toString(o.lbfgsCorrections), Long.toString(o.batchRows), Long.toString(o.model.seed),
        String.valueOf(o.model.weights), o.model.init.label());
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 12).toLowerCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
