package sparkprop.report.html;

import java.util.List;

/**
 * Signed values on a diverging map centred on zero: negative blue, zero near-white, positive red
 * (ColorBrewer's RdBu, as matplotlib's {@code RdBu_r}), saturating at ±{@code limit}.
 */
final class DivergingScale implements ColourScale {
  /** ColorBrewer RdBu, 11 classes, from the negative (blue) end to the positive (red) end. */
  private static final int[] STOPS = {
    0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f,
  };
  /** Not a number: black, which the map never produces otherwise. */
  static final int NON_FINITE = 0x000000;

  private final double limit;

  /** @param limit the magnitude that gets the darkest colour; larger magnitudes saturate */
  DivergingScale(double limit) {
    this.limit = limit;
  }

  @Override
  public int rgb(double value) {
    if (!Double.isFinite(value)) return NON_FINITE;
    if (limit <= 0 || value == 0) return STOPS[STOPS.length / 2];
    return ColourScale.interpolate(STOPS, (value / limit + 1) / 2);
  }

  @Override
  public int legendRgb(double position) {
    return ColourScale.interpolate(STOPS, position);
  }

  @Override
  public List<Tick> ticks() {
    return List.of(new Tick(0, "−" + Html.sci(limit)), new Tick(0.5, "0"), new Tick(1, "+" + Html.sci(limit)));
  }

  @Override
  public String explanation() {
    return "gradient value: blue negative, white zero, red positive; ±" + Html.sci(limit)
        + " (the largest |value| of the reference w1) and beyond get the darkest colour; black: NaN or ∞";
  }
}
