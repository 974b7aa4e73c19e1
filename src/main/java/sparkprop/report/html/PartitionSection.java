package sparkprop.report.html;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.check.CheckResult;
import sparkprop.compare.PartitionVerification;

/** The partitions: a chart of rows and time, and a table of where each ran; deviating partitions in red. */
final class PartitionSection {
  static final int WIDTH = 900;
  static final int HEIGHT = 380;
  /** Table rows shown at most; deviating partitions are always among them. */
  static final int MAX_ROWS = 64;

  private PartitionSection() {}

  static ChartFigure figure(CheckResult r) {
    Set<Integer> bad = r.verification == null ? null : deviating(r).keySet();
    return new ChartFigure("partitions", PartitionChart.chart(r.partitionRecords, bad), WIDTH, HEIGHT);
  }

  static String html(CheckResult r, ChartFigure chart) {
    Map<Integer, PartitionVerification.Deviation> bad = deviating(r);
    StringBuilder b = new StringBuilder("<section id=\"partitions\">\n<h2>The partitions</h2>\n<p>");
    if (r.verification == null) {
      b.append("Not verified one by one: run with <code>--verify-partitions true</code> to have the driver recompute ")
          .append("each partition from storage and name the executor and host of any partition whose result differs.");
    } else if (bad.isEmpty()) {
      b.append("The driver read every partition again from storage and recomputed it (<code>--verify-partitions</code>): all ")
          .append(r.verification.partitionsChecked).append(" results the executors sent match (rtol ")
          .append(Html.tol(r.verification.rtol)).append(").");
    } else {
      b.append("The driver read every partition again from storage and recomputed it (<code>--verify-partitions</code>): ")
          .append("<strong class=\"bad-text\">").append(bad.size()).append(" of ").append(r.verification.partitionsChecked)
          .append(bad.size() == 1 ? " differs" : " differ").append("</strong> from what its executor sent (red below): ");
      String sep = "";
      for (PartitionVerification.Deviation d : bad.values()) {
        b.append(sep).append("partition ").append(d.record.partition).append(" on executor ")
            .append(Html.esc(d.record.executorId)).append(", host <strong>").append(Html.esc(d.record.host)).append("</strong>");
        sep = "; ";
      }
      b.append('.');
    }
    b.append("</p>\n").append(chart.html(null));
    b.append(table(r, bad));
    return b.append("</section>\n").toString();
  }

  private static String table(CheckResult r, Map<Integer, PartitionVerification.Deviation> bad) {
    Set<Integer> shown = new LinkedHashSet<>(bad.keySet());
    for (PartitionRecord p : r.partitionRecords) {
      if (shown.size() >= MAX_ROWS) break;
      shown.add(p.partition);
    }
    StringBuilder b = new StringBuilder("<table class=\"partitions\">\n<thead>")
        .append(Html.headerRow("partition", "rows", "compute time (ms)", "executor", "host", "attempt", "recomputed on the driver"))
        .append("</thead>\n<tbody>\n");
    for (PartitionRecord p : r.partitionRecords) {
      if (!shown.contains(p.partition)) continue;
      PartitionVerification.Deviation d = bad.get(p.partition);
      String check = r.verification == null ? "not verified"
          : d == null ? "matches" : "differs by up to " + Html.sci(d.discrepancy.maxAbsDiff()) + " in its partial sums";
      String fault = p.partition == r.injectedFaultPartition
          ? " (the fault was injected here: <code>--inject-fault " + p.partition + "</code>)" : "";
      b.append("<tr class=\"").append(d == null ? "ok" : "bad").append("\">")
          .append("<td class=\"num\">").append(p.partition).append("</td>")
          .append("<td class=\"num\">").append(Html.count(p.rows)).append("</td>")
          .append("<td class=\"num\">").append(Html.count(p.millis)).append("</td>")
          .append("<td>").append(Html.esc(p.executorId)).append("</td>")
          .append("<td>").append(Html.esc(p.host)).append("</td>")
          .append("<td class=\"num\">").append(p.attempt).append("</td>")
          .append("<td>").append(Html.esc(check)).append(fault).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
    int hidden = r.partitionRecords.size() - shown.size();
    if (hidden > 0) b.append("<p class=\"note\">").append(Html.count(hidden)).append(" more partitions not listed (all in report.json).</p>\n");
    return b.toString();
  }

  private static Map<Integer, PartitionVerification.Deviation> deviating(CheckResult r) {
    Map<Integer, PartitionVerification.Deviation> out = new TreeMap<>();
    if (r.verification != null) {
      for (PartitionVerification.Deviation d : r.verification.deviations) out.put(d.record.partition, d);
    }
    return out;
  }
}
