package sparkprop.report.html;

/**
 * How the elements of one tensor spread over the relative difference ρ = |a−b| / (max|b| + floor/rtol)
 * (a the distributed gradient, b the reference, max over the tensor, floor the element's absolute floor
 * c·ε·S; the check's own criterion |a−b| ≤ rtol·max|b| + floor is exactly ρ ≤ rtol, and ρ is
 * |a−b| / max|b| wherever the floor is small against rtol·max|b|): one bin per decade (10^k, 10^(k+1)] for k = {@link #LOWEST}…−1, exact agreement
 * (ρ = 0) in its own bin, everything in (0, 10^LOWEST] in one bin below the decades, ρ > 1 in one
 * bin above them, and non-finite pairs counted apart.
 */
final class RelativeHistogram {
  /** The lowest decade's exponent: bins start at (1e-18, 1e-17]. */
  static final int LOWEST = -18;
  static final int DECADES = -LOWEST;

  final long elements;
  final long zeros;
  /** 0 < ρ ≤ 10^LOWEST */
  final long below;
  /** decades[d] counts ρ in (10^(LOWEST+d), 10^(LOWEST+d+1)]. */
  final long[] decades = new long[DECADES];
  /** ρ > 1 */
  final long above;
  /** pairs with a NaN or ±∞ on either side */
  final long nonFinite;
  /** the largest finite ρ */
  final double largest;
  /** max|b| over finite b: the denominator, before each element's floor/rtol is added */
  final double scale;

  private RelativeHistogram(double[] a, double[] b, double[] floors, double rtol) {
    if (a.length != b.length || floors.length != a.length) {
      throw new IllegalArgumentException(a.length + " vs " + b.length + " elements, " + floors.length + " floors");
    }
    double max = 0;
    for (double v : b) if (Double.isFinite(v)) max = Math.max(max, Math.abs(v));
    scale = max;
    long z = 0, lo = 0, hi = 0, nf = 0;
    double top = 0;
    for (int k = 0; k < a.length; k++) {
      double d = Math.abs(a[k] - b[k]);
      if (!Double.isFinite(a[k]) || !Double.isFinite(b[k])) {
        nf++;
        continue;
      }
      if (d == 0) {
        z++;
        continue;
      }
      double denominator = max + (floors[k] > 0 ? floors[k] / rtol : 0);
      double rho = denominator > 0 ? d / denominator : Double.POSITIVE_INFINITY;
      top = Math.max(top, rho);
      if (rho > 1) hi++;
      else if (rho <= pow10(LOWEST)) lo++;
      else decades[decade(rho) - LOWEST]++;
    }
    elements = a.length;
    zeros = z;
    below = lo;
    above = hi;
    nonFinite = nf;
    largest = top;
  }

  /** With no floors: ρ = |a−b| / max|b|. */
  static RelativeHistogram of(double[] a, double[] b) {
    return new RelativeHistogram(a, b, new double[a.length], 1);
  }

  /** Element k with the absolute floor {@code floors[k]} under relative tolerance {@code rtol}. */
  static RelativeHistogram of(double[] a, double[] b, double[] floors, double rtol) {
    return new RelativeHistogram(a, b, floors, rtol);
  }

  /** k such that ρ ∈ (10^k, 10^(k+1)], for 10^LOWEST < ρ ≤ 1, exact at the powers of ten themselves. */
  static int decade(double rho) {
    int k = (int) Math.ceil(Math.log10(rho)) - 1;
    if (rho <= pow10(k)) k--;
    else if (rho > pow10(k + 1)) k++;
    return k;
  }

  /** 10^k as the literal 1ek reads: the same double as a tolerance written 1e-12. */
  static double pow10(int k) {
    return Double.parseDouble("1e" + k);
  }

  /** The count of decade k's bin (10^k, 10^(k+1)]. */
  long decadeCount(int k) {
    return decades[k - LOWEST];
  }
}
