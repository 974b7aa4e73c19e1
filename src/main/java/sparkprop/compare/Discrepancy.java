package sparkprop.compare;

import java.io.Serializable;

/**
 * How far a tensor {@code a} is from its reference {@code b}, as mergeable statistics: max |a−b|,
 * max |b|, the element count, how many pairs held a non-finite number, and — for the absolute floor
 * of {@link Tolerances} — the largest floor, the largest excess |a−b| − floor and the largest
 * |a−b| / floor over the elements. Partitions compute one for their rows of the input gradient and
 * these merge on the driver, so the tensor itself is never collected.
 */
public final class Discrepancy implements Serializable {
  private static final long serialVersionUID = 2L;

  private double maxAbsDiff;
  private double maxAbsReference;
  private long elements;
  private long nonFinite;
  private double maxFloor;
  private double maxExcessOverFloor = Double.NEGATIVE_INFINITY;
  private double maxDiffOverFloor;

  /** Adds one pair (a, b) with no floor. A pair with a non-finite member makes {@link #maxAbsDiff()} NaN. */
  public void observe(double a, double b) {
    observe(a, b, 0);
  }

  /** Adds one pair (a, b) whose element has the absolute floor {@code floor} (≥ 0). */
  public void observe(double a, double b, double floor) {
    elements++;
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      nonFinite++;
      return;
    }
    double diff = Math.abs(a - b);
    maxAbsDiff = Math.max(maxAbsDiff, diff);
    maxAbsReference = Math.max(maxAbsReference, Math.abs(b));
    maxFloor = Math.max(maxFloor, floor);
    maxExcessOverFloor = Math.max(maxExcessOverFloor, diff - floor);
    if (diff > 0) maxDiffOverFloor = Math.max(maxDiffOverFloor, floor > 0 ? diff / floor : Double.POSITIVE_INFINITY);
  }

  /** Compares two equal-length arrays element by element, with no floor. */
  public static Discrepancy of(double[] a, double[] b) {
    return of(a, b, new double[a.length]);
  }

  /** Compares two equal-length arrays element by element; element k has the absolute floor {@code floor[k]}. */
  public static Discrepancy of(double[] a, double[] b, double[] floor) {
    if (a.length != b.length || floor.length != a.length) {
      throw new IllegalArgumentException(a.length + " vs " + b.length + " elements, " + floor.length + " floors");
    }
    Discrepancy d = new Discrepancy();
    for (int k = 0; k < a.length; k++) d.observe(a[k], b[k], floor[k]);
    return d;
  }

  /** Merges another's statistics into this one and returns this. */
  public Discrepancy merge(Discrepancy other) {
    maxAbsDiff = Math.max(maxAbsDiff, other.maxAbsDiff);
    maxAbsReference = Math.max(maxAbsReference, other.maxAbsReference);
    elements += other.elements;
    nonFinite += other.nonFinite;
    maxFloor = Math.max(maxFloor, other.maxFloor);
    maxExcessOverFloor = Math.max(maxExcessOverFloor, other.maxExcessOverFloor);
    maxDiffOverFloor = Math.max(maxDiffOverFloor, other.maxDiffOverFloor);
    return this;
  }

  /** The largest absolute floor of any element (0 with no floor). */
  public double maxFloor() {
    return maxFloor;
  }

  /**
   * max over the elements of |a−b| − floor: the tensor passes when this is at most rtol · max|b|
   * ({@link Tolerances#within}); negative when every difference is under its floor; NaN when any
   * element was not finite.
   */
  public double maxExcessOverFloor() {
    if (nonFinite > 0) return Double.NaN;
    return elements == 0 ? 0 : maxExcessOverFloor;
  }

  /** max over the elements of |a−b| / floor (0 when all agree exactly; ∞ where a floor of 0 met a difference). */
  public double maxDiffOverFloor() {
    return nonFinite > 0 ? Double.NaN : maxDiffOverFloor;
  }

  /** max |a−b|; NaN when any element was not finite. */
  public double maxAbsDiff() {
    return nonFinite > 0 ? Double.NaN : maxAbsDiff;
  }

  public double maxAbsReference() {
    return maxAbsReference;
  }

  /** max |a−b| / max |b| (0 when both are 0; infinite when only the reference is 0). */
  public double relative() {
    double d = maxAbsDiff();
    return d == 0 ? 0 : d / maxAbsReference;
  }

  public long elements() {
    return elements;
  }

  public long nonFinite() {
    return nonFinite;
  }
}
