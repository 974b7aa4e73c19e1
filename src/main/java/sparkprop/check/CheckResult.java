package sparkprop.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkprop.aggregate.Gradients;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.compare.FiniteDifferenceCheck;
import sparkprop.compare.PartitionVerification;
import sparkprop.compare.TensorComparison;
import sparkprop.nn.Architecture;
import sparkprop.nn.Layout;

/** Everything one check found, ready to be written: the run's settings, both gradients, the comparisons and the verdict. */
public final class CheckResult {
  // The run.
  public String data;
  public String weights;
  public long seed;
  public long rows;
  public int partitions;
  public String precision;
  public int blockRows;
  public Layout layout;
  public Architecture architecture;
  /** The random weights' initialisation; null when the weights came from a file. */
  public String init;
  public int treeDepth;
  public int injectedFaultPartition = -1;
  public String injectedFaultTensor;
  public String blas;
  public boolean blasNative;
  /** The native library that ran, its version and the kernel OpenBLAS chose; null for Java BLAS. */
  public sparkprop.blas.BlasInfo blasInfo;
  public String sparkVersion;
  public String sparkMaster;
  public String applicationId;

  // The results.
  /** Rows the reference covers: all {@link #rows}, or the {@code --reference-rows} subset. */
  public long referenceRows;
  /** The distributed gradient over the rows compared with the reference. */
  public Gradients distributed;
  public Gradients reference;
  /** S of every reference element and of the loss (÷N as the reference): the scale of each element's floor. */
  public Gradients referenceAbsoluteTerms;
  /** The rule the comparisons used. */
  public sparkprop.compare.Tolerances tolerances;
  /** With {@code --reference-rows}: the distributed gradient over all rows; else null (= distributed). */
  public Gradients distributedAllRows;
  public final List<TensorComparison> tensors = new ArrayList<>();
  public FiniteDifferenceCheck finiteDifference;
  /** null unless {@code --verify-partitions}. */
  public PartitionVerification verification;
  public final List<PartitionRecord> partitionRecords = new ArrayList<>();
  /** With {@code --against mllib}: MLlib's gradient on the same rows against the same reference; else null. */
  public sparkprop.peer.PeerResult peer;
  /** The lowest-numbered partition whose partial held a non-finite number, or -1. */
  public int nonFinitePartition = -1;
  public String nonFiniteTensor;
  public final Map<String, Long> timingsMillis = new LinkedHashMap<>();

  /** One line per reason the check failed; empty when it passed. */
  public List<String> failures() {
    List<String> out = new ArrayList<>();
    if (nonFinitePartition >= 0) {
      out.add("non-finite numbers in " + nonFiniteTensor + ", first in partition " + nonFinitePartition);
    }
    for (TensorComparison t : tensors) {
      if (!t.pass) {
        out.add(t.name + ": " + sparkprop.compare.Tolerances.describeExcess(t.discrepancy, t.rtol));
      }
    }
    if (verification != null) {
      for (PartitionVerification.Deviation d : verification.deviations) {
        out.add("partition " + d.record.partition + " computed on executor " + d.record.executorId + " ("
            + d.record.host + ") differs from its recomputation: max|a-b| " + d.discrepancy.maxAbsDiff());
      }
    }
    if (finiteDifference != null && !finiteDifference.pass) {
      out.add("finite differences disagree with the gradient beyond " + finiteDifference.rtol + " x |g| + "
          + finiteDifference.floor);
    }
    if (peer != null) out.addAll(peer.failures()); // the peer's lines name MLlib as their subject
    return out;
  }

  /** The distributed gradient over every row: what gradients.npz holds. */
  public Gradients fullGradient() {
    return distributedAllRows != null ? distributedAllRows : distributed;
  }

  public boolean pass() {
    return failures().isEmpty();
  }

  /** Whether sparkprop's own comparisons pass, whatever the peer's do. */
  public boolean sparkpropPasses() {
    return failures().size() == (peer == null ? 0 : peer.failures().size());
  }
}
