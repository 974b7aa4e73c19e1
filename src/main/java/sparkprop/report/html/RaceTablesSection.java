package sparkprop.report.html;

import java.util.Locale;
import sparkprop.bench.RaceResult;

/**
 * Below the race's chart: MLlib's fits (one row per maxIter), sparkprop's runs (one row per seed,
 * then the median), and what was raced on, the recipe as a user types it.
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
          .append(num(RaceCurves.percent(f.accuracy()) + (f == ref ? " (target)" : "")))
          .append(num(share(f.otherLoad()))).append("</tr>\n");
    }
    return b.append("</tbody>\n</table>\n</section>\n").toString();
  }

  private static String runs(RaceResult race) {
    StringBuilder b = new StringBuilder("<section id=\"runs\">\n<h2>sparkprop's runs</h2>\n<p>")
        .append("One run per seed of the recipe below; time is train_seconds as history.csv defines it, the steps")
        .append(" and their checks against the single-node reference (step 0's included), without the evaluations.")
        .append(" Other load: other processes' share of the CPUs during the run.</p>\n");
    if (race.sparkprop().isEmpty()) return b.append("<p>No run: MLlib's accuracy left nothing to race to.</p>\n</section>\n").toString();
    b.append("<table class=\"race runs\">\n<thead>\n")
        .append(Html.headerRow("seed", "reached the target", "seconds to target", "step 0 s", "median step s",
            "checks", "final accuracy", "other load"))
        .append("</thead>\n<tbody>\n");
    for (RaceResult.Run r : race.sparkprop()) {
      String reached = r.reached() ? "before step " + r.reachedStep()
          : "<span class=\"bad-text\">not in " + Html.count(r.steps().count()) + (r.steps().count() == 1 ? " step" : " steps")
              + "</span>";
      b.append(r.reached() ? "<tr class=\"ok\">" : "<tr>")
          .append("<td>").append(r.seed())
          .append(r.stopped() == null ? "" : "<br><span class=\"note\">stopped: " + Html.esc(r.stopped()) + "</span>")
          .append("</td><td>").append(reached).append("</td>")
          .append(num(r.reached() ? fixed(r.secondsToTarget(), 1) : "—")).append(num(fixed(r.steps().firstSeconds(), 2)))
          .append(num(fixed(r.steps().medianSeconds(), 3))).append(num(Integer.toString(r.steps().checks())))
          .append(num(RaceCurves.percent(r.finalAccuracy()))).append(num(share(r.otherLoad()))).append("</tr>\n");
    }
    double[] sorted = race.sortedSeconds();
    b.append("<tr class=\"target\"><td><strong>median</strong></td><td>")
        .append(race.reachedCount()).append(" of ").append(race.sparkprop().size()).append(" reached it</td>")
        .append(num("<strong>" + (Double.isFinite(race.medianSeconds()) ? fixed(race.medianSeconds(), 1) : "not reached")
            + "</strong>"))
        .append("<td colspan=\"5\">spread ").append(fixed(sorted[0], 1)).append("–")
        .append(Double.isFinite(sorted[sorted.length - 1]) ? fixed(sorted[sorted.length - 1], 1) + " s" : "not reached")
        .append("</td></tr>\n");
    return b.append("</tbody>\n</table>\n</section>\n").toString();
  }

  private static String settings(RaceResult race, String commandLine) {
    return "<section id=\"settings\">\n<h2>The race</h2>\n<table class=\"settings\">\n<tbody>\n"
        + "<tr><th>network</th><td>" + Html.esc(race.network()) + ", sigmoid hidden layer, softmax/cross-entropy</td></tr>\n"
        + "<tr><th>training rows</th><td>" + Html.count(race.trainRows()) + " in " + Html.count(race.partitions())
        + (race.partitions() == 1 ? " partition" : " partitions") + ", cached, the same for both</td></tr>\n"
        + "<tr><th>test rows</th><td>" + Html.count(race.testRows()) + " (<code>" + Html.esc(race.testData())
        + "</code>)</td></tr>\n"
        + "<tr><th>target accuracy</th><td>" + RaceCurves.percent(race.target()) + "</td></tr>\n"
        + "<tr><th>sparkprop's recipe</th><td><code>" + Html.esc(race.recipe()) + "</code>, S = "
        + seedList(race) + "</td></tr>\n"
        + "<tr><th>command</th><td><code>" + Html.esc(commandLine) + "</code></td></tr>\n"
        + "</tbody>\n</table>\n</section>\n";
  }

  private static String seedList(RaceResult race) {
    StringBuilder b = new StringBuilder();
    for (RaceResult.Run r : race.sparkprop()) b.append(b.length() == 0 ? "" : ", ").append(r.seed());
    return b.length() == 0 ? "—" : b.toString();
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
