package sparkprop.peer;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.aggregate.Gradients;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.ReferenceGradient;
import sparkprop.model.Model;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.pass.PassSettings;
import sparkprop.rows.RowChunk;

/**
 * How far MLlib's gradient is from the exact one on some rows, in four numbers (and one that proves the
 * cause): the apparatus' MLlib gradient gap per partition count (BENCHMARKS.md).
 *
 * @param relative           max|g_MLlib − g_exact| / max|g_exact| over every parameter
 * @param reweightedRelative the same for MLlib's block gradients re-weighted by their rows: float64 rounding
 *                           when scaling is the only cause
 * @param mllibLoss          MLlib's loss, Σ_b l_b / B
 * @param exactLoss          the exact mean loss, sparkprop's single-node reference
 * @param blocks             B, MLlib's blocks
 */
public record GradientError(double relative, double reweightedRelative, double mllibLoss, double exactLoss, long blocks) {
  /**
   * MLlib's gradient error on these rows (cached, in the partitions to measure), against sparkprop's
   * single-node reference computed here on the driver from the collected rows, in row order.
   */
  public static GradientError measure(JavaSparkContext sc, JavaRDD<RowChunk> rows, Model model, int blockSize) {
    MllibMeasurement m = MllibPeer.measure(sc, rows, model, blockSize);
    RowChunk all = RowChunk.concat(model.layout().inputs(), rows.collect());
    PassSettings settings = new PassSettings(model.architecture, Precision.FLOAT64, 1024, PixelScale.BYTE, 2, false);
    Gradients exact = ReferenceGradient.compute(model.parameters, settings, all, false).gradients;
    return new GradientError(Discrepancy.of(m.mllib.gradient(), exact.gradient()).relative(),
        Discrepancy.of(m.reweighted.gradient(), exact.gradient()).relative(), m.mllib.loss, exact.loss, m.blocks);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%d blocks: max gap / max element %.2e (re-weighted %.1e), loss MLlib %.5f, exact %.5f",
        blocks, relative, reweightedRelative, mllibLoss, exactLoss);
  }
}
