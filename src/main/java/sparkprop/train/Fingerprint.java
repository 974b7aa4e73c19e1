package sparkprop.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import sparkprop.app.PreparedRows;
import sparkprop.nn.Architecture;
import sparkprop.nn.Layout;
import sparkprop.read.DataIdentity;
import sparkprop.read.TableColumns;

/**
 * What determines a run's trajectory, as named components: the data — its location and identity
 * (format, every file's size and time, a digest of its content: {@link DataIdentity}) — and every
 * option that changes the rows or their values, the network and its initial θ, the precision, the
 * partitioning and blocks (rounding), and every training option but the step count (and the early stop's patience, which a
 * resumed run may lengthen). A checkpoint
 * stores the components, so that a resume with other data or options is refused naming what changed,
 * and a resumed run ends where an uninterrupted one would.
 *
 * <p>A new option that changes the result is one more {@link #add} in {@link #of}.
 */
final class Fingerprint {
  /** Components named in a refusal; the rest are counted. */
  private static final int NAMED = 3;

  private final Map<String, String> components = new LinkedHashMap<>();

  private Fingerprint() {}

  static Fingerprint of(TrainOptions o, PreparedRows data, Layout layout, Architecture a, Configuration conf) {
    Fingerprint f = new Fingerprint()
        .add("--data", data.source.location())
        .addAll("data ", data.source.identity(conf).components())
        .add("--pixel-max", o.data.pixelMax);
    if (!o.data.tableColumns().equals(TableColumns.DEFAULT)) { // only tables have them; IDX fingerprints unchanged
      f.add("--features-col", o.data.featuresCol).add("--label-col", o.data.labelCol);
    }
    f.add("--limit", o.data.limit > 0 ? Long.toString(o.data.limit) : "every row")
        .add("--split", o.data.split == null ? "every row" : o.data.split.toString())
        .add("--valid-fraction", o.data.validFraction)
        .add("--split-seed", o.data.splitSeed)
        .add("rows", data.count)
        .add("--partitions", data.partitions)
        .add("--layers", layout)
        .add("network", a)
        .add("--precision", o.model.precision.label())
        .add("--block-rows", o.model.blockRows)
        .add("--tree-depth", o.model.treeDepth)
        .add("--init", o.model.init.label())
        .add("--seed", o.model.seed)
        .add("--weights", o.model.weights == null ? "none" : o.model.weights);
    if (o.model.weights != null) f.addAll("weights ", DataIdentity.ofLocation("weights", o.model.weights, conf).components());
    return f.add("--optimizer", o.optimizer.label())
        .add("--lr", o.lr())
        .add("--momentum", o.momentum)
        .add("--weight-decay", o.weightDecay)
        .add("--lbfgs-corrections", o.lbfgsCorrections)
        .add("--batch-rows", o.batchRows > 0 ? Long.toString(o.batchRows) : "every row")
        .add("--betas", o.betas()[0] + "," + o.betas()[1])
        .add("--eps", o.eps())
        .add("--lr-schedule", o.lrSchedule.label())
        .add("--lr-period", o.lrPeriod)
        .add("--lr-min", o.lrMin)
        .add("--lr-gamma", o.lrGamma())
        .add("--lr-step-every", o.lrStepEvery)
        .add("--warmup-steps", o.warmupSteps)
        .add("--keep-best", o.keepBest() == null ? "off"
            : o.keepBest().label() + ", evaluated every " + o.evalEvery + " steps on " + o.evalData)
        .add("--inject-fault", o.injectFault < 0 ? "off"
            : "partition " + o.injectFault + ", " + o.faultTensor + " at step " + o.faultStep);
  }

  /** The components a checkpoint stored. */
  static Fingerprint of(Map<String, String> stored) {
    Fingerprint f = new Fingerprint();
    f.components.putAll(stored);
    return f;
  }

  Fingerprint add(String name, Object value) {
    components.put(name, String.valueOf(value));
    return this;
  }

  private Fingerprint addAll(String prefix, Map<String, String> values) {
    values.forEach((k, v) -> components.put(prefix + k, v));
    return this;
  }

  Map<String, String> components() {
    return Collections.unmodifiableMap(components);
  }

  /** A short hash of every component, for a glance. */
  String hash() {
    StringBuilder text = new StringBuilder();
    components.forEach((k, v) -> text.append(k).append('\0').append(v).append('\n'));
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What differs from {@code earlier}: "NAME: OLD → NEW" for the first few components that differ
   * ("(none)" where one side lacks it), then how many more; null when nothing does.
   */
  String changesSince(Fingerprint earlier) {
    Set<String> names = new LinkedHashSet<>(earlier.components.keySet());
    names.addAll(components.keySet());
    List<String> changed = new ArrayList<>();
    for (String n : names) {
      String was = earlier.components.getOrDefault(n, "(none)");
      String now = components.getOrDefault(n, "(none)");
      if (!was.equals(now)) changed.add(n + ": " + was + " → " + now);
    }
    if (changed.isEmpty()) return null;
    String named = String.join("; ", changed.subList(0, Math.min(NAMED, changed.size())));
    return changed.size() > NAMED ? named + "; and " + (changed.size() - NAMED) + " more" : named;
  }
}
