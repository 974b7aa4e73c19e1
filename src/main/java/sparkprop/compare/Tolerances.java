package sparkprop.compare;

import java.io.Serializable;
import sparkprop.nn.Precision;

/**
 * How close the distributed result must be to the single-node reference, per precision: the one rule
 * of {@code check}, of train's periodic checks, of {@code --verify-partitions} and of the MLlib peer.
 *
 * <p>Element by element, {@code |a − b| ≤ rtol · max|b| + floor}, {@code floor = c · ε · √n · S}, and
 * neither side holds NaN or ±∞ (a = distributed, b = reference, max over the tensor; ε the
 * precision's unit roundoff; S the element's sum of the absolute values of its per-row terms, {@code nn.AbsoluteTerms}, computed
 * by the reference beside its gradient). Both sides run the same kernel on the same rows; they differ
 * only in where blocks start (partition boundaries) and in the order partial sums are added, so the
 * gap is roundings of the sums — of the terms' absolute values, not of the result: where the terms
 * cancel (a stationary point: the gradient itself is rounding) a relative rule alone fails. The
 * relative part covers everything else with the margins it always had; the floor covers cancellation.
 *
 * <p>n is how many rows one accumulator of the precision adds one after another, since a long sum's
 * rounding grows with its length: in float64 the reference adds every compared row in one chain and
 * a partition its own rows, chains of different lengths whose rounding differs by up to ≈ √n·ε·S
 * (measured); in float32 both sides add blocks of the same --block-rows rows in float and carry them
 * in double, so n = 1. c and the gaps measured on the bundled sample and on Fashion-MNIST are in the
 * README's "Tolerances" section (the one place they are written).
 *
 * <p>The finite-difference check is independent of the backward formulas and always runs in float64:
 * it passes when {@code |fd − ⟨∇L,u⟩| ≤ fdRtol · ‖∇L‖ + floor} for unit directions u (Cauchy–Schwarz
 * makes ‖∇L‖ the natural scale of ⟨∇L,u⟩), with the floor of the same kind: the rounding of the two
 * float64 losses over the step h, c·ε₆₄·√n·S(loss)/h with n the loss's terms (a float64 loss is one
 * chain of them), plus that of the gradient under test, c·ε·√n·‖S(θ)‖ (‖·‖ bounds ⟨δ,u⟩ for a unit u).
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
  /** n: the rows one accumulator of the precision adds one after another (the class comment). */
  public final long chainRows;

  private Tolerances(Precision precision, long chainRows) {
    boolean f64 = precision == Precision.FLOAT64;
    this.gradientRtol = f64 ? 1e-12 : 1e-6;
    this.lossRtol = gradientRtol;
    this.inputRtol = gradientRtol;
    this.finiteDifferenceRtol = f64 ? 1e-6 : 1e-5;
    this.unitRoundoff = unitRoundoff(precision);
    this.chainRows = f64 ? Math.max(1, chainRows) : 1;
  }

  /** The rule for sums over {@code rows} rows (the rows compared) in this precision. */
  public static Tolerances of(Precision precision, long rows) {
    return new Tolerances(precision, rows);
  }

  /** The relative tolerances of a precision (and the floor of a sum over one row). */
  public static Tolerances of(Precision precision) {
    return new Tolerances(precision, 1);
  }

  /** Half the distance from 1 to the next number: 2⁻⁵³ or 2⁻²⁴. */
  static double unitRoundoff(Precision precision) {
    return precision == Precision.FLOAT64 ? Math.ulp(1.0) / 2 : Math.ulp(1.0f) / 2;
  }

  /** The absolute floor of a sum over the rows whose terms' absolute values sum to S: c·ε·√n·S. */
  public double floor(double absoluteTerms) {
    return FLOOR_C * unitRoundoff * Math.sqrt(chainRows) * absoluteTerms;
  }

  /** The floor of a quantity of one row (x.g: a sum over a layer's units, not over rows): c·ε·S. */
  public double rowFloor(double absoluteTerms) {
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
   * over the step 2h, plus the gradient's own, c·ε·√n·‖S(θ)‖ in the precision it was computed in.
   *
   * @param lossAbsoluteTerms S of the mean loss (mean of |terms|)
   * @param lossTerms         n, the terms the loss sums (rows × terms per row)
   * @param step              h, the step along the unit direction
   * @param gradientAbsoluteTermsNorm the Euclidean norm of S over θ (of the mean gradient)
   */
  public double finiteDifferenceFloor(double lossAbsoluteTerms, long lossTerms, double step,
      double gradientAbsoluteTermsNorm) {
    return FLOOR_C * (unitRoundoff(Precision.FLOAT64) * Math.sqrt(lossTerms) * lossAbsoluteTerms / step
        + unitRoundoff * Math.sqrt(chainRows) * gradientAbsoluteTermsNorm);
  }
}
