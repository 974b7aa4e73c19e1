package sparkprop.report.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardXYItemLabelGenerator;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * A {@link RelativeHistogram} drawn with JFreeChart: x is log10 ρ (one bar per decade, the ρ = 0 bar
 * at the far left), y the element count on a log scale so that a single element shows, the
 * tolerance a dashed vertical line, bars beyond it red.
 */
final class HistogramChart {
  /** Where the ρ = 0 bar sits on the x axis, left of the (0, 1e-18] bar. */
  static final int ZERO_X = RelativeHistogram.LOWEST - 2;
  static final Color EQUAL = new Color(0x9e9e9e);
  static final Color WITHIN = new Color(0x4e79a7);
  static final Color BEYOND = new Color(0xd62728);

  private HistogramChart() {}

  /**
   * @param title  e.g. "w1 (784, 50)"
   * @param rtol   the tensor's tolerance, where the dashed line goes
   */
  static JFreeChart chart(String title, RelativeHistogram h, double rtol) {
    XYIntervalSeries equal = new XYIntervalSeries("a = b exactly");
    XYIntervalSeries within = new XYIntervalSeries("within tolerance");
    XYIntervalSeries beyond = new XYIntervalSeries("beyond tolerance");
    add(equal, ZERO_X - 0.4, ZERO_X + 0.4, h.zeros);
    add(RelativeHistogram.pow10(RelativeHistogram.LOWEST) >= rtol ? beyond : within, RelativeHistogram.LOWEST - 1,
        RelativeHistogram.LOWEST, h.below);
    for (int k = RelativeHistogram.LOWEST; k < 0; k++) {
      add(RelativeHistogram.pow10(k) >= rtol ? beyond : within, k, k + 1, h.decadeCount(k));
    }
    add(beyond, 0, 1, h.above);
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    data.addSeries(equal);
    data.addSeries(within);
    data.addSeries(beyond);

    NumberAxis x = new NumberAxis("|a − b| / (max|b| + floor/rtol)   (a distributed, b reference; one bar per decade)");
    x.setRange(ZERO_X - 1, 1);
    x.setTickUnit(new NumberTickUnit(2, new DecadeFormat()));
    x.setMinorTickCount(2);
    x.setMinorTickMarksVisible(true);
    long most = Math.max(1, Math.max(h.zeros, Math.max(h.below, h.above)));
    for (long c : h.decades) most = Math.max(most, c);
    LogAxis y = new LogAxis("elements (log scale)");
    y.setBase(10);
    y.setNumberFormatOverride(NumberFormat.getIntegerInstance(java.util.Locale.ROOT));
    y.setRange(0.5, most * 40.0); // room above the tallest bar for its count
    y.setTickUnit(new NumberTickUnit(1));
    y.setMinorTickMarksVisible(false);

    XYBarRenderer bars = new XYBarRenderer();
    bars.setUseYInterval(true);
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, EQUAL);
    bars.setSeriesPaint(1, WITHIN);
    bars.setSeriesPaint(2, BEYOND);
    bars.setDefaultItemLabelGenerator(new StandardXYItemLabelGenerator("{2}", NumberFormat.getIntegerInstance(),
        NumberFormat.getIntegerInstance(java.util.Locale.ROOT)));
    bars.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
    bars.setDefaultItemLabelsVisible(true);
    // Counts stand upright above their bars, so that neighbouring decades' counts never overlap.
    bars.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.CENTER_LEFT,
        TextAnchor.CENTER_LEFT, -Math.PI / 2));
    bars.setItemLabelInsets(new org.jfree.chart.ui.RectangleInsets(3, 3, 3, 3));

    XYPlot plot = new XYPlot(data, x, y, bars);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    ValueMarker line = new ValueMarker(Math.log10(rtol), BEYOND,
        new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 3}, 0));
    line.setLabel("tolerance " + Html.tol(rtol));
    line.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    line.setLabelPaint(BEYOND);
    line.setLabelBackgroundColor(new Color(255, 255, 255, 0));
    line.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    line.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    plot.addDomainMarker(line);

    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(new TextTitle(subtitle(h, rtol), new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
    return chart;
  }

  private static String subtitle(RelativeHistogram h, double rtol) {
    String s = Html.count(h.elements) + " elements; largest |a − b| / (max|b| + floor/rtol) = " + Html.sci(h.largest)
        + (h.largest <= rtol ? " (within " : " (beyond ") + Html.tol(rtol) + ")";
    return h.nonFinite > 0 ? s + "; " + Html.count(h.nonFinite) + " not finite (not drawn)" : s;
  }

  private static void add(XYIntervalSeries s, double from, double to, long count) {
    if (count > 0) s.add((from + to) / 2, from, to, count, 0.5, count);
  }

  /** Labels the x axis in decades: 1e-18 … 1e-2, 1, and "0" under the ρ = 0 bar. */
  static final class DecadeFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double x, StringBuffer to, FieldPosition pos) {
      long k = Math.round(x);
      if (Math.abs(x - k) > 1e-9) return to;
      if (k == ZERO_X) return to.append("0");
      if (k < RelativeHistogram.LOWEST || k > 0) return to;
      return to.append(k == 0 ? "1" : "1e" + k);
    }

    @Override
    public StringBuffer format(long x, StringBuffer to, FieldPosition pos) {
      return format((double) x, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      return null;
    }
  }
}
