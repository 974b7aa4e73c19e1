package sparkprop.compare;

import sparkprop.aggregate.GradientSum;
import sparkprop.aggregate.Gradients;
import sparkprop.nn.GradientPass;
import sparkprop.nn.Matrix;
import sparkprop.nn.Network;
import sparkprop.nn.Parameters;
import sparkprop.pass.PassSettings;
import sparkprop.rows.RowChunk;

/**
 * The single-node reference: the same kernel ({@link GradientPass}) run on the driver over all the
 * rows in file order, in one sequence of blocks — no Spark partitioning, no tree aggregation — and
 * scaled by N. The distributed gradient must equal it within {@link Tolerances}.
 */
public final class ReferenceGradient {
  public final Gradients gradients;
  /** x.g for every row; null when not asked for. */
  public final ReferenceInputGradient input;

  private ReferenceGradient(Gradients gradients, ReferenceInputGradient input) {
    this.gradients = gradients;
    this.input = input;
  }

  public static ReferenceGradient compute(Parameters parameters, PassSettings settings, RowChunk rows,
      boolean inputGradient) {
    if (rows.count == 0) throw new IllegalArgumentException("no rows");
    GradientPass pass = new GradientPass(new Network(parameters, settings.architecture, settings.precision),
        settings.blockRows, settings.scale, inputGradient);
    int m = rows.width;
    double[] dx = inputGradient ? new double[Math.multiplyExact(rows.count, m)] : null;
    double invN = 1.0 / ((double) rows.count * pass.termsPerRow());
    pass.accumulate(rows, !inputGradient ? null : (long[] ids, int first, Matrix block) -> {
      for (int j = 0; j < block.cols(); j++) {
        int to = (first + j) * m;
        for (int i = 0; i < m; i++) dx[to + i] = block.get(i, j) * invN;
      }
    });
    Gradients mean = new GradientSum(parameters.layout(), pass.gradientSums(), pass.lossSum(), pass.rows(),
        pass.termsPerRow()).mean();
    ReferenceInputGradient input = inputGradient ? new ReferenceInputGradient(m, rows.rowIds.clone(), dx) : null;
    return new ReferenceGradient(mean, input);
  }
}
