package sparkprop.report.html;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkprop.train.Evaluation;
import sparkprop.train.TrainResult;

/**
 * {@code report.html} of a training run, in one self-contained file as the check's (figures inline,
 * nothing fetched, printable): whether it completed or where and why it stopped, the loss and
 * accuracy against step and against training seconds with the checks marked, the checks' table, the
 * final evaluation's confusion matrix as a heat map, and the run's settings. Long runs are thinned
 * for drawing only; history.csv and report.json keep every step.
 */
public final class TrainReportHtml {
  static final int CHART_WIDTH = 560;
  static final int CHART_HEIGHT = 440;

  private TrainReportHtml() {}

  /** The page, UTF-8, to be written as {@code report.html} beside {@code report.json}. */
  public static byte[] render(TrainResult r) {
    TrainHistory h = TrainHistory.of(r);
    List<ChartFigure> charts = charts(r, h);
    String body = TrainStatusSection.html(r, h)
        + "<nav><a href=\"#curves\">Loss and accuracy</a><a href=\"#checks\">Checks</a>"
        + "<a href=\"#evaluation\">Evaluation</a><a href=\"#settings\">The run</a></nav>\n"
        + curves(r, h, charts)
        + ChecksSection.html(r)
        + evaluation(r)
        + TrainSettingsSection.html(r, h)
        + "<footer class=\"note\"><p>Written by sparkprop; the same run for machines is in report.json, every step in "
        + "history.csv" + (r.completed() ? ", the trained weights in weights.npz" : "")
        + (r.completed() && r.best != null ? ", the best evaluation's in weights-best.npz" : "") + ".</p></footer>\n";
    String title = "sparkprop train: " + (r.completed() ? TrainStatusSection.word(r).toLowerCase(java.util.Locale.ROOT) : "STOPPED") + " — " + r.initial.layout();
    return HtmlPage.render(title, body);
  }

  /**
   * The page's figures as PNG files for slides ({@code --report-png DIR}): file name → PNG bytes:
   * loss-by-step.png, loss-by-seconds.png and, with a final evaluation, confusion.png.
   */
  public static Map<String, byte[]> renderPngs(TrainResult r) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (ChartFigure f : charts(r, TrainHistory.of(r))) out.put(f.name() + ".png", f.png());
    if (r.finalEval != null && r.finalEval.confusion().length <= ConfusionSection.MAX_CLASSES) {
      out.put("confusion.png", ConfusionSection.png(r.finalEval, "Confusion matrix of the final evaluation ("
          + Html.count(r.finalEval.rows()) + " rows, accuracy " + TrainChart.percent(r.finalEval.accuracy()) + ")"));
    }
    return out;
  }

  private static List<ChartFigure> charts(TrainResult r, TrainHistory h) {
    long stopped = TrainStatusSection.failedCheck(r) == null ? TrainStatusSection.stoppedStep(r) : -1;
    double target = r.options.targetAccuracy;
    TrainHistory.EvalPoint best = h.best(r);
    TrainChart.Marks bySteps = new TrainChart.Marks(r.checks, stopped, r.startStep, target, best == null ? Double.NaN : best.step());
    TrainChart.Marks bySeconds = new TrainChart.Marks(List.of(), -1, -1, target, best == null ? Double.NaN : best.seconds());
    return List.of(
        new ChartFigure("loss-by-step", TrainChart.chart(h, false, bySteps), CHART_WIDTH, CHART_HEIGHT),
        new ChartFigure("loss-by-seconds", TrainChart.chart(h, true, bySeconds), CHART_WIDTH, CHART_HEIGHT));
  }

  private static String curves(TrainResult r, TrainHistory h, List<ChartFigure> charts) {
    StringBuilder b = new StringBuilder("<section id=\"curves\">\n<h2>Loss and accuracy</h2>\n<p>");
    b.append("The training loss (blue) is the mean loss over the step's rows")
        .append(r.stepsPerEpoch > 1 ? " (a mini-batch, so it jumps from step to step)" : " (every training row)")
        .append(", with the parameters as they were before that step's update.");
    if (h.hasEvaluations()) {
      b.append(" The evaluation (orange) is measured on rows the run does not train on, every ").append(r.options.evalEvery)
          .append(" steps and after the last; its accuracy, the share of rows predicted right, has its own")
          .append(" axis below.");
    } else {
      b.append(" No evaluation was asked for (<code>--split train</code> or <code>--eval-data</code>).");
    }
    b.append(" Left against the step, with the checks as vertical lines; right against the training seconds, counting")
        .append(" only the steps' own time.</p>\n");
    if (h.size() > TrainChart.MAX_POINTS) {
      b.append("<p class=\"note\">").append(Html.count(h.size())).append(" steps are drawn as about ")
          .append(Html.count(TrainChart.MAX_POINTS)).append(" points that keep each stretch's first, lowest, highest and last")
          .append(" loss; history.csv has every step.</p>\n");
    }
    b.append("<div class=\"charts\">\n");
    for (ChartFigure f : charts) b.append(f.html(null));
    return b.append("</div>\n</section>\n").toString();
  }

  private static String evaluation(TrainResult r) {
    StringBuilder b = new StringBuilder("<section id=\"evaluation\">\n<h2>The final evaluation</h2>\n");
    Evaluation e = r.finalEval;
    if (e == null) {
      String why = r.evalData == null ? "No evaluation was asked for (<code>--split train</code> or <code>--eval-data</code>)."
          : "None: the run stopped before its end, and a stopped run's parameters are not evaluated.";
      return b.append("<p>").append(why).append("</p>\n</section>\n").toString();
    }
    long correct = 0;
    long[][] m = e.confusion();
    for (int i = 0; i < m.length; i++) correct += m[i][i];
    b.append("<table class=\"settings eval\">\n<tbody>\n")
        .append("<tr><th>rows</th><td>").append(Html.count(e.rows())).append("</td></tr>\n")
        .append("<tr><th>accuracy</th><td><strong>").append(TrainChart.percent(e.accuracy())).append("</strong> (")
        .append(Html.count(correct)).append(" of ").append(Html.count(e.rows())).append(" predicted right)</td></tr>\n")
        .append("<tr><th>mean loss</th><td>").append(TrainStatusSection.num(e.loss())).append("</td></tr>\n")
        .append("<tr><th>evaluated after</th><td>")
        .append(r.reachedTarget >= 0 ? Html.count(r.reachedTarget) + " steps (the target accuracy was reached there)"
            : Html.count(r.options.steps) + " steps, the end of the run")
        .append("</td></tr>\n</tbody>\n</table>\n");
    b.append("<h3>Confusion matrix</h3>\n<p>Each row is a true label, each column the class the network predicted")
        .append(r.initial.layout().outputs() == 1 ? " (its one output, rounded)" : " (its largest output)")
        .append("; each cell counts the evaluation rows with that label and prediction.</p>\n")
        .append(ConfusionSection.html(e));
    return b.append("</section>\n").toString();
  }
}
