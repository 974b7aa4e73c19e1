package sparkprop.report.html;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/** A colour scale's legend: a bar with labelled ticks and one sentence, in HTML or drawn on an image. */
final class Legend {
  static final int BAR_WIDTH = 400;
  static final int BAR_HEIGHT = 14;

  private Legend() {}

  static BufferedImage bar(ColourScale scale, int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      int rgb = scale.legendRgb((x + 0.5) / width);
      for (int y = 0; y < height; y++) img.setRGB(x, y, rgb);
    }
    return img;
  }

  static String html(ColourScale scale) {
    StringBuilder b = new StringBuilder("<div class=\"legend\">\n<div class=\"bar\" style=\"width:")
        .append(BAR_WIDTH).append("px\"><img alt=\"colour scale\" width=\"").append(BAR_WIDTH).append("\" height=\"")
        .append(BAR_HEIGHT).append("\" src=\"").append(Png.dataUri(bar(scale, BAR_WIDTH, 1))).append("\">\n");
    for (ColourScale.Tick t : scale.ticks()) {
      // The end labels hang inwards so that they stay under the bar.
      String align = t.position() < 0.02 ? " start" : t.position() > 0.98 ? " end" : "";
      b.append(String.format(Locale.ROOT, "<span class=\"tick%s%s\" style=\"left:%.1f%%\">%s</span>", align,
          t.emphasised() ? " emphasised" : "", 100 * t.position(), Html.esc(t.label())));
    }
    return b.append("</div>\n<p class=\"note\">").append(Html.esc(scale.explanation())).append(".</p>\n</div>\n").toString();
  }

  /** Draws the bar at (x, y) with tick labels under it; returns the height used. */
  static int draw(Graphics2D g, ColourScale scale, int x, int y) {
    g.drawImage(bar(scale, BAR_WIDTH, BAR_HEIGHT), x, y, null);
    g.setColor(Color.GRAY);
    g.drawRect(x, y, BAR_WIDTH - 1, BAR_HEIGHT - 1);
    FontMetrics fm = g.getFontMetrics();
    int textY = y + BAR_HEIGHT + 4 + fm.getAscent();
    g.setColor(Color.DARK_GRAY);
    int lastRight = Integer.MIN_VALUE;
    for (ColourScale.Tick t : scale.ticks()) {
      int tx = x + (int) Math.round(t.position() * (BAR_WIDTH - 1));
      g.drawLine(tx, y + BAR_HEIGHT, tx, y + BAR_HEIGHT + 3);
      int w = fm.stringWidth(t.label());
      int left = Math.max(t.position() < 0.02 ? tx : t.position() > 0.98 ? tx - w : tx - w / 2, lastRight + 6);
      g.setColor(t.emphasised() ? new Color(0xc62828) : Color.DARK_GRAY);
      g.drawString(t.label(), left, textY);
      lastRight = left + w;
    }
    return BAR_HEIGHT + 6 + fm.getHeight();
  }
}
