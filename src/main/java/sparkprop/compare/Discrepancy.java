package sparkprop.compare;

import java.io.Serializable;

/**
 * How far a tensor {@code a} is from its reference {@code b}, as mergeable statistics: max |a−b|,
 * max |b|, the element count, and how many pairs held a non-finite number. Partitions compute
 * one for their rows of the input gradient and these merge on the driver, so the tensor itself is
 * never collected.
 */
public final class Discrepancy implements Serializable {
  private static final long serialVersionUID = 1L;

  private double maxAbsDiff;
  private double maxAbsReference;
  private long elements;
  private long nonFinite;

  /** Adds one pair (a, b). A pair with a non-finite member makes {@link #maxAbsDiff()} NaN. */
  public void observe(double a, double b) {
    elements++;
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      nonFinite++;
      return;
    }
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(a - b));
    maxAbsReference = Math.max(maxAbsReference, Math.abs(b));
  }

  /** Compares two equal-length arrays element by element. */
  public static Discrepancy of(double[] a, double[] b) {
    if (a.length != b.length) throw new IllegalArgumentException(a.length + " vs " + b.length + " elements");
    Discrepancy d = new Discrepancy();
    for (int k = 0; k < a.length; k++) d.observe(a[k], b[k]);
    return d;
  }

  /** Merges another's statistics into this one and returns this. */
  public Discrepancy merge(Discrepancy other) {
    maxAbsDiff = Math.max(maxAbsDiff, other.maxAbsDiff);
    maxAbsReference = Math.max(maxAbsReference, other.maxAbsReference);
    elements += other.elements;
    nonFinite += other.nonFinite;
    return this;
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
