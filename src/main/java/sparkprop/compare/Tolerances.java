package sparkprop.compare;

import sparkprop.nn.Precision;

/**
 * How close the distributed result must be to the single-node reference, per precision.
 *
 * <p>A tensor passes when {@code max|a−b| ≤ rtol · max|b|}. Both sides run the same kernel on the
 * same rows; they differ only in where blocks start (partition boundaries) and in the order partial
 * sums are added, so the gap is a few roundings of the largest terms. The bounds sit about two orders
 * of magnitude above what the bundled sample shows (float64 ≈ 1e-15…1e-13, float32 ≈ 1e-7…1e-6 relative;
 * see README) and about two orders below the smallest real error the fault self-test injects (one
 * mantissa bit, ≈ 1e-4 of one partition's largest w1 element). The seed's absolute 0.01 would hide
 * real bugs.
 *
 * <p>The finite-difference check is independent of the backward formulas and always runs in float64:
 * it passes when {@code |fd − ⟨∇L,u⟩| ≤ fdRtol · ‖∇L‖} for unit directions u (Cauchy–Schwarz makes
 * ‖∇L‖ the natural scale of ⟨∇L,u⟩). A float32 gradient carries its own rounding, hence its looser
 * bound.
 */
public final class Tolerances {
  public final double gradientRtol;
  public final double lossRtol;
  public final double inputRtol;
  public final double finiteDifferenceRtol;

  private Tolerances(double gradientRtol, double lossRtol, double inputRtol, double finiteDifferenceRtol) {
    this.gradientRtol = gradientRtol;
    this.lossRtol = lossRtol;
    this.inputRtol = inputRtol;
    this.finiteDifferenceRtol = finiteDifferenceRtol;
  }

  public static Tolerances of(Precision precision) {
    return precision == Precision.FLOAT64
        ? new Tolerances(1e-11, 1e-12, 1e-12, 1e-6)
        : new Tolerances(2e-6, 1e-6, 1e-6, 1e-4);
  }

  /** max|a−b| ≤ rtol · max|b|, with no non-finite number on either side. */
  public static boolean within(Discrepancy d, double rtol) {
    double diff = d.maxAbsDiff();
    return d.nonFinite() == 0 && diff <= rtol * d.maxAbsReference();
  }
}
