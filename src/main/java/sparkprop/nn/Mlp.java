package sparkprop.nn;

/** The parameters rounded to one precision, as matrices the layers take: w1 m×nh, b1 nh×1, w2 nh×1, b2 1×1. */
public final class Mlp {
  public final MlpShape shape;
  public final Precision precision;
  final Matrix w1;
  final Matrix b1;
  final Matrix w2;
  final Matrix b2;

  public Mlp(Parameters parameters, Precision precision) {
    this.shape = parameters.shape();
    this.precision = precision;
    this.w1 = slice(parameters, MlpShape.Tensor.W1, shape.inputs, shape.hidden);
    this.b1 = slice(parameters, MlpShape.Tensor.B1, shape.hidden, 1);
    this.w2 = slice(parameters, MlpShape.Tensor.W2, shape.hidden, 1);
    this.b2 = slice(parameters, MlpShape.Tensor.B2, 1, 1);
  }

  private Matrix slice(Parameters p, MlpShape.Tensor t, int rows, int cols) {
    Matrix m = Matrix.zeros(precision, rows, cols);
    int off = shape.offset(t);
    for (int k = 0; k < rows * cols; k++) m.set(k, p.at(off + k));
    return m;
  }
}
