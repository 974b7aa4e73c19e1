package sparkprop.report.html;

import sparkprop.bench.RaceResult;

/**
 * The top of the race's page: how many times faster sparkprop reached MLlib's test accuracy (or NOT
 * REACHED) in large letters, then in one sentence which run, in how many seconds, against which of
 * MLlib's fits, and whether the goal (at least 2×) was met.
 */
final class RaceVerdictSection {
  /** sparkprop must reach MLlib's accuracy in at most half of MLlib's fit time (bench.json's goal). */
  static final double GOAL = 2;

  private RaceVerdictSection() {}

  /** For the page's title: "3.34× faster", "0.80× (slower)" or "not reached". */
  static String word(RaceResult race) {
    double s = race.speedup();
    if (!Double.isFinite(s)) return "not reached";
    return RaceReportHtml.times(s) + (s >= 1 ? " faster" : " (slower)");
  }

  static String html(RaceResult race) {
    RaceResult.MllibFit ref = race.reference();
    RaceResult.Run best = race.fastest();
    boolean met = best != null && race.speedup() >= GOAL;
    String target = TrainCurves.percent(race.target());
    StringBuilder b = new StringBuilder("<header class=\"verdict ").append(met ? "pass" : "fail").append("\" id=\"verdict\">\n")
        .append("<div class=\"word long\">").append(best == null ? "NOT REACHED" : RaceReportHtml.times(race.speedup()))
        .append("</div>\n<div class=\"what\">\n<h1>sparkprop against Spark MLlib: time to the same test accuracy</h1>\n<p>");
    String mllib = ref == null ? "MLlib made no fit"
        : "MLlib's l-bfgs fit took " + RaceReportHtml.seconds(ref.fitSeconds()) + " (maxIter " + ref.maxIter()
            + ", " + RaceReportHtml.seconds(ref.iteratingSeconds()) + " of it iterating)";
    if (best != null) {
      b.append("sparkprop reached MLlib's test accuracy <strong>").append(target).append("</strong> in <strong>")
          .append(RaceReportHtml.seconds(best.secondsToTarget())).append("</strong> (").append(Html.esc(best.label()))
          .append(", before step ").append(best.reachedStep()).append("); ").append(mllib).append(": ")
          .append(race.speedup() >= 1 ? "<strong>" + word(race) + "</strong>" : "<strong>MLlib was faster</strong>"
              + " (sparkprop took " + RaceReportHtml.times(1 / race.speedup()) + " as long)")
          .append(".</p>\n<p>")
          .append("Against MLlib's iterations alone: ").append(RaceReportHtml.times(race.iteratingSpeedup()))
          .append(". The goal, at least 2× against the whole fit, is ")
          .append(met ? "met." : "<strong>not</strong> met.");
    } else {
      double bestFinal = -1;
      for (RaceResult.Run r : race.sparkprop()) {
        if (Double.isFinite(r.finalAccuracy())) bestFinal = Math.max(bestFinal, r.finalAccuracy());
      }
      int runs = race.sparkprop().size();
      if (runs == 0) {
        b.append("No sparkprop run took part (<code>--race-candidates none</code>)");
      } else {
        b.append("sparkprop did <strong>not</strong> reach MLlib's test accuracy <strong>").append(target)
            .append("</strong> in ").append(runs == 1 ? "its run" : "any of its " + runs + " runs");
        if (bestFinal >= 0) b.append(" (best final accuracy ").append(TrainCurves.percent(bestFinal)).append(')');
      }
      b.append("; ").append(mllib).append(". The goal, at least 2× faster, is <strong>not</strong> met.");
    }
    return b.append("</p>\n</div>\n</header>\n").toString();
  }
}
