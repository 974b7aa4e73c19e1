package sparkprop.peer;

/**
 * How far MLlib's gradient is from the exact one on some rows, in four numbers (and one that proves the
 * cause): what {@code bench} prints per partition count.
 */
public final class GradientError {
  /** max|g_MLlib − g_exact| / max|g_exact| over every parameter. */
  public final double relative;
  /** The same for MLlib's block gradients re-weighted by their rows: float64 rounding when scaling is the only cause. */
  public final double reweightedRelative;
  /** MLlib's loss, Σ_b l_b / B. */
  public final double mllibLoss;
  /** The exact mean loss, sparkprop's single-node reference. */
  public final double exactLoss;
  /** B, MLlib's blocks. */
  public final long blocks;

  public GradientError(double relative, double reweightedRelative, double mllibLoss, double exactLoss, long blocks) {
    this.relative = relative;
    this.reweightedRelative = reweightedRelative;
    this.mllibLoss = mllibLoss;
    this.exactLoss = exactLoss;
    this.blocks = blocks;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%d blocks: max gap / max element %.2e (re-weighted %.1e), loss MLlib %.5f, exact %.5f",
        blocks, relative, reweightedRelative, mllibLoss, exactLoss);
  }
}
