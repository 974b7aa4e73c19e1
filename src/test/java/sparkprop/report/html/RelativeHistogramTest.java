package sparkprop.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Each element lands in its decade (10^k, 10^(k+1)], exact at the powers of ten, with zeros, the tiny, the huge and NaN apart. */
class RelativeHistogramTest {
  /** a = b + ρ·max|b| for each ρ, with max|b| = 1 so that ρ is exactly the relative difference. */
  private static RelativeHistogram of(double... rho) {
    double[] a = new double[rho.length + 1];
    double[] b = new double[rho.length + 1];
    b[rho.length] = 1; // max|b| = 1; this pair agrees exactly
    a[rho.length] = 1;
    for (int k = 0; k < rho.length; k++) a[k] = rho[k];
    return RelativeHistogram.of(a, b);
  }

  @Test
  void elementsLandInTheirDecade() {
    RelativeHistogram h = of(3e-16, 5e-16, 2e-13, 1.5e-5);
    assertEquals(5, h.elements);
    assertEquals(1, h.zeros);
    assertEquals(2, h.decadeCount(-16), "3e-16 and 5e-16 in (1e-16, 1e-15]");
    assertEquals(1, h.decadeCount(-13));
    assertEquals(1, h.decadeCount(-5));
    long total = h.zeros + h.below + h.above + h.nonFinite;
    for (long c : h.decades) total += c;
    assertEquals(h.elements, total, "every element counted once");
    assertEquals(1.5e-5, h.largest, 1e-20);
  }

  @Test
  void aPowerOfTenBelongsToTheDecadeItCloses() {
    // Bins are (lo, hi]: exactly the tolerance 1e-12 counts as within it, in (1e-13, 1e-12].
    RelativeHistogram h = of(1e-12, 1e-4, 1.0000000000000002e-12);
    assertEquals(1, h.decadeCount(-13));
    assertEquals(1, h.decadeCount(-5));
    assertEquals(1, h.decadeCount(-12), "just above 1e-12 opens the next decade");
    for (int k = -15; k >= RelativeHistogram.LOWEST; k--) {
      assertEquals(k - 1, RelativeHistogram.decade(RelativeHistogram.pow10(k)), "1e" + k);
    }
  }

  @Test
  void zerosTinyHugeAndNonFiniteHaveTheirOwnCounts() {
    RelativeHistogram h = of(0, 1e-19, 1e-18, 3, Double.NaN);
    assertEquals(2, h.zeros, "the exact pair and the 0");
    assertEquals(2, h.below, "1e-19 and 1e-18 itself are at most 1e-18");
    assertEquals(1, h.above);
    assertEquals(1, h.nonFinite);
    assertEquals(0, h.decadeCount(RelativeHistogram.LOWEST));
  }

  @Test
  void theDenominatorIsTheLargestReferenceMagnitude() {
    RelativeHistogram h = RelativeHistogram.of(new double[] {-4 + 4e-12, 1}, new double[] {-4, 1});
    assertEquals(4, h.scale);
    assertEquals(1, h.decadeCount(-13), "|a−b| = 4e-12 over max|b| = 4 is 1e-12");
  }
}
