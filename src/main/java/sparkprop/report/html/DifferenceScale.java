package sparkprop.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * The relative difference ρ = |a−b| / (max|b| + floor/rtol) — |a−b| / max|b| except where an element's
 * rounding floor c·ε·S matters; the check passes exactly when ρ ≤ rtol — on a fixed logarithmic scale
 * anchored at the tolerance, never auto-scaled: below tolerance/100 a pixel stays white; from there to
 * the tolerance it turns pale yellow to orange (within tolerance); above the tolerance it is red,
 * darker up to ρ = 1. In
 * float64 (rtol 1e-12) rounding (1e-16…6e-15) stays white and a flipped mantissa bit (ρ ≈ 1e-5…1e-4)
 * is plainly red. In float32 (rtol 1e-6) rounding reaches 1e-8…1e-6 and shows yellow, as it should:
 * the legend says so rather than hiding it.
 */
final class DifferenceScale implements ColourScale {
  /** Pale yellow → orange: within tolerance. */
  private static final int[] WITHIN = {0xfff7bc, 0xfee391, 0xfec44f, 0xfe9929};
  /** Red → dark red: beyond tolerance. */
  private static final int[] BEYOND = {0xef3b2c, 0xcb181d, 0xa50f15, 0x67000d};
  static final int BLANK = 0xffffff;
  static final int NON_FINITE = 0x000000;
  /** Decades between the white floor and the tolerance. */
  static final int DECADES_WITHIN = 2;

  private final double rtol;
  private final String precision;
  private final double floor;
  /** log10 of the legend's left end: one decade of white before the floor. */
  private final double legendLow;

  /** @param precision "float64" or "float32": what rounding the legend says to expect */
  DifferenceScale(double rtol, String precision) {
    this.rtol = rtol;
    this.precision = precision;
    this.floor = rtol / Math.pow(10, DECADES_WITHIN);
    this.legendLow = Math.log10(floor) - 1;
  }

  double floor() {
    return floor;
  }

  double tolerance() {
    return rtol;
  }

  @Override
  public int rgb(double rho) {
    if (!Double.isFinite(rho)) return NON_FINITE;
    if (rho < floor) return BLANK;
    double log = Math.log10(rho);
    if (rho < rtol) return ColourScale.interpolate(WITHIN, (log - Math.log10(floor)) / DECADES_WITHIN);
    double top = Math.max(0, Math.log10(rtol) + 1);
    return ColourScale.interpolate(BEYOND, (log - Math.log10(rtol)) / (top - Math.log10(rtol)));
  }

  @Override
  public int legendRgb(double position) {
    return rgb(Math.pow(10, legendLow + position * (legendHigh() - legendLow)));
  }

  private double legendHigh() {
    return Math.max(0, Math.log10(rtol) + 1);
  }

  private double position(double value) {
    return (Math.log10(value) - legendLow) / (legendHigh() - legendLow);
  }

  @Override
  public List<Tick> ticks() {
    List<Tick> out = new ArrayList<>();
    out.add(new Tick(position(floor), Html.tol(floor)));
    out.add(new Tick(position(rtol), Html.tol(rtol), true));
    double high = legendHigh();
    double step = Math.max(1, Math.ceil((high - Math.log10(rtol)) / 3));
    for (double k = high; k > Math.log10(rtol) + step / 2; k -= step) {
      out.add(new Tick(position(Math.pow(10, k)), k == 0 ? "1" : Html.tol(Math.pow(10, k))));
    }
    out.sort((a, b) -> Double.compare(a.position(), b.position()));
    return out;
  }

  @Override
  public String explanation() {
    String rounding = "float32".equals(precision)
        ? "; float32 rounding reaches into the yellow, which is no error"
        : "float64".equals(precision) ? "; float64 rounding stays in the white" : "";
    return "|distributed − reference| / max|reference| on a fixed log scale: white below " + Html.tol(floor)
        + " (a hundredth of the tolerance), yellow to orange up to the tolerance " + Html.tol(rtol)
        + " (marked in red), red beyond it: a failing element; black: NaN or ∞" + rounding;
  }
}
