package sparkprop.peer;

import java.util.List;
import java.util.Locale;
import sparkprop.aggregate.Gradients;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.TensorComparison;

/**
 * The peer's part of the console report: both gradients against the reference (sparkprop's distributed
 * one and MLlib's), MLlib's block gradients re-weighted by their rows, tensor by tensor, how the rows
 * fell into MLlib's blocks, and why MLlib agrees or not.
 */
public final class PeerTable {
  private PeerTable() {}

  /**
   * @param distributed       sparkprop's distributed gradient over the same rows
   * @param distributedAgrees whether sparkprop's own tensor comparisons passed
   * @param reference         the single-node reference both are measured against
   */
  public static String render(PeerResult p, Gradients distributed, boolean distributedAgrees, Gradients reference) {
    MllibMeasurement m = p.measured;
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "against Spark MLlib %s: its ml.ann gradient (ANNGradient, DataStacker blocks of %d rows,"
        + " L-BFGS CostFun), %d rows in %d blocks%n", m.sparkVersion, m.blockSize, m.rows, m.blocks));
    appendBlocks(b, m);
    b.append(String.format(Locale.ROOT, "%n%-30s %-13s %-22s %s%n", "gradient vs reference", "max gap/max", "loss", "result"));
    double sparkprop = Discrepancy.of(distributed.gradient(), reference.gradient()).relative();
    row(b, "sparkprop (distributed)", sparkprop, distributed.loss, distributedAgrees);
    row(b, "MLlib (mean of block means)", p.whole.relative(), m.mllib.loss, p.agrees());
    row(b, "MLlib re-weighted by rows", p.reweightedWhole.relative(), m.reweighted.loss, p.reweightedAgrees());
    b.append(String.format(Locale.ROOT, "%-30s %-13s %.17g%n", "reference (exact mean)", "", reference.loss));

    b.append(String.format(Locale.ROOT, "%n%-6s %-12s %-12s %-12s %-16s %-9s %s%n", "tensor", "shape", "MLlib |a-b|", "MLlib rel",
        "re-weighted rel", "rtol", "result"));
    for (int k = 0; k < p.tensors.size(); k++) {
      TensorComparison t = p.tensors.get(k);
      TensorComparison w = p.reweighted.get(k);
      b.append(String.format(Locale.ROOT, "%-6s %-12s %-12.3e %-12.3e %-16.3e %-9.0e %s%n", t.name, shape(t.shape),
          t.discrepancy.maxAbsDiff(), t.discrepancy.relative(), w.discrepancy.relative(), t.rtol,
          t.pass && w.pass ? "ok" : !t.pass && w.pass ? "FAIL (MLlib; re-weighted ok)" : "FAIL"));
    }
    b.append(p.explanation()).append('\n');
    return b.toString();
  }

  /** What the verdict line adds with a peer: whose gradient disagrees. */
  public static String verdictNote(PeerResult p, boolean sparkpropPasses) {
    if (p.pass()) return sparkpropPasses ? " (sparkprop's and MLlib's gradients agree with the reference)" : " (MLlib's agrees)";
    return sparkpropPasses ? " (MLlib's gradient disagrees with the reference; sparkprop's agrees)"
        : " (sparkprop's and MLlib's gradients disagree with the reference)";
  }

  /** Consecutive partitions with the same blocks share a line: "partitions 0-5: 128×3 + 33". */
  private static void appendBlocks(StringBuilder b, MllibMeasurement m) {
    List<int[]> parts = m.blockRows;
    for (int from = 0; from < parts.size(); ) {
      String d = m.describe(from);
      int to = from + 1;
      while (to < parts.size() && m.describe(to).equals(d)) to++;
      b.append(to - from == 1 ? "  partition " + from : "  partitions " + from + "-" + (to - 1)).append(": ").append(d).append('\n');
      from = to;
    }
  }

  private static void row(StringBuilder b, String name, double relative, double loss, boolean pass) {
    b.append(String.format(Locale.ROOT, "%-30s %-13.3e %-22.17g %s%n", name, relative, loss, pass ? "ok" : "FAIL"));
  }

  private static String shape(long[] s) {
    if (s.length == 0) return "()";
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < s.length; i++) b.append(i > 0 ? ", " : "").append(s[i]);
    return b.append(s.length == 1 ? ",)" : ")").toString();
  }
}
