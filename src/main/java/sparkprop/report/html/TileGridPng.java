package sparkprop.report.html;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** One tile grid as a standalone picture for slides: title, numbered tiles, the colour legend. */
final class TileGridPng {
  private static final int COLUMNS = 8;
  private static final int GAP = 6;
  private static final int MARGIN = 16;

  private TileGridPng() {}

  static byte[] render(FirstLayerTiles tiles, FirstLayerTiles.Kind kind, String title) {
    int tile = tiles.side * FirstLayerTiles.SCALE;
    int label = 14;
    int cols = Math.min(COLUMNS, tiles.shown.length);
    int rows = (tiles.shown.length + cols - 1) / cols;
    int width = Math.max(2 * MARGIN + cols * (tile + GAP) - GAP, 2 * MARGIN + Legend.BAR_WIDTH + 40);
    int gridTop = MARGIN + 24;
    int gridHeight = rows * (label + tile + GAP);
    int height = gridTop + gridHeight + 8 + 40 + MARGIN;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(title, MARGIN, MARGIN + 12);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      FontMetrics fm = g.getFontMetrics();
      for (int n = 0; n < tiles.shown.length; n++) {
        int unit = tiles.shown[n];
        int x = MARGIN + (n % cols) * (tile + GAP);
        int y = gridTop + (n / cols) * (label + tile + GAP);
        g.setColor(Color.DARK_GRAY);
        g.drawString("unit " + unit, x, y + fm.getAscent());
        g.drawImage(tiles.tile(kind, unit), x, y + label, null);
        boolean bad = kind == FirstLayerTiles.Kind.DIFFERENCE && tiles.relativeDifference(unit) > tiles.difference.tolerance();
        g.setColor(bad ? new Color(0xd62728) : Color.LIGHT_GRAY);
        g.drawRect(x - 1, y + label - 1, tile + 1, tile + 1);
      }
      int legendTop = gridTop + gridHeight + 8;
      if (tiles.leftOut() > 0) {
        g.setColor(Color.DARK_GRAY);
        g.drawString(tiles.leftOut() + " more units not shown", MARGIN + Legend.BAR_WIDTH + 24, legendTop + 12);
      }
      Legend.draw(g, tiles.scale(kind), MARGIN, legendTop);
    } finally {
      g.dispose();
    }
    return Png.encode(img);
  }
}
