package sparkprop.report.html;

import java.util.ArrayList;
import java.util.List;
import sparkprop.check.CheckResult;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.PartitionVerification;
import sparkprop.compare.TensorComparison;

/** The top of the page: PASS or FAIL in large letters, what that means in one sentence, and every failure. */
final class VerdictSection {
  private VerdictSection() {}

  static String html(CheckResult r) {
    boolean pass = r.pass();
    List<String> failures = failures(r);
    StringBuilder b = new StringBuilder();
    b.append("<header class=\"verdict ").append(pass ? "pass" : "fail").append("\" id=\"verdict\">\n")
        .append("<div class=\"word\">").append(pass ? "PASS" : "FAIL").append("</div>\n<div class=\"what\">\n")
        .append("<h1>sparkprop gradient check</h1>\n<p>");
    String what = "The gradient of a " + Html.esc(r.layout.toString()) + " network over " + Html.count(r.rows)
        + " rows, computed by Spark in " + Html.count(r.partitions) + " partition" + (r.partitions == 1 ? "" : "s");
    if (pass) {
      b.append(what).append(", equals the gradient computed on a single node within tolerance, tensor by tensor")
          .append(r.finiteDifference != null ? ", and agrees with finite differences" : "").append('.');
    } else {
      b.append(what).append(", does <strong>not</strong> pass the check:");
    }
    b.append("</p>\n");
    if (!failures.isEmpty()) {
      b.append("<ul class=\"failures\">\n");
      for (String f : failures) b.append("<li>").append(Html.esc(f)).append("</li>\n");
      b.append("</ul>\n");
    }
    if (r.injectedFaultPartition >= 0) {
      b.append("<p class=\"selftest\">Self-test: this run corrupted one element of partition ")
          .append(r.injectedFaultPartition).append("'s ").append(Html.esc(r.injectedFaultTensor))
          .append(" on purpose (<code>--inject-fault ").append(r.injectedFaultPartition)
          .append("</code>, one flipped mantissa bit), so the check is expected to fail.</p>\n");
    }
    return b.append("</div>\n</header>\n").toString();
  }

  /**
   * {@link CheckResult#failures()} in the page's number format; the check's own lines when a kind of
   * failure appears that this page does not know yet.
   */
  static List<String> failures(CheckResult r) {
    List<String> out = new ArrayList<>();
    if (r.nonFinitePartition >= 0) {
      out.add("NaN or ∞ in " + r.nonFiniteTensor + ", first in partition " + r.nonFinitePartition);
    }
    for (TensorComparison t : r.tensors) {
      if (t.pass) continue;
      Discrepancy d = t.discrepancy;
      out.add(d.nonFinite() > 0 ? t.name + ": " + Html.count(d.nonFinite()) + " elements are NaN or ∞"
          : t.name + ": the distributed gradient differs from the single-node one by up to " + Html.sci(d.maxAbsDiff())
              + ", " + Html.sci(d.relative()) + " of its largest element (" + Html.sci(d.maxAbsReference())
              + "); the tolerance is " + Html.tol(t.rtol) + " of that plus each element's floor (at most "
              + Html.sci(d.maxFloor()) + ")");
    }
    if (r.verification != null) {
      for (PartitionVerification.Deviation d : r.verification.deviations) {
        out.add("partition " + d.record.partition + " (executor " + d.record.executorId + ", host " + d.record.host
            + "): its partial sums differ from the driver's recomputation by up to " + Html.sci(d.discrepancy.maxAbsDiff()));
      }
    }
    if (r.finiteDifference != null && !r.finiteDifference.pass) {
      out.add("finite differences disagree with the gradient beyond " + Html.tol(r.finiteDifference.rtol) + " · ‖∇L‖ + "
          + Html.sci(r.finiteDifference.floor));
    }
    return out.size() == r.failures().size() ? out : r.failures();
  }
}
