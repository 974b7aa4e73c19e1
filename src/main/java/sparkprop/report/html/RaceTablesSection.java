package sparkprop.report.html;

import java.util.Locale;
import sparkprop.bench.RaceResult;

/**
 * Below the race's chart: MLlib's fits (one row per maxIter), sparkprop's runs (one row per
 * candidate, the fastest marked), and what was raced on.
 */
final class RaceTablesSection {
  private RaceTablesSection() {}

  static String html(RaceResult race, String commandLine) {
    return fits(race) + runs(race) + settings(race, commandLine);
  }

  private static String fits(RaceResult race) {
    StringBuilder b = new StringBuilder("<section id=\"fits\">\n<h2>MLlib's fits</h2>\n<p>")
        .append("<code>MultilayerPerceptronClassifier</code>, solver l-bfgs (tol 1e-6), blockSize ")
        .append(race.blockSize()).append(", one fit per maxIter. The longest fit's test accuracy is the target. Other load:")
        .append(" other processes' share of the CPUs during the fit.</p>\n")
        .append("<table class=\"race fits\">\n<thead>\n")
        .append(Html.headerRow("maxIter", "iterations", "fit s (all of fit())", "iterating s", "test accuracy",
            "other load"))
        .append("</thead>\n<tbody>\n");
    RaceResult.MllibFit ref = race.reference();
    for (RaceResult.MllibFit f : race.mllib()) {
      b.append(f == ref ? "<tr class=\"target\">" : "<tr>")
          .append(num(Integer.toString(f.maxIter()))).append(num(Integer.toString(f.iterations())))
          .append(num(fixed(f.fitSeconds(), 1))).append(num(fixed(f.iteratingSeconds(), 1)))
          .append(num(TrainCurves.percent(f.accuracy()) + (f == ref ? " (target)" : "")))
          .append(num(share(f.otherLoad()))).append("</tr>\n");
    }
    return b.append("</tbody>\n</table>\n</section>\n").toString();
  }

  private static String runs(RaceResult race) {
    StringBuilder b = new StringBuilder("<section id=\"runs\">\n<h2>sparkprop's runs</h2>\n<p>")
        .append("L-BFGS on the full batch, one run per setting; time is the sum of the steps' own seconds, without")
        .append(" the evaluation before each step. Step 0 includes the gradient's check against the single-node")
        .append(" reference; other load: other processes' share of the CPUs during the run.</p>\n");
    if (race.sparkprop().isEmpty()) return b.append("<p>No run (<code>--race-candidates none</code>).</p>\n</section>\n").toString();
    b.append("<table class=\"race runs\">\n<thead>\n")
        .append(Html.headerRow("run", "reached the target", "seconds to target", "step 0 s", "median step s",
            "final accuracy", "other load"))
        .append("</thead>\n<tbody>\n");
    RaceResult.Run best = race.fastest();
    for (RaceResult.Run r : race.sparkprop()) {
      String reached = r.reached() ? "before step " + r.reachedStep() + (r == best ? ", <strong>fastest</strong>" : "")
          : "<span class=\"bad-text\">not in " + Html.count(r.steps()) + (r.steps() == 1 ? " step" : " steps") + "</span>";
      b.append(r == best ? "<tr class=\"ok\">" : "<tr>")
          .append("<td>").append(r == best ? "<strong>" + Html.esc(r.label()) + "</strong>" : Html.esc(r.label()))
          .append(r.stopped() == null ? "" : "<br><span class=\"note\">stopped: " + Html.esc(r.stopped()) + "</span>")
          .append("</td><td>").append(reached).append("</td>")
          .append(num(r.reached() ? fixed(r.secondsToTarget(), 1) : "—")).append(num(fixed(r.firstStepSeconds(), 2)))
          .append(num(fixed(r.medianStepSeconds(), 3))).append(num(TrainCurves.percent(r.finalAccuracy())))
          .append(num(share(r.otherLoad()))).append("</tr>\n");
    }
    return b.append("</tbody>\n</table>\n</section>\n").toString();
  }

  private static String settings(RaceResult race, String commandLine) {
    return "<section id=\"settings\">\n<h2>The race</h2>\n<table class=\"settings\">\n<tbody>\n"
        + "<tr><th>network</th><td>" + Html.esc(race.network()) + ", sigmoid hidden layer, softmax/cross-entropy</td></tr>\n"
        + "<tr><th>training rows</th><td>" + Html.count(race.trainRows()) + " in " + Html.count(race.partitions())
        + (race.partitions() == 1 ? " partition" : " partitions") + ", cached, the same for both</td></tr>\n"
        + "<tr><th>test rows</th><td>" + Html.count(race.testRows()) + " (<code>" + Html.esc(race.testData())
        + "</code>)</td></tr>\n"
        + "<tr><th>target accuracy</th><td>" + TrainCurves.percent(race.target()) + "</td></tr>\n"
        + "<tr><th>command</th><td><code>" + Html.esc(commandLine) + "</code></td></tr>\n"
        + "</tbody>\n</table>\n</section>\n";
  }

  private static String num(String text) {
    return "<td class=\"num\">" + text + "</td>";
  }

  private static String fixed(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "—";
  }

  /** 12% ("—" when not measured). */
  private static String share(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f%%", 100 * v) : "—";
  }
}
