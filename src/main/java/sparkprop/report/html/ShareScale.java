package sparkprop.report.html;

import java.util.List;

/**
 * A share 0…1 of a label's rows on one of ColorBrewer's sequential maps, white for none and the
 * darkest colour for all, on a square-root scale so that a confusion of a few percent is plainly
 * visible beside a diagonal of 90%. The confusion matrix paints its diagonal (predicted right) in
 * {@link #RIGHT}'s blues and every other cell (predicted wrong) in {@link #WRONG}'s oranges, so that
 * a frequent mistake stands out as a dark orange cell rather than passing for a correct one.
 */
final class ShareScale implements ColourScale {
  static final ShareScale RIGHT = new ShareScale(
      new int[] {0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b},
      "on the diagonal, blue: the share of the label's rows predicted right");
  static final ShareScale WRONG = new ShareScale(
      new int[] {0xfff5eb, 0xfee6ce, 0xfdd0a2, 0xfdae6b, 0xfd8d3c, 0xf16913, 0xd94801, 0xa63603, 0x7f2704},
      "off the diagonal, orange: the share of the label's rows predicted as that other class (a mistake)");
  static final int NONE = 0xffffff;

  private final int[] stops;
  private final String explanation;

  private ShareScale(int[] stops, String explanation) {
    this.stops = stops;
    this.explanation = explanation;
  }

  @Override
  public int rgb(double share) {
    if (!(share > 0)) return NONE;
    return ColourScale.interpolate(stops, Math.sqrt(Math.min(1, share)));
  }

  @Override
  public int legendRgb(double position) {
    return position <= 0 ? NONE : ColourScale.interpolate(stops, position);
  }

  /** Dark cells take white text. */
  static boolean dark(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    return 0.299 * r + 0.587 * g + 0.114 * b < 140;
  }

  @Override
  public List<Tick> ticks() {
    return List.of(new Tick(0, "0"), new Tick(Math.sqrt(0.01), "1%"), new Tick(Math.sqrt(0.05), "5%"),
        new Tick(Math.sqrt(0.25), "25%"), new Tick(Math.sqrt(0.5), "50%"), new Tick(1, "100%"));
  }

  @Override
  public String explanation() {
    return explanation + "; white none, darkest all, on a square-root scale so that a few percent show";
  }
}
