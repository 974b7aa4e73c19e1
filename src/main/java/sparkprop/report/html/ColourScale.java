package sparkprop.report.html;

import java.util.List;

/**
 * How a tile maps numbers to colours, and how its legend explains that: a bar running from position
 * 0 to 1 with labelled ticks.
 */
interface ColourScale {
  /** One labelled mark on the legend bar; an emphasised one (the tolerance) is drawn in red. */
  record Tick(double position, String label, boolean emphasised) {
    Tick(double position, String label) {
      this(position, label, false);
    }
  }

  /** The colour (0xRRGGBB) of one value. */
  int rgb(double value);

  /** The colour at a position 0…1 along the legend bar. */
  int legendRgb(double position);

  List<Tick> ticks();

  /** What the colours mean, in one sentence for the legend. */
  String explanation();

  /** Linear interpolation between evenly spaced colour stops, t in [0, 1]. */
  static int interpolate(int[] stops, double t) {
    double x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
    int i = Math.min((int) x, stops.length - 2);
    double f = x - i;
    int a = stops[i];
    int b = stops[i + 1];
    int r = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
    int g = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
    int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
    return (r << 16) | (g << 8) | bl;
  }
}
