package sparkprop.compare;

/** One tensor of the distributed result against the reference: its shape, the statistics and the verdict. */
public final class TensorComparison {
  public final String name;
  public final long[] shape;
  public final Discrepancy discrepancy;
  public final double rtol;
  public final boolean pass;

  public TensorComparison(String name, long[] shape, Discrepancy discrepancy, double rtol) {
    this.name = name;
    this.shape = shape;
    this.discrepancy = discrepancy;
    this.rtol = rtol;
    this.pass = Tolerances.within(discrepancy, rtol);
  }
}
