package sparkprop.compare;

import sparkprop.aggregate.GradientSum;
import sparkprop.aggregate.Gradients;
import sparkprop.nn.Matrix;
import sparkprop.nn.Mlp;
import sparkprop.nn.MlpPass;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.read.RowChunk;

/**
 * The single-node reference: the same kernel ({@link MlpPass}) run on the driver over all the rows in
 * file order, in one sequence of blocks — no Spark partitioning, no tree aggregation — and scaled by
 * N. The distributed gradient must equal it within {@link Tolerances}.
 */
public final class ReferenceGradient {
  public final Gradients gradients;
  /** x.g for every row; null when not asked for. */
  public final ReferenceInputGradient input;
  public final long millis;

  private ReferenceGradient(Gradients gradients, ReferenceInputGradient input, long millis) {
    this.gradients = gradients;
    this.input = input;
    this.millis = millis;
  }

  public static ReferenceGradient compute(Parameters parameters, Precision precision, int blockRows,
      PixelScale scale, RowChunk rows, boolean inputGradient) {
    long start = System.nanoTime();
    if (rows.count == 0) throw new IllegalArgumentException("no rows");
    MlpPass pass = new MlpPass(new Mlp(parameters, precision), blockRows, scale, inputGradient);
    int m = rows.width;
    double[] dx = inputGradient ? new double[Math.multiplyExact(rows.count, m)] : null;
    double invN = 1.0 / rows.count;
    pass.accumulate(rows, !inputGradient ? null : (long[] ids, int first, Matrix block) -> {
      for (int j = 0; j < block.cols(); j++) {
        int to = (first + j) * m;
        for (int i = 0; i < m; i++) dx[to + i] = block.get(i, j) * invN;
      }
    });
    Gradients mean = new GradientSum(parameters.shape(), pass.gradientSums(), pass.squaredErrors(), pass.rows()).mean();
    ReferenceInputGradient input = inputGradient ? new ReferenceInputGradient(m, rows.rowIds.clone(), dx) : null;
    return new ReferenceGradient(mean, input, (System.nanoTime() - start) / 1_000_000);
  }
}
