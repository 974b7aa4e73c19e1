package sparkprop.report.html;

import sparkprop.bench.RaceResult;

/**
 * The top of the race's page: how many times faster sparkprop's median seed reached MLlib's test
 * accuracy (or NOT REACHED) in large letters, then in a sentence each seed's time, MLlib's fit, and
 * whether the goal ({@link RaceResult#GOAL}×) was met. Never the best seed alone.
 */
final class RaceVerdictSection {
  private RaceVerdictSection() {}

  /** For the page's title: "3.34× faster", "0.80× (slower)" or "not reached". */
  static String word(RaceResult race) {
    double s = race.speedup();
    if (!(s > 0) || !Double.isFinite(s)) return "not reached";
    return RaceReportHtml.times(s) + (s >= 1 ? " faster" : " (slower)");
  }

  static String html(RaceResult race) {
    RaceResult.MllibFit ref = race.reference();
    double median = race.medianSeconds();
    boolean reached = Double.isFinite(median);
    boolean met = reached && race.speedup() >= RaceResult.GOAL;
    String target = RaceCurves.percent(race.target());
    int runs = race.sparkprop().size();
    StringBuilder b = new StringBuilder("<header class=\"verdict ").append(met ? "pass" : "fail").append("\" id=\"verdict\">\n")
        .append("<div class=\"word long\">").append(reached ? RaceReportHtml.times(race.speedup()) : "NOT REACHED")
        .append("</div>\n<div class=\"what\">\n<h1>sparkprop against Spark MLlib: time to the same test accuracy</h1>\n<p>");
    String mllib = ref == null ? "MLlib made no fit"
        : "MLlib's l-bfgs fit took " + RaceReportHtml.seconds(ref.fitSeconds()) + " (maxIter " + ref.maxIter()
            + ", " + RaceReportHtml.seconds(ref.iteratingSeconds()) + " of it iterating)";
    String goal = "The goal, the median at least " + (int) RaceResult.GOAL + "× faster than MLlib's whole fit, is ";
    if (runs == 0) {
      b.append("No sparkprop run took part: MLlib reached ").append(target).append(", with nothing left above it; ")
          .append(mllib).append('.');
    } else if (reached) {
      b.append("sparkprop reached MLlib's test accuracy <strong>").append(target).append("</strong> in <strong>")
          .append(RaceReportHtml.seconds(median)).append("</strong>, the median of ").append(runs)
          .append(" seeds of one recipe (").append(seeds(race)).append("); ").append(mllib).append(": ")
          .append(race.speedup() >= 1 ? "<strong>" + word(race) + "</strong>" : "<strong>MLlib was faster</strong>"
              + " (sparkprop took " + RaceReportHtml.times(1 / race.speedup()) + " as long)")
          .append(".</p>\n<p>Against MLlib's iterations alone: ").append(RaceReportHtml.times(race.iteratingSpeedup()))
          .append(". ").append(goal).append(met ? "met." : "<strong>not</strong> met.");
    } else {
      b.append("sparkprop's median seed did <strong>not</strong> reach MLlib's test accuracy <strong>").append(target)
          .append("</strong>: ").append(race.reachedCount()).append(" of ").append(runs).append(" seeds did (")
          .append(seeds(race)).append("); ").append(mllib).append(". ").append(goal).append("<strong>not</strong> met.");
    }
    return b.append("</p>\n</div>\n</header>\n").toString();
  }

  /** "seed 0: 12.2 s, seed 1: 11.6 s, seed 2: not reached". */
  private static String seeds(RaceResult race) {
    StringBuilder b = new StringBuilder();
    for (RaceResult.Run r : race.sparkprop()) {
      if (b.length() > 0) b.append(", ");
      b.append("seed ").append(r.seed()).append(": ")
          .append(r.reached() ? RaceReportHtml.seconds(r.secondsToTarget()) : "not reached");
    }
    return b.toString();
  }
}
