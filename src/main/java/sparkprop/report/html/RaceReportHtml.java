package sparkprop.report.html;

import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import sparkprop.bench.RaceResult;

/**
 * {@code report.html} of a bench run whose race ran, in one self-contained file as the check's and
 * training's (the chart inline, nothing fetched, printable): how much sooner sparkprop's median seed
 * reached MLlib's test accuracy, MLlib's fits and each seed's accuracy against seconds on one chart
 * with the target as a line, the fits' and runs' tables, and the race's declared recipe. The rest of
 * the bench is in its console tables and bench.json.
 */
public final class RaceReportHtml {
  static final String CHART = "race";
  static final int CHART_WIDTH = 900;
  static final int CHART_HEIGHT = 520;
  static final String MLLIB = "MLlib l-bfgs: whole fit() per maxIter";

  private RaceReportHtml() {}

  /** The page, UTF-8, to be written as {@code report.html} beside {@code bench.json}. */
  public static byte[] render(RaceResult race, String commandLine) {
    String body = RaceVerdictSection.html(race)
        + "<nav><a href=\"#curves\">Accuracy against seconds</a><a href=\"#fits\">MLlib's fits</a>"
        + "<a href=\"#runs\">sparkprop's runs</a><a href=\"#settings\">The race</a></nav>\n"
        + chartSection(race)
        + RaceTablesSection.html(race, commandLine)
        + "<footer class=\"note\"><p>Written by sparkprop bench; the race's every number is in bench.json under "
        + "<code>train_race</code>, the rest of the bench in bench.json and the console's tables.</p></footer>\n";
    return HtmlPage.render("sparkprop bench: race to " + RaceCurves.percent(race.target()) + " — "
        + RaceVerdictSection.word(race), body);
  }

  /** The page's chart as a PNG file for slides ({@code --report-png true}): race.png. */
  public static Map<String, byte[]> renderPngs(RaceResult race) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put(CHART + ".png", figure(race).png());
    return out;
  }

  /**
   * MLlib's fits first (one point each, labelled with its maxIter), then each seed's curve, the target
   * as a dashed line.
   */
  static List<RaceCurves.Curve> curves(RaceResult race, List<String> mllibLabels) {
    List<RaceCurves.Curve> curves = new ArrayList<>();
    int n = race.mllib().size();
    double[] seconds = new double[n];
    double[] accuracy = new double[n];
    for (int k = 0; k < n; k++) {
      RaceResult.MllibFit f = race.mllib().get(k);
      seconds[k] = f.fitSeconds();
      accuracy[k] = f.accuracy();
      mllibLabels.add("maxIter " + f.maxIter());
    }
    curves.add(new RaceCurves.Curve(MLLIB, seconds, accuracy));
    for (RaceResult.Run r : race.sparkprop()) {
      curves.add(new RaceCurves.Curve("sparkprop, seed " + r.seed(), r.curve().seconds(), r.curve().accuracy()));
    }
    return curves;
  }

  static ChartFigure figure(RaceResult race) {
    List<String> labels = new ArrayList<>();
    JFreeChart chart = RaceCurves.chart("Time to MLlib's test accuracy: MLlib against sparkprop", curves(race, labels),
        race.target(), CHART_HEIGHT);
    XYPlot plot = chart.getXYPlot();
    plot.getDomainAxis().setLabel("seconds of training (MLlib: whole fit(), stacking included; sparkprop: its steps, evaluations excluded)");
    plot.getRangeAxis().setLabel("test accuracy (%)");
    XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
    // MLlib's few points say which fit they are; a seed's long curve needs no labels.
    r.setSeriesItemLabelGenerator(0, (data, series, item) -> item < labels.size() ? labels.get(item) : null);
    r.setSeriesItemLabelsVisible(0, true);
    r.setSeriesItemLabelFont(0, new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    r.setSeriesPositiveItemLabelPosition(0,
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
    return new ChartFigure(CHART, chart, CHART_WIDTH, CHART_HEIGHT);
  }

  private static String chartSection(RaceResult race) {
    StringBuilder b = new StringBuilder("<section id=\"curves\">\n<h2>Accuracy against seconds</h2>\n<p>");
    b.append("Both sides train the same ").append(Html.esc(race.network())).append(" network on the same ")
        .append(Html.count(race.trainRows())).append(" cached rows and are scored on the same ")
        .append(Html.count(race.testRows())).append(" test rows. Time counts training only, never the evaluations.</p>\n");
    String caption = "<strong>MLlib</strong>: one point per fit, at fit()'s wall time —"
        + " stacking the rows into blocks included — and that fit's test accuracy; MLlib cannot report its"
        + " accuracy during a fit, so each maxIter is a fit of its own. <strong>sparkprop</strong>: one curve per"
        + " seed of the same recipe, the test accuracy at each evaluation against train_seconds (its steps and their"
        + " checks, evaluations excluded); a run ends at its first evaluation at or above the target, or after its"
        + " last allowed step. The dashed line is the target, " + RaceCurves.percent(race.target())
        + ": the test accuracy of MLlib's longest fit.";
    return b.append(figure(race).html(caption)).append("</section>\n").toString();
  }

  /** 3.34× */
  static String times(double v) {
    return String.format(Locale.ROOT, "%.2f×", v);
  }

  /** 10.7 s; 0.05 s (a tiny race must not read "0.0 s") */
  static String seconds(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, v < 1 ? "%.2f s" : "%.1f s", v) : "—";
  }
}
