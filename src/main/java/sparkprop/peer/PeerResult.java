package sparkprop.peer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import sparkprop.aggregate.Gradients;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.TensorComparison;
import sparkprop.compare.Tolerances;

/**
 * MLlib's gradient against sparkprop's single-node reference, tensor by tensor as {@code check} compares
 * its own, and the same for MLlib's block gradients re-weighted by their rows: the first says whether
 * MLlib is right, the second whether its block scaling is the whole reason when it is not.
 */
public final class PeerResult {
  public final MllibMeasurement measured;
  /** w1, b1, …, wK, bK, loss: MLlib's against the reference. */
  public final List<TensorComparison> tensors;
  /** The same for the re-weighted block gradients. */
  public final List<TensorComparison> reweighted;
  /** Over every parameter at once: max gap / max element. */
  public final Discrepancy whole;
  public final Discrepancy reweightedWhole;
  /** The reference's loss, the exact mean. */
  public final double exactLoss;

  private PeerResult(MllibMeasurement measured, List<TensorComparison> tensors, List<TensorComparison> reweighted,
      Discrepancy whole, Discrepancy reweightedWhole, double exactLoss) {
    this.measured = measured;
    this.tensors = Collections.unmodifiableList(tensors);
    this.reweighted = Collections.unmodifiableList(reweighted);
    this.whole = whole;
    this.reweightedWhole = reweightedWhole;
    this.exactLoss = exactLoss;
  }

  /**
   * Compares with the reference under the float64 tolerances (MLlib computes in float64), each element
   * with the floor of the reference's S ({@code absoluteTerms}).
   */
  public static PeerResult of(MllibMeasurement m, Gradients reference, Gradients absoluteTerms) {
    Tolerances tol = Tolerances.of(sparkprop.nn.Precision.FLOAT64, reference.rows);
    return new PeerResult(m, TensorComparison.of(m.mllib, reference, absoluteTerms, tol),
        TensorComparison.of(m.reweighted, reference, absoluteTerms, tol),
        Discrepancy.of(m.mllib.gradient(), reference.gradient()), Discrepancy.of(m.reweighted.gradient(), reference.gradient()),
        reference.loss);
  }

  /** MLlib's gradient and loss agree with the reference. */
  public boolean agrees() {
    return tensors.stream().allMatch(t -> t.pass);
  }

  /** The re-weighted block gradients agree with the reference: MLlib's maths is right. */
  public boolean reweightedAgrees() {
    return reweighted.stream().allMatch(t -> t.pass);
  }

  public boolean pass() {
    return agrees() && reweightedAgrees();
  }

  /** One line per disagreeing tensor, naming MLlib as the subject. */
  public List<String> failures() {
    List<String> out = new ArrayList<>();
    String cause = reweightedAgrees()
        ? String.format(Locale.ROOT, " (a mean of %d block means; re-weighted by block rows it agrees: rel %.1e)",
            measured.blocks, reweightedWhole.relative())
        : "";
    for (TensorComparison t : tensors) {
      if (!t.pass) out.add("MLlib's " + (t.name.equals("loss") ? "loss" : "gradient " + t.name) + ": " + exceeds(t) + cause);
    }
    for (TensorComparison t : reweighted) {
      if (!t.pass) {
        out.add("MLlib's re-weighted " + (t.name.equals("loss") ? "loss" : "gradient " + t.name) + ": " + exceeds(t)
            + " (not explained by MLlib's block scaling)");
      }
    }
    return out;
  }

  private static String exceeds(TensorComparison t) {
    return String.format(Locale.ROOT, "max|a-b| %.3e exceeds %.0e x max|b| %.3e", t.discrepancy.maxAbsDiff(), t.rtol,
        t.discrepancy.maxAbsReference());
  }

  /** Why MLlib agrees or not, in a sentence or three for a person (and a bug report). */
  public String explanation() {
    MllibMeasurement m = measured;
    if (agrees() && reweightedAgrees()) {
      return m.blocksEqual()
          ? String.format(Locale.ROOT, "MLlib's gradient agrees with the exact mean: every one of its %d blocks holds %d rows,"
              + " so its mean of block means is the mean.", m.blocks, m.rows / m.blocks)
          : "MLlib's gradient agrees with the exact mean within the tolerance.";
    }
    String how = String.format(Locale.ROOT, "MLlib divides each block's gradient and loss by that block's rows (ANNGradient),"
        + " and their sum by the number of blocks, B = %d (LBFGS CostFun: numExamples is the count of the stacked RDD):"
        + " a mean of block means, which weighs a partition's short last block as much as a full one.", m.blocks);
    if (reweightedAgrees()) {
      return how + String.format(Locale.ROOT, " Re-weighted by their rows, Σ n_b·g_b / Σ n_b, MLlib's own block gradients"
          + " agree with the reference to %.1e (gradient) and %.1e (loss): the scaling, not the maths, is the cause.",
          reweightedWhole.relative(), reweighted.get(reweighted.size() - 1).discrepancy.relative());
    }
    return how + String.format(Locale.ROOT, " Even re-weighted by their rows MLlib's block gradients differ from the reference"
        + " (%.1e): something besides the block scaling differs.", reweightedWhole.relative());
  }
}
