package sparkprop.report.html;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A JFreeChart as inline SVG for the page (sharp at any zoom and in print, small) or as PNG for
 * slides. The SVG is meant to sit inside HTML: it carries no namespace declarations (the HTML parser
 * supplies the namespace) and so no URL at all, and its internal ids start with the given id so
 * that several charts on one page never share one.
 */
final class ChartImages {
  /** PNGs are drawn at twice the size for sharp slides. */
  static final double PNG_SCALE = 2;

  static {
    // JFreeChart draws rotated text (the vertical axes' labels) through a TextLayout by default, which
    // an SVG receives as glyph outlines: kilobytes per label and text nobody can select or search.
    // Plain drawString under a rotation is what every Java since 6 draws correctly, in SVG and PNG.
    org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  private ChartImages() {}

  static String svg(JFreeChart chart, int width, int height, String id) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix(id + "-");
    g.setGeomDoubleConverter(ChartImages::twoDecimals);
    chart.draw(g, new Rectangle(0, 0, width, height));
    String svg = g.getSVGElement(id, false, new ViewBox(0, 0, width, height), null, null);
    // The HTML parser puts <svg> in the SVG namespace itself; declarations would only add URLs.
    return svg.replaceAll("\\s+xmlns(:\\w+)?=('[^']*'|\"[^\"]*\")", "");
  }

  static byte[] png(JFreeChart chart, int width, int height) {
    int w = (int) Math.round(width * PNG_SCALE);
    int h = (int) Math.round(height * PNG_SCALE);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.scale(PNG_SCALE, PNG_SCALE);
      chart.draw(g, new Rectangle(0, 0, width, height));
    } finally {
      g.dispose();
    }
    return Png.encode(img);
  }

  private static String twoDecimals(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e9) return Long.toString((long) d);
    String s = String.format(Locale.ROOT, "%.2f", d);
    if (s.endsWith("0")) s = s.substring(0, s.length() - 1);
    return s;
  }
}
