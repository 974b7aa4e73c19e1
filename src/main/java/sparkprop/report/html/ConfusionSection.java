package sparkprop.report.html;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import sparkprop.train.Evaluation;

/**
 * The final evaluation's confusion matrix as a heat map: true labels down, predicted classes across,
 * the count in each cell, the cell coloured by its share of the label's rows (blue on the diagonal,
 * orange off it: see {@link ShareScale}); each label's rows and share predicted right at the end of its row.
 */
final class ConfusionSection {
  /** Beyond this many classes the page draws no matrix (report.json has it). */
  static final int MAX_CLASSES = 40;
  private static final int CELL = 40;

  private ConfusionSection() {}

  /** The heat map as an HTML table with its colour legend; empty for no evaluation or too many classes. */
  static String html(Evaluation e) {
    long[][] m = e.confusion();
    int n = m.length;
    if (n == 0) return "";
    if (n > MAX_CLASSES) {
      return "<p class=\"note\">" + n + " classes are too many to draw; the confusion matrix is in report.json.</p>\n";
    }
    StringBuilder b = new StringBuilder("<div class=\"confusion-block\">\n<table class=\"confusion\" id=\"confusion\">\n<thead>\n")
        .append("<tr><th class=\"axis\" rowspan=\"2\">true label ↓</th><th class=\"axis\" colspan=\"").append(n)
        .append("\">predicted →</th><th rowspan=\"2\">rows</th><th rowspan=\"2\">predicted<br>right</th></tr>\n<tr>");
    for (int j = 0; j < n; j++) b.append("<th class=\"class\">").append(j).append("</th>");
    b.append("</tr>\n</thead>\n<tbody>\n");
    for (int i = 0; i < n; i++) {
      long rows = 0;
      for (long v : m[i]) rows += v;
      b.append("<tr><th class=\"class\">").append(i).append("</th>");
      for (int j = 0; j < n; j++) {
        int rgb = scale(i, j).rgb(rows == 0 ? 0 : m[i][j] / (double) rows);
        b.append("<td class=\"cell").append(i == j ? " diagonal" : "").append(m[i][j] == 0 ? " zero" : "")
            .append("\" data-label=\"").append(i).append("\" data-predicted=\"").append(j).append("\" style=\"background:")
            .append(hex(rgb)).append(ShareScale.dark(rgb) ? ";color:#fff" : "").append("\">").append(m[i][j]).append("</td>");
      }
      b.append("<td class=\"num\">").append(Html.count(rows)).append("</td><td class=\"num\">")
          .append(rows == 0 ? "–" : TrainChart.percent(m[i][i] / (double) rows)).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n<div class=\"legends\">\n").append(Legend.html(ShareScale.RIGHT))
        .append(Legend.html(ShareScale.WRONG)).append("</div>\n</div>\n");
    return b.toString();
  }

  /** The same heat map as a picture for slides, drawn at {@link ChartImages#PNG_SCALE} times, as the charts. */
  static byte[] png(Evaluation e, String title) {
    long[][] m = e.confusion();
    int n = m.length;
    int left = 56;
    int top = 64;
    int width = Math.max(left + n * CELL + 24, 2 * 16 + 2 * Legend.BAR_WIDTH + 40);
    int height = top + n * CELL + 16 + 62;
    double scale = ChartImages.PNG_SCALE;
    BufferedImage img = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.scale(scale, scale);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(title, 16, 22);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      FontMetrics fm = g.getFontMetrics();
      g.setColor(Color.DARK_GRAY);
      g.drawString("predicted →", left, top - 22);
      g.drawString("true ↓", 8, top - 6);
      for (int i = 0; i < n; i++) {
        long rows = 0;
        for (long v : m[i]) rows += v;
        String label = String.valueOf(i);
        g.setColor(Color.DARK_GRAY);
        g.drawString(label, left + i * CELL + (CELL - fm.stringWidth(label)) / 2, top - 6);
        g.drawString(label, left - 10 - fm.stringWidth(label), top + i * CELL + (CELL + fm.getAscent()) / 2 - 2);
        for (int j = 0; j < n; j++) {
          int rgb = scale(i, j).rgb(rows == 0 ? 0 : m[i][j] / (double) rows);
          g.setColor(new Color(rgb));
          g.fillRect(left + j * CELL, top + i * CELL, CELL, CELL);
          g.setColor(new Color(0xe0e0e0));
          g.drawRect(left + j * CELL, top + i * CELL, CELL, CELL);
          String count = String.valueOf(m[i][j]);
          g.setColor(ShareScale.dark(rgb) ? Color.WHITE : m[i][j] == 0 ? new Color(0xb0b0b0) : Color.BLACK);
          g.drawString(count, left + j * CELL + (CELL - fm.stringWidth(count)) / 2,
              top + i * CELL + (CELL + fm.getAscent()) / 2 - 2);
        }
      }
      int legendTop = top + n * CELL + 16;
      g.setColor(Color.DARK_GRAY);
      g.drawString("right (the diagonal), share of the label's rows", 16, legendTop + 10);
      g.drawString("wrong (elsewhere), share of the label's rows", 16 + Legend.BAR_WIDTH + 40, legendTop + 10);
      Legend.draw(g, ShareScale.RIGHT, 16, legendTop + 16);
      Legend.draw(g, ShareScale.WRONG, 16 + Legend.BAR_WIDTH + 40, legendTop + 16);
    } finally {
      g.dispose();
    }
    return Png.encode(img);
  }

  /** Blue for the diagonal, orange elsewhere. */
  static ShareScale scale(int label, int predicted) {
    return label == predicted ? ShareScale.RIGHT : ShareScale.WRONG;
  }

  static String hex(int rgb) {
    return String.format(java.util.Locale.ROOT, "#%06x", rgb & 0xffffff);
  }
}
