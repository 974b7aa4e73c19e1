package sparkprop.report.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import sparkprop.train.StepCheck;

/**
 * The training curves against the step or the training seconds: the loss on top (log scale when it
 * falls by a factor of 3 or more), the evaluation's accuracy below on its own axis, and, against the
 * step, every check as a vertical line: green passed, red failed.
 */
final class TrainChart {
  static final Color TRAIN = new Color(0x4e79a7);
  static final Color EVAL = new Color(0xf28e2b);
  static final Color CHECK_PASSED = new Color(0x1a7f37);
  static final Color CHECK_FAILED = new Color(0xd62728);
  static final Color RESUMED = new Color(0x8c8c8c);
  static final Color BEST = new Color(0x7b3294);
  /** Points drawn per curve at most; history.csv and report.json keep every step. */
  static final int MAX_POINTS = 1000;
  /** Passed checks drawn at most (evenly chosen); failed ones always. */
  static final int MAX_CHECK_LINES = 100;
  /** Evaluation points drawn per curve at most. */
  static final int MAX_EVAL_POINTS = 300;
  /** Curves of up to this many points get a dot at each. */
  static final int MAX_DOTS = 40;
  static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

  private TrainChart() {}

  /**
   * What a chart marks besides its curves.
   *
   * @param checks the checks to mark (against the step only); may be empty
   * @param stoppedAt the step a non-finite number stopped the run at, or -1 (against the step only)
   * @param resumedAt the step the run resumed at, or 0 (against the step only)
   * @param target the target accuracy to draw, or 0
   * @param best where the best evaluation ({@code --keep-best}) sits on the x axis (its step or seconds), or NaN
   */
  record Marks(List<StepCheck> checks, long stoppedAt, long resumedAt, double target, double best) {}

  static JFreeChart chart(TrainHistory h, boolean bySeconds, Marks marks) {
    List<StepCheck> checks = marks.checks();
    long stoppedAt = marks.stoppedAt();
    long resumedAt = marks.resumedAt();
    double target = marks.target();
    NumberAxis x = new NumberAxis(bySeconds ? "training seconds (cumulated; evaluations not counted)" : "step");
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
    plot.setGap(8);
    plot.add(lossPlot(h, bySeconds), 3);
    XYPlot accuracy = h.hasEvaluations() ? accuracyPlot(h, bySeconds, target) : null;
    if (accuracy != null) plot.add(accuracy, 2);
    if (bySeconds) {
      x.setAutoRangeIncludesZero(true);
    } else {
      x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
      double last = Math.max(h.lastStep(), stoppedAt);
      for (StepCheck c : checks) last = Math.max(last, c.step);
      x.setRange(-0.02 * Math.max(last, 1), last + 0.02 * Math.max(last, 1) + 0.5);
      for (XYPlot p : plot.getSubplots()) {
        boolean top = p == plot.getSubplots().get(0); // labels once, on the loss
        markChecks(p, checks, top);
        if (stoppedAt >= 0) {
          p.addDomainMarker(marker(stoppedAt, CHECK_FAILED, 2f, true, top ? "stopped" : null, p), Layer.FOREGROUND);
        }
        if (resumedAt > 0) p.addDomainMarker(marker(resumedAt, RESUMED, 1f, true, top ? "resumed" : null, p), Layer.BACKGROUND);
      }
    }
    if (!Double.isNaN(marks.best())) {
      for (XYPlot p : plot.getSubplots()) {
        boolean top = p == plot.getSubplots().get(0);
        p.addDomainMarker(marker(marks.best(), BEST, 1.5f, true, top ? "best" : null, p), Layer.FOREGROUND);
      }
    }
    LegendItemCollection legend = legend(h, bySeconds ? List.of() : checks, accuracy != null);
    if (!Double.isNaN(marks.best())) legend.add(line("best evaluation", BEST));
    plot.setFixedLegendItems(legend);
    String title = (h.hasEvaluations() ? "Loss and accuracy" : "Loss") + (bySeconds ? " against training time" : " against step");
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static XYPlot lossPlot(TrainHistory h, boolean bySeconds) {
    XYSeries train = new XYSeries("training loss", false, true);
    for (int k : TrainHistory.thin(h.loss, MAX_POINTS)) {
      train.add(bySeconds ? h.secondsBefore[k] : h.steps[k], h.loss[k]);
    }
    XYSeries eval = new XYSeries("evaluation loss", false, true);
    for (int k : TrainHistory.thin(h.evals.stream().mapToDouble(TrainHistory.EvalPoint::loss).toArray(), MAX_EVAL_POINTS)) {
      TrainHistory.EvalPoint e = h.evals.get(k);
      eval.add(bySeconds ? e.seconds() : e.step(), e.loss());
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(train);
    data.addSeries(eval);
    XYPlot plot = new XYPlot(data, null, lossAxis(h), renderer(h.size() <= MAX_DOTS, h.evals.size() <= MAX_DOTS, true));
    style(plot);
    return plot;
  }

  /** Log scale when every loss is positive and the largest is 3× the smallest or more; linear otherwise. */
  static ValueAxis lossAxis(TrainHistory h) {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (double v : h.loss) {
      if (Double.isFinite(v)) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    for (TrainHistory.EvalPoint e : h.evals) {
      if (Double.isFinite(e.loss())) {
        low = Math.min(low, e.loss());
        high = Math.max(high, e.loss());
      }
    }
    if (low > 0 && high / low >= 3) return new NiceLogAxis("mean loss (log scale)", low / 1.15, high * 1.15);
    NumberAxis y = new NumberAxis("mean loss");
    y.setAutoRangeIncludesZero(false);
    return y;
  }

  private static XYPlot accuracyPlot(TrainHistory h, boolean bySeconds, double target) {
    XYSeries acc = new XYSeries("evaluation accuracy", false, true);
    double low = 1;
    for (int k : TrainHistory.thin(h.evals.stream().mapToDouble(TrainHistory.EvalPoint::accuracy).toArray(), MAX_EVAL_POINTS)) {
      TrainHistory.EvalPoint e = h.evals.get(k);
      if (!Double.isFinite(e.accuracy())) continue;
      acc.add(bySeconds ? e.seconds() : e.step(), e.accuracy());
      low = Math.min(low, e.accuracy());
    }
    if (target > 0) low = Math.min(low, target);
    NumberAxis y = new NumberAxis("accuracy");
    y.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
    y.setRange(Math.max(0, Math.floor((low - 0.02) * 10) / 10), 1.0);
    XYPlot plot = new XYPlot(new XYSeriesCollection(acc), null, y, renderer(h.evals.size() <= MAX_DOTS, false, false));
    plot.getRenderer().setSeriesPaint(0, EVAL);
    style(plot);
    if (target > 0) {
      ValueMarker m = new ValueMarker(target, Color.DARK_GRAY, dashed(1f));
      m.setLabel("target " + percent(target));
      m.setLabelFont(LABEL_FONT);
      m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
      m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
      plot.addRangeMarker(m);
    }
    return plot;
  }

  /** A few checks get bold lines; many get thin, paler ones so that they do not bury the curves. */
  private static void markChecks(XYPlot plot, List<StepCheck> checks, boolean labelled) {
    long passed = checks.stream().filter(StepCheck::pass).count();
    long every = Math.max(1, (passed + MAX_CHECK_LINES - 1) / MAX_CHECK_LINES);
    boolean few = passed <= 30;
    long n = 0;
    for (StepCheck c : checks) {
      if (c.pass()) {
        if (n++ % every != 0) continue;
        ValueMarker m = marker(c.step, CHECK_PASSED, few ? 1.5f : 1f, false, null, plot);
        m.setAlpha(few ? 0.75f : 0.45f);
        plot.addDomainMarker(m, Layer.BACKGROUND);
      } else {
        plot.addDomainMarker(marker(c.step, CHECK_FAILED, 2f, false, labelled ? "check failed: " + c.failed : null, plot),
            Layer.FOREGROUND);
      }
    }
  }

  private static ValueMarker marker(double at, Color colour, float width, boolean dashed, String label, XYPlot plot) {
    ValueMarker m = new ValueMarker(at, colour, dashed ? dashed(width) : new BasicStroke(width));
    if (label != null && plot != null) {
      m.setLabel(label);
      m.setLabelFont(LABEL_FONT);
      m.setLabelPaint(colour);
      m.setLabelBackgroundColor(new Color(255, 255, 255, 200));
      m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    }
    return m;
  }

  private static LegendItemCollection legend(TrainHistory h, List<StepCheck> checks, boolean accuracy) {
    LegendItemCollection items = new LegendItemCollection();
    items.add(line("training loss", TRAIN));
    if (h.hasEvaluations()) items.add(line(accuracy ? "evaluation: loss and accuracy" : "evaluation loss", EVAL));
    if (checks.stream().anyMatch(StepCheck::pass)) items.add(line("check passed", CHECK_PASSED));
    if (checks.stream().anyMatch(c -> !c.pass())) items.add(line("check failed", CHECK_FAILED));
    return items;
  }

  private static LegendItem line(String label, Color colour) {
    LegendItem item = new LegendItem(label, null, null, null, new java.awt.geom.Line2D.Double(-7, 0, 7, 0),
        new BasicStroke(2f), colour);
    return item;
  }

  /** Lines, with a dot at each point when there are few: series 0 training (evaluation in the accuracy plot), 1 evaluation. */
  private static XYLineAndShapeRenderer renderer(boolean dots0, boolean dots1, boolean lossPlot) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setDrawSeriesLineAsPath(true);
    r.setDrawOutlines(false);
    Shape dot = new Ellipse2D.Double(-2.5, -2.5, 5, 5);
    r.setSeriesPaint(0, lossPlot ? TRAIN : EVAL);
    r.setSeriesStroke(0, new BasicStroke(1.5f));
    r.setSeriesShape(0, dot);
    r.setSeriesShapesVisible(0, dots0);
    r.setSeriesPaint(1, EVAL);
    r.setSeriesStroke(1, new BasicStroke(1.5f));
    r.setSeriesShape(1, dot);
    r.setSeriesShapesVisible(1, dots1);
    return r;
  }

  static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xe4e4e4));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    plot.setDomainGridlineStroke(new BasicStroke(0.5f));
    plot.setRangeGridlineStroke(new BasicStroke(0.5f));
    plot.setOutlinePaint(new Color(0xb0b0b0));
  }

  static Stroke dashed(float width) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 3}, 0);
  }

  static String percent(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
