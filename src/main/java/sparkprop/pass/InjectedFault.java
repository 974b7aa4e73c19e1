package sparkprop.pass;

import sparkprop.BadInputException;
import sparkprop.nn.Layout;
import sparkprop.nn.Tensor;

/**
 * The {@code --inject-fault} self-test: corrupts one element of a partition's partial sum as a
 * flipped mantissa bit would — silent data corruption on one executor — so that a run can show the
 * check catches it and names the tensor ({@code --fault-tensor}, w1 by default; any layer's).
 */
public final class InjectedFault implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Mantissa bit 39 of 52: flipping it changes a double by 2^-13 ≈ 1.2e-4 of its leading power of two. */
  static final int BIT = 39;

  private final int partition;
  private final Tensor tensor;

  /** A fault in partition {@code partition}'s partial of tensor {@code tensor}. */
  public InjectedFault(int partition, Tensor tensor) {
    this.partition = partition;
    this.tensor = tensor;
  }

  /**
   * The fault {@code --inject-fault partition --fault-tensor name} asks for, validated against the
   * network and the partition count (exit 2 otherwise); null when {@code partition < 0}.
   */
  public static InjectedFault of(int partition, String tensorName, Layout layout, int partitions) {
    if (partition < 0) return null;
    Tensor t = layout.tensor(tensorName);
    if (t == null) {
      throw new BadInputException("--fault-tensor " + tensorName + ": the network " + layout + " has tensors w1, b1 … w"
          + layout.layers() + ", b" + layout.layers());
    }
    if (partition >= partitions) {
      throw new BadInputException("--inject-fault " + partition + ": there are only " + partitions + " partitions");
    }
    return new InjectedFault(partition, t);
  }

  /** Corrupts {@code sums} when they are partition {@link #partition}'s. */
  public void apply(int partition, double[] sums) {
    if (partition == this.partition) flipMantissaBit(sums, tensor);
  }

  /** A hook that injects this fault and does nothing else. */
  public PartitionHook hook() {
    InjectedFault fault = this;
    return p -> new PartitionHook.Observer() {
      @Override
      public void finish(double[] sums) {
        fault.apply(p, sums);
      }
    };
  }

  /**
   * Flips bit {@link #BIT} of the largest-magnitude element of tensor t in {@code theta} (a partial
   * sum in θ's layout) and returns its index in θ, or -1 when t is all zeros (an empty partition).
   */
  public static int flipMantissaBit(double[] theta, Tensor t) {
    int at = -1;
    for (int k = t.offset; k < t.offset + t.length(); k++) {
      if (theta[k] != 0 && (at < 0 || Math.abs(theta[k]) > Math.abs(theta[at]))) at = k;
    }
    if (at >= 0) theta[at] = Double.longBitsToDouble(Double.doubleToRawLongBits(theta[at]) ^ (1L << BIT));
    return at;
  }
}
