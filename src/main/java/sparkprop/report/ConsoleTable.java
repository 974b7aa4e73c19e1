package sparkprop.report;

import java.util.Locale;
import sparkprop.check.CheckResult;
import sparkprop.compare.FiniteDifferenceCheck;
import sparkprop.compare.TensorComparison;
import sparkprop.peer.PeerTable;

/** The verdict for a person: one line per tensor, the finite-difference directions, and the verdict. */
public final class ConsoleTable {
  private ConsoleTable() {}

  public static String render(CheckResult r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "sparkprop check: %d rows, %d partitions, %s, MLP %s (%s), Spark %s (%s)%n",
        r.rows, r.partitions, r.precision, r.layout, r.architecture, r.sparkVersion, r.sparkMaster));
    b.append("BLAS ").append(r.blasInfo != null ? r.blasInfo.describe() : r.blas + " (Java, not native)").append('\n');
    if (r.referenceRows != r.rows) {
      b.append(String.format(Locale.ROOT, "reference on a subset of %d rows chosen by row id; loss over all rows %.17g%n",
          r.referenceRows, r.fullGradient().loss));
    }
    b.append(String.format(Locale.ROOT, "loss: distributed %.17g, reference %.17g%n%n", r.distributed.loss, r.reference.loss));
    b.append(String.format(Locale.ROOT, "%-6s %-12s %-12s %-12s %-9s %-9s %s%n", "tensor", "shape", "max|a-b|", "rel", "rtol",
        "floor", "result"));
    for (TensorComparison t : r.tensors) {
      b.append(String.format(Locale.ROOT, "%-6s %-12s %-12.3e %-12.3e %-9.0e %-9.1e %s%n", t.name, shape(t.shape),
          t.discrepancy.maxAbsDiff(), t.discrepancy.relative(), t.rtol, t.discrepancy.maxFloor(), result(t)));
    }
    FiniteDifferenceCheck fd = r.finiteDifference;
    if (fd != null) {
      b.append(String.format(Locale.ROOT, "%nfinite differences (float64, eps %.0e, %d directions):%n", fd.epsilon, fd.directions.size()));
      for (FiniteDifferenceCheck.Direction d : fd.directions) {
        b.append(String.format(Locale.ROOT, "  fd %+.10e  analytic %+.10e  error/|g| %.2e%n", d.finiteDifference, d.analytic, d.error));
      }
      b.append(String.format(Locale.ROOT, "  %s (rtol %.0e x |g| %.2e + floor %.1e)%n", fd.pass ? "ok" : "FAIL", fd.rtol,
          fd.gradientNorm, fd.floor));
    }
    if (r.peer != null) b.append('\n').append(PeerTable.render(r.peer, r.distributed,
        r.tensors.stream().allMatch(t -> t.pass), r.reference));
    b.append('\n');
    for (String f : r.failures()) b.append("FAIL: ").append(f).append('\n');
    b.append("verdict: ").append(r.pass() ? "PASS" : "FAIL");
    if (r.peer != null) b.append(PeerTable.verdictNote(r.peer, r.sparkpropPasses()));
    b.append('\n');
    return b.toString();
  }

  /** ok, FAIL, or "ok (floor)" when only elements' floors (not rtol · max|b|) cover the differences. */
  private static String result(TensorComparison t) {
    if (!t.pass) return "FAIL";
    return t.discrepancy.maxAbsDiff() > t.rtol * t.discrepancy.maxAbsReference() ? "ok (floor)" : "ok";
  }

  private static String shape(long[] s) {
    if (s.length == 0) return "()";
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < s.length; i++) b.append(i > 0 ? ", " : "").append(s[i]);
    return b.append(s.length == 1 ? ",)" : ")").toString();
  }
}
