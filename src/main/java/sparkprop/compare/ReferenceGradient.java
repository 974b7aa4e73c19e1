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
 * scaled by N. The distributed gradient must equal it within {@link Tolerances}, whose floor scales
 * with S, each element's sum of absolute per-row terms, which this pass computes beside the gradient
 * ({@link GradientPass#withAbsoluteTerms()}; the distributed pass does not).
 */
public final class ReferenceGradient {
  public final Gradients gradients;
  /** S of every element and of the loss, scaled as the gradient is (÷N): the floors' scale. */
  public final Gradients absoluteTerms;
  /** x.g for every row, with its per-row S; null when not asked for. */
  public final ReferenceInputGradient input;

  private ReferenceGradient(Gradients gradients, Gradients absoluteTerms, ReferenceInputGradient input) {
    this.gradients = gradients;
    this.absoluteTerms = absoluteTerms;
    this.input = input;
  }

  public static ReferenceGradient compute(Parameters parameters, PassSettings settings, RowChunk rows,
      boolean inputGradient) {
    if (rows.count == 0) throw new IllegalArgumentException("no rows");
    GradientPass pass = new GradientPass(new Network(parameters, settings.architecture, settings.precision),
        settings.blockRows, settings.scale, inputGradient).withAbsoluteTerms();
    int m = rows.width;
    double[] dx = inputGradient ? new double[Math.multiplyExact(rows.count, m)] : null;
    double[] dxTerms = inputGradient ? new double[rows.count] : null;
    double invN = 1.0 / ((double) rows.count * pass.termsPerRow());
    pass.accumulate(rows, !inputGradient ? null : (long[] ids, int first, Matrix block) -> {
      for (int j = 0; j < block.cols(); j++) {
        int to = (first + j) * m;
        for (int i = 0; i < m; i++) dx[to + i] = block.get(i, j) * invN;
        dxTerms[first + j] = pass.inputAbsoluteTerms(j) * invN;
      }
    });
    Gradients mean = new GradientSum(parameters.layout(), pass.gradientSums(), pass.lossSum(), pass.rows(),
        pass.termsPerRow()).mean();
    Gradients absolute = new GradientSum(parameters.layout(), pass.absoluteTermSums(), pass.absoluteLossSum(),
        pass.rows(), pass.termsPerRow()).mean();
    ReferenceInputGradient input =
        inputGradient ? new ReferenceInputGradient(m, rows.rowIds.clone(), dx, dxTerms) : null;
    return new ReferenceGradient(mean, absolute, input);
  }
}
