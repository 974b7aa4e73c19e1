package sparkprop.compare;

import java.io.Serializable;
import sparkprop.nn.Precision;

/**
 * How close the distributed result must be to the single-node reference, per precision: the one rule
 * of {@code check}, of train's periodic checks, of {@code --verify-partitions} and of the MLlib peer.
 *
 * <p>Element by element, {@code |a − b| ≤ rtol · max|b| + c · ε · S}, and neither side holds NaN or
 * ±∞ (a = distributed, b = reference, max over the tensor; ε the precision's unit roundoff; S the
 * element's sum of the absolute values of its per-row terms, {@code nn.AbsoluteTerms}, computed by the
 * reference beside its gradient). Both sides run the same kernel on the same rows; they differ only
 * in where blocks start (partition boundaries) and in the order partial sums are added, so the gap
 * is a few roundings of the sums — of the terms' absolute values, not of the result: where the terms
 * cancel (a stationary point: the gradient itself is rounding) a relative rule alone fails. The
 * relative part covers everything else with the margins it always had; the floor c·ε·S covers
 * cancellation. c and the gaps measured on the bundled sample and on Fashion-MNIST are in the
 * README's "Tolerances" section (the one place they are written).
 *
 * <p>The finite-difference check is independent of the backward formulas and always runs in float64:
 * it passes when {@code |fd − ⟨∇L,u⟩| ≤ fdRtol · ‖∇L‖ + floor} for unit directions u (Cauchy–Schwarz
 * makes ‖∇L‖ the natural scale of ⟨∇L,u⟩), with the floor of the same kind: the rounding of the two
 * float64 losses over the step h, c·ε₆₄·√n·S(loss)/h, plus that of the gradient under test,
 * c·ε·‖S(θ)‖ (‖·‖ bounds ⟨δ,u⟩ for a unit u). A loss is a sum of n terms that are all ≥ 0, so its
 * partial sums grow with every term and its rounding with them: √n is how a sum's rounding grows
 * with its length (n·ε·S its worst case). The gradient's terms, where they matter here, cancel: their
 * partial sums stay small, and c·ε·S bounds them without a length.
 */
public final class Tolerances implements Serializable {
  private static final long serialVersionUID = 1L;

  /** c of the floor c·ε·S, chosen from measurement: README "Tolerances". */
  public static final double FLOOR_C = 4;

  public final double gradientRtol;
  public final double lossRtol;
  public final double inputRtol;
  public final double finiteDifferenceRtol;
  /** ε: 2⁻⁵³ in float64, 2⁻²⁴ in float32. */
  public final double unitRoundoff;

  private Tolerances(double gradientRtol, double lossRtol, double inputRtol, double finiteDifferenceRtol,
      double unitRoundoff) {
    this.gradientRtol = gradientRtol;
    this.lossRtol = lossRtol;
    this.inputRtol = inputRtol;
    this.finiteDifferenceRtol = finiteDifferenceRtol;
    this.unitRoundoff = unitRoundoff;
  }

  public static Tolerances of(Precision precision) {
    return precision == Precision.FLOAT64
        ? new Tolerances(1e-12, 1e-12, 1e-12, 1e-6, unitRoundoff(Precision.FLOAT64))
        : new Tolerances(1e-6, 1e-6, 1e-6, 1e-5, unitRoundoff(Precision.FLOAT32));
  }

  /** Half the distance from 1 to the next number: 2⁻⁵³ or 2⁻²⁴. */
  static double unitRoundoff(Precision precision) {
    return precision == Precision.FLOAT64 ? Math.ulp(1.0) / 2 : Math.ulp(1.0f) / 2;
  }

  /** The absolute floor of an element whose per-row terms' absolute values sum to S: c·ε·S. */
  public double floor(double absoluteTerms) {
    return FLOOR_C * unitRoundoff * absoluteTerms;
  }

  /** {@link #floor} of every element. */
  public double[] floors(double[] absoluteTerms) {
    double[] out = new double[absoluteTerms.length];
    for (int k = 0; k < out.length; k++) out[k] = floor(absoluteTerms[k]);
    return out;
  }

  /** a against b element by element, each with the floor of its S. */
  public Discrepancy discrepancy(double[] a, double[] b, double[] absoluteTerms) {
    return Discrepancy.of(a, b, floors(absoluteTerms));
  }

  /**
   * Every element within {@code |a−b| ≤ rtol · max|b| + floor}, with no non-finite number on either
   * side: max(|a−b| − floor) ≤ rtol · max|b|. With no floors this is the relative rule max|a−b| ≤
   * rtol · max|b|.
   */
  public static boolean within(Discrepancy d, double rtol) {
    return d.nonFinite() == 0 && d.maxExcessOverFloor() <= rtol * d.maxAbsReference();
  }

  /**
   * Why d fails with rtol, in one phrase: "max|a-b| D exceeds rtol x max|b| M" when that is all there
   * is to say (no floor), else which element's excess over rtol·max|b| + its floor is the largest.
   */
  public static String describeExcess(Discrepancy d, double rtol) {
    String relative = "max|a-b| " + d.maxAbsDiff() + " exceeds " + rtol + " x max|b| " + d.maxAbsReference();
    if (d.maxFloor() == 0 || d.nonFinite() > 0) return relative;
    return "|a-b| exceeds " + rtol + " x max|b| " + d.maxAbsReference() + " + the element's floor by "
        + (d.maxExcessOverFloor() - rtol * d.maxAbsReference()) + " (max|a-b| " + d.maxAbsDiff() + ", largest floor "
        + d.maxFloor() + ")";
  }

  /**
   * The finite-difference check's floor: the rounding of the two float64 losses, each c·ε₆₄·√n·S(loss),
   * over the step 2h, plus the gradient's own, c·ε·‖S(θ)‖ in the precision it was computed in.
   *
   * @param lossAbsoluteTerms S of the mean loss (mean of |terms|)
   * @param lossTerms         n, the terms the loss sums (rows × terms per row)
   * @param step              h, the step along the unit direction
   * @param gradientAbsoluteTermsNorm the Euclidean norm of S over θ (of the mean gradient)
   */
  public double finiteDifferenceFloor(double lossAbsoluteTerms, long lossTerms, double step,
      double gradientAbsoluteTermsNorm) {
    return FLOOR_C * (unitRoundoff(Precision.FLOAT64) * Math.sqrt(lossTerms) * lossAbsoluteTerms / step
        + unitRoundoff * gradientAbsoluteTermsNorm);
  }
}
