package sparkprop.compare;

import sparkprop.nn.Precision;

/**
 * How close the distributed result must be to the single-node reference, per precision.
 *
 * <p>A tensor passes when {@code max|a−b| ≤ rtol · max|b|} and neither side holds NaN or ±∞. Both
 * sides run the same kernel on the same rows; they differ only in where blocks start (partition
 * boundaries) and in the order partial sums are added, so the gap is a few roundings of the largest
 * terms. The gaps measured on the bundled sample and on Fashion-MNIST are in the README's
 * "Tolerances" section (the one place they are written).
 *
 * The bounds sit one to three orders of magnitude above those, and far below the error the fault
 * self-test injects: one mantissa bit of one partition's largest w1 element, ≈ 1.2e-4 of that
 * element, which is ≈ 1.2e-4 / P of the tensor's largest — caught in float64 for any practical P and
 * in float32 up to about a hundred partitions. The seed's absolute 0.01 would hide real bugs.
 *
 * <p>The finite-difference check is independent of the backward formulas and always runs in float64:
 * it passes when {@code |fd − ⟨∇L,u⟩| ≤ fdRtol · ‖∇L‖} for unit directions u (Cauchy–Schwarz makes
 * ‖∇L‖ the natural scale of ⟨∇L,u⟩); with only a few rows a ReLU kink within ε can cost 1e-8.
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
        ? new Tolerances(1e-12, 1e-12, 1e-12, 1e-6)
        : new Tolerances(1e-6, 1e-6, 1e-6, 1e-5);
  }

  /** max|a−b| ≤ rtol · max|b|, with no non-finite number on either side. */
  public static boolean within(Discrepancy d, double rtol) {
    double diff = d.maxAbsDiff();
    return d.nonFinite() == 0 && diff <= rtol * d.maxAbsReference();
  }
}
