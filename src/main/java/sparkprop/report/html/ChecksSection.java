package sparkprop.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import sparkprop.train.StepCheck;
import sparkprop.train.TrainResult;

/**
 * The checks made along the way: per check its step, the rows compared and the worst relative
 * difference over the tensors and the loss, against the tolerance. Long runs list the first, the
 * last, every failed one and some evenly spaced between; report.json has them all.
 */
final class ChecksSection {
  static final int MAX_ROWS = 24;

  private ChecksSection() {}

  static String html(TrainResult r) {
    StringBuilder b = new StringBuilder("<section id=\"checks\">\n<h2>The checks along the way</h2>\n<p>");
    int every = r.options.checkEvery;
    b.append("Before the first step").append(every > 0 ? " and every " + every + " steps" : "")
        .append(", the step's gradient, summed by Spark across the partitions (a), was compared with the same gradient computed")
        .append(" on one node (b) with the same parameters over the same rows. A check passes when, for every tensor and the loss,")
        .append(" every element has |a − b| ≤ rtol · max|b| + c·ε·S (rtol ").append(Html.tol(TrainStatusSection.tolerance(r, "w1")))
        .append(" in ").append(Html.esc(r.options.model.precision.label()))
        .append("; c·ε·S the element's rounding floor, S the sum of its per-row terms' absolute values, which covers")
        .append(" a gradient that is itself rounding near a stationary point); a failed check stops the run. They are the green and red lines on the chart against step.</p>\n");
    if (r.checks.isEmpty()) return b.append("<p>No check was made: the run made no step.</p>\n</section>\n").toString();
    b.append("<table class=\"checks\">\n<thead>")
        .append(Html.headerRow("step", "rows compared", "worst max|a − b| / max|b|", "in", "rtol", "its largest floor", "result"))
        .append("</thead>\n<tbody>\n");
    List<StepCheck> shown = shown(r.checks);
    for (StepCheck c : shown) {
      int worst = worst(c);
      String name = worst < 0 ? "" : c.names.get(worst);
      String tensor = c.pass() ? name : c.failed;
      int k = c.names.indexOf(tensor);
      double rel = k < 0 ? Double.NaN : c.relative.get(k);
      b.append("<tr class=\"").append(c.pass() ? "ok" : "bad").append("\">")
          .append("<td class=\"num\">").append(c.step).append("</td>")
          .append("<td class=\"num\">").append(Html.count(c.rows)).append("</td>")
          .append("<td class=\"num\">").append(Html.sci(rel)).append("</td>")
          .append("<td><code>").append(Html.esc(tensor)).append("</code></td>")
          .append("<td class=\"num\">").append(Html.tol(TrainStatusSection.tolerance(r, tensor))).append("</td>")
          .append("<td class=\"num\">").append(Html.sci(k < 0 ? Double.NaN : c.floors.get(k))).append("</td>")
          .append("<td class=\"result\">").append(c.pass() ? "passed" : "FAILED").append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
    if (shown.size() < r.checks.size()) {
      b.append("<p class=\"note\">").append(shown.size()).append(" of ").append(Html.count(r.checks.size()))
          .append(" checks listed (the first, the last, every failed one and some between); all are in report.json.</p>\n");
    }
    return b.append("</section>\n").toString();
  }

  /** The tensor (or "loss") with the largest relative difference, NaN counting as largest; -1 for none. */
  static int worst(StepCheck c) {
    int worst = -1;
    for (int k = 0; k < c.relative.size(); k++) {
      double v = c.relative.get(k);
      if (worst < 0 || Double.isNaN(v) || v > c.relative.get(worst)) worst = k;
      if (Double.isNaN(v)) break;
    }
    return worst;
  }

  private static List<StepCheck> shown(List<StepCheck> all) {
    if (all.size() <= MAX_ROWS) return all;
    TreeSet<Integer> keep = new TreeSet<>();
    keep.add(0);
    keep.add(all.size() - 1);
    for (int k = 0; k < all.size(); k++) if (!all.get(k).pass()) keep.add(k);
    int room = MAX_ROWS - keep.size();
    for (int j = 1; j <= room; j++) keep.add((int) ((long) j * (all.size() - 1) / (room + 1)));
    List<StepCheck> out = new ArrayList<>();
    for (int k : keep) out.add(all.get(k));
    return out;
  }
}
