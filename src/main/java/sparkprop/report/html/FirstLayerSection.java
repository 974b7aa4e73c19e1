package sparkprop.report.html;

import java.util.Map;
import sparkprop.check.CheckResult;

/** The first layer's gradient as images: one tile per unit, for the distributed gradient, the reference and the difference. */
final class FirstLayerSection {
  private FirstLayerSection() {}

  static String html(CheckResult r, FirstLayerTiles tiles) {
    StringBuilder b = new StringBuilder("<section id=\"first-layer\">\n<h2>The first layer's gradient as images</h2>\n");
    if (tiles == null) {
      return b.append("<p>The network's ").append(r.layout.inputs())
          .append(" inputs are not a square image, so w1's gradient is not drawn as pictures.</p>\n</section>\n").toString();
    }
    b.append("<p>w1 has one row per input pixel and one column per unit of the first layer. Each tile is one unit's column ")
        .append("laid out as the ").append(tiles.side).append("×").append(tiles.side)
        .append(" input image: how strongly the loss pulls on that unit's weight from each pixel. ")
        .append("The distributed and single-node pictures should look identical; the difference should be blank.</p>\n");
    if (tiles.leftOut() > 0) {
      b.append("<p class=\"note\">Showing ").append(tiles.shown.length).append(" of ").append(tiles.units)
          .append(" units (the first ones, and always the ones with the largest differences); ")
          .append(tiles.leftOut()).append(" units are left out.</p>\n");
    }
    for (FirstLayerTiles.Kind kind : FirstLayerTiles.Kind.values()) {
      b.append(grid(tiles, kind));
    }
    return b.append("</section>\n").toString();
  }

  /** Adds the three grids as PNG files for slides. */
  static void pngs(FirstLayerTiles tiles, Map<String, byte[]> out) {
    if (tiles == null) return;
    for (FirstLayerTiles.Kind kind : FirstLayerTiles.Kind.values()) {
      out.put("first-layer-" + id(kind) + ".png", TileGridPng.render(tiles, kind, "w1 gradient per unit. " + kind.title));
    }
  }

  private static String grid(FirstLayerTiles tiles, FirstLayerTiles.Kind kind) {
    int px = tiles.side * FirstLayerTiles.SCALE;
    StringBuilder b = new StringBuilder("<div class=\"tiles-block\" id=\"tiles-").append(id(kind)).append("\">\n<h3>")
        .append(Html.esc(kind.title)).append("</h3>\n").append(Legend.html(tiles.scale(kind)));
    if (kind == FirstLayerTiles.Kind.DIFFERENCE) b.append(differenceSummary(tiles));
    b.append("<div class=\"tiles\">\n");
    for (int unit : tiles.shown) {
      boolean bad = kind == FirstLayerTiles.Kind.DIFFERENCE && tiles.relativeDifference(unit) > tiles.difference.tolerance();
      b.append("<figure class=\"tile").append(bad ? " bad" : "").append("\" data-unit=\"").append(unit).append("\">")
          .append("<img alt=\"unit ").append(unit).append("\" width=\"").append(px).append("\" height=\"").append(px)
          .append("\" src=\"").append(Png.dataUri(tiles.tile(kind, unit))).append("\">")
          .append("<figcaption>").append(unit).append("</figcaption></figure>\n");
    }
    return b.append("</div>\n</div>\n").toString();
  }

  /** What the difference grid shows, in words: which units fail, or that every tile is blank. */
  private static String differenceSummary(FirstLayerTiles tiles) {
    StringBuilder failing = new StringBuilder();
    int beyond = 0;
    int visible = 0;
    for (int unit = 0; unit < tiles.units; unit++) {
      double rho = tiles.relativeDifference(unit);
      if (rho > tiles.difference.tolerance()) {
        failing.append(beyond++ > 0 ? ", " : "").append(unit);
      } else if (rho >= tiles.difference.floor()) {
        visible++;
      }
    }
    String text;
    if (beyond > 0) {
      text = "<strong class=\"bad-text\">" + (beyond == 1 ? "Unit " : "Units ") + failing + (beyond == 1 ? " holds" : " hold")
          + " an element beyond the tolerance</strong> (framed in red; the red pixel is where the gradients disagree).";
    } else if (visible > 0) {
      text = "No element beyond the tolerance; " + visible + " unit" + (visible == 1 ? " shows" : "s show")
          + " differences between " + Html.tol(tiles.difference.floor()) + " and the tolerance (yellow to orange).";
    } else {
      text = "Every tile is blank: every element agrees to within " + Html.tol(tiles.difference.floor())
          + " of max|reference|.";
    }
    return "<p class=\"summary\">" + text + "</p>\n";
  }

  static String id(FirstLayerTiles.Kind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
