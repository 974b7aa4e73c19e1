package sparkprop.report.html;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A vertical log axis labelled at round numbers (0.2, 0.5, 1, 2 …) rather than JFreeChart's
 * fractional powers of ten: the densest of 1…9, 1-2-3-5, 1-2-5, 1-3 or 1 × 10^k whose labels stay
 * {@link #MIN_GAP} pixels apart, at most {@link #MAX_TICKS} of them; whole decades spaced out beyond that.
 */
final class NiceLogAxis extends LogAxis {
  private static final long serialVersionUID = 1L;
  static final int MAX_TICKS = 9;
  /** Pixels between two labels at least. */
  static final double MIN_GAP = 16;
  private static final double[][] MANTISSAS = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 5}, {1, 2, 5}, {1, 3}, {1}};

  NiceLogAxis(String label, double low, double high) {
    super(label);
    setBase(10);
    setSmallestValue(Double.MIN_NORMAL);
    setMinorTickMarksVisible(false);
    setRange(low, high);
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
    List<NumberTick> ticks = new ArrayList<>();
    TextAnchor anchor = edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
    double decades = Math.log10(getUpperBound() / getLowerBound());
    for (double v : values(getLowerBound(), getUpperBound(), dataArea.getHeight() / decades)) {
      ticks.add(new NumberTick(TickType.MAJOR, v, label(v), anchor, TextAnchor.CENTER, 0.0));
    }
    return ticks;
  }

  /** The round values between low and high where the axis puts its labels, {@code pixelsPerDecade} tall. */
  static List<Double> values(double low, double high, double pixelsPerDecade) {
    int first = (int) Math.floor(Math.log10(low));
    int last = (int) Math.ceil(Math.log10(high));
    for (double[] m : MANTISSAS) {
      List<Double> out = new ArrayList<>();
      for (int k = first; k <= last; k++) {
        for (double a : m) {
          double v = new BigDecimal(a).scaleByPowerOfTen(k).doubleValue();
          if (v >= low && v <= high) out.add(v);
        }
      }
      if (out.size() <= MAX_TICKS && minGap(out) * pixelsPerDecade >= MIN_GAP) return out;
    }
    int every = (int) Math.ceil((last - first + 1) / (double) MAX_TICKS);
    List<Double> out = new ArrayList<>();
    for (int k = first; k <= last; k++) {
      double v = Math.pow(10, k);
      if (k % every == 0 && v >= low && v <= high) out.add(v);
    }
    return out;
  }

  /** The smallest distance in decades between neighbouring values. */
  private static double minGap(List<Double> values) {
    double gap = Double.POSITIVE_INFINITY;
    for (int k = 1; k < values.size(); k++) gap = Math.min(gap, Math.log10(values.get(k) / values.get(k - 1)));
    return gap;
  }

  /** 0.05, 2, 300; 1e-5 and 2e6 beyond four decimals or digits. */
  static String label(double v) {
    if (v >= 1e-4 && v < 1e5) return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    return Html.tol(v);
  }
}
