package sparkprop.report.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import sparkprop.train.TrainResult;

/**
 * The bench race's chart: several accuracy-against-seconds curves on one chart, e.g. "MLlib l-bfgs" against
 * "sparkprop lbfgs float32" to a target accuracy: as inline SVG for an HTML page (no namespace
 * declarations and so no URL; the HTML parser supplies the namespace) or as PNG for slides.
 */
public final class RaceCurves {
  /** Tableau 10: distinct for up to ten curves, then repeated. */
  private static final int[] PALETTE = {0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759, 0x76b7b2, 0xedc948, 0xb07aa1, 0xff9da7,
    0x9c755f, 0xbab0ac};
  public static final int WIDTH = 720;
  public static final int HEIGHT = 420;
  public static final String TITLE = "Accuracy against training seconds";
  /** Curves of up to this many points get a dot at each. */
  static final int MAX_DOTS = 60;

  private RaceCurves() {}

  /**
   * One contestant: its name for the legend, and its accuracies (0…1) at the given seconds since its
   * training began, in increasing time. Arrays are copied; NaN points are left out.
   */
  public record Curve(String name, double[] seconds, double[] accuracy) {
    public Curve {
      Objects.requireNonNull(name, "name");
      if (seconds.length != accuracy.length) {
        throw new IllegalArgumentException(name + ": " + seconds.length + " seconds but " + accuracy.length + " accuracies");
      }
      seconds = seconds.clone();
      accuracy = accuracy.clone();
    }

    /**
     * A sparkprop training run's evaluations: each at the training seconds spent before it
     * (evaluations excluded, as history.csv's train_seconds), the final one after the last step.
     */
    public static Curve of(String name, TrainResult r) {
      List<TrainHistory.EvalPoint> evals = TrainHistory.of(r).evals;
      return new Curve(name, evals.stream().mapToDouble(TrainHistory.EvalPoint::seconds).toArray(),
          evals.stream().mapToDouble(TrainHistory.EvalPoint::accuracy).toArray());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Curve c && name.equals(c.name) && Arrays.equals(seconds, c.seconds)
          && Arrays.equals(accuracy, c.accuracy);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * name.hashCode() + Arrays.hashCode(seconds)) + Arrays.hashCode(accuracy);
    }

    @Override
    public String toString() {
      return "Curve[" + name + ", " + seconds.length + " points]";
    }
  }

  /** {@link #TITLE}, no target line, {@link #WIDTH} × {@link #HEIGHT}: an {@code <svg>} element for an HTML page. */
  public static String svg(List<Curve> curves) {
    return svg(TITLE, curves, Double.NaN, WIDTH, HEIGHT, "train-curves");
  }

  /**
   * @param target an accuracy to draw as a dashed line (the race's finish), or NaN for none
   * @param id     the svg element's id, which also prefixes its internal ids: distinct per page
   */
  public static String svg(String title, List<Curve> curves, double target, int width, int height, String id) {
    return ChartImages.svg(chart(title, curves, target, height), width, height, id);
  }

  /** The same chart as a PNG, drawn at twice the size for sharp slides. */
  public static byte[] png(String title, List<Curve> curves, double target, int width, int height) {
    return ChartImages.png(chart(title, curves, target, height), width, height);
  }

  /** @param height the chart's height in pixels: the accuracy axis keeps its labels about 30 pixels apart */
  static JFreeChart chart(String title, List<Curve> curves, double target, int height) {
    XYSeriesCollection data = new XYSeriesCollection();
    double low = 1;
    double right = 0;
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Curve c : curves) {
      String name = c.name();
      for (int n = 2; !names.add(name); n++) name = c.name() + " (" + n + ")"; // the legend's keys must differ
      XYSeries s = new XYSeries(name, false, true);
      for (int k = 0; k < c.seconds().length; k++) {
        if (Double.isFinite(c.seconds()[k]) && Double.isFinite(c.accuracy()[k])) {
          s.add(c.seconds()[k], c.accuracy()[k]);
          low = Math.min(low, c.accuracy()[k]);
          right = Math.max(right, c.seconds()[k]);
        }
      }
      data.addSeries(s);
    }
    if (target > 0) low = Math.min(low, target);
    NumberAxis x = new NumberAxis("training seconds");
    x.setAutoRangeIncludesZero(true);
    if (!(right > 0)) x.setRange(0, 1); // no point, or every point at 0 s: an empty range would have no ticks
    NumberAxis y = new NumberAxis("accuracy");
    y.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
    y.setRange(Math.max(0, Math.floor((low - 0.02) * 10) / 10), 1.0);
    double plotHeight = Math.max(60, height - 110);
    double unit = 0.2;
    for (double u : new double[] {0.01, 0.02, 0.05, 0.1, 0.2}) {
      if (y.getRange().getLength() / u * 30 <= plotHeight) {
        unit = u;
        break;
      }
    }
    y.setTickUnit(new NumberTickUnit(unit, NumberFormat.getPercentInstance(Locale.ROOT)));
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setDrawSeriesLineAsPath(true);
    for (int k = 0; k < curves.size(); k++) {
      r.setSeriesPaint(k, new Color(PALETTE[k % PALETTE.length]));
      r.setSeriesStroke(k, new BasicStroke(2f));
      r.setSeriesShape(k, new Ellipse2D.Double(-3, -3, 6, 6));
      // A dot at every point of a short curve (a single point has no line to show it otherwise).
      r.setSeriesShapesVisible(k, data.getSeries(k).getItemCount() <= MAX_DOTS);
    }
    XYPlot plot = new XYPlot(data, x, y, r);
    TrainChart.style(plot);
    if (target > 0) {
      ValueMarker m = new ValueMarker(target, Color.DARK_GRAY, TrainChart.dashed(1f));
      m.setLabel("target " + percent(target));
      m.setLabelFont(TrainChart.LABEL_FONT);
      // Above the line at the left, where curves that start low have not yet risen: on the right the
      // last points sit on the line and the label hid them.
      m.setLabelBackgroundColor(new Color(255, 255, 255, 200));
      m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
      plot.addRangeMarker(m);
    }
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** 86.91%: a target is an accuracy measured on thousands of rows, so two decimals. */
  static String percent(double v) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }
}
