package sparkprop.nn;

import sparkprop.read.RowChunk;

/**
 * The forward and backward pass of the seed's MLP over rows, block by block: the one kernel that both
 * the distributed path (one instance per partition) and the single-node reference run.
 *
 * <p>Rows are stacked into column-major blocks of up to {@code blockRows} columns; every buffer is
 * allocated once here and reused for every block; the heavy steps are gemm calls. Parameter gradients
 * and the squared-error sum accumulate, unscaled, across all blocks given to {@link #accumulate}.
 */
public final class MlpPass {
  private final Mlp mlp;
  private final int blockRows;
  private final PixelScale scale;

  // Activations of one block, B ≤ blockRows columns each.
  private final Matrix x;    // m×B   pixels / pixelMax
  private final Matrix y;    // 1×B   labels as numbers
  private final Matrix l1;   // nh×B  x·w1 + b1
  private final Matrix l2;   // nh×B  relu(l1)
  private final Matrix out;  // 1×B   l2·w2 + b2
  // Their gradients (unscaled: the global 1/N comes after aggregation).
  private final Matrix dout; // 1×B
  private final Matrix dl2;  // nh×B
  private final Matrix dl1;  // nh×B
  private final Matrix dx;   // m×B, allocated only when the input gradient is wanted
  // Parameter gradients as the layers accumulate them, in the run's precision.
  private final Matrix dw1;  // m×nh
  private final Matrix db1;  // nh×1
  private final Matrix dw2;  // nh×1
  private final Matrix db2;  // 1×1
  // Their sums over every row seen, always in double. In float64 these are the same matrices as
  // above; in float32 each block's gradients are added here and the float buffers cleared, so that
  // rounding grows with the block size, not with the partition size.
  private final Matrix[] blockGradients;
  private final Matrix[] sums;
  private final Matrix[] blockSized; // the buffers above whose width follows the block
  private double squaredErrors;
  private long rows;

  public MlpPass(Mlp mlp, int blockRows, PixelScale scale, boolean inputGradient) {
    if (blockRows <= 0) throw new IllegalArgumentException("blockRows " + blockRows);
    this.mlp = mlp;
    this.blockRows = blockRows;
    this.scale = scale;
    Precision p = mlp.precision;
    int m = mlp.shape.inputs;
    int nh = mlp.shape.hidden;
    x = Matrix.zeros(p, m, blockRows);
    y = Matrix.zeros(p, 1, blockRows);
    l1 = Matrix.zeros(p, nh, blockRows);
    l2 = Matrix.zeros(p, nh, blockRows);
    out = Matrix.zeros(p, 1, blockRows);
    dout = Matrix.zeros(p, 1, blockRows);
    dl2 = Matrix.zeros(p, nh, blockRows);
    dl1 = Matrix.zeros(p, nh, blockRows);
    dx = inputGradient ? Matrix.zeros(p, m, blockRows) : null;
    dw1 = Matrix.zeros(p, m, nh);
    db1 = Matrix.zeros(p, nh, 1);
    dw2 = Matrix.zeros(p, nh, 1);
    db2 = Matrix.zeros(p, 1, 1);
    blockGradients = new Matrix[] {dw1, db1, dw2, db2};
    if (p == Precision.FLOAT64) {
      sums = blockGradients;
    } else {
      sums = new Matrix[blockGradients.length];
      for (int k = 0; k < sums.length; k++) {
        sums[k] = Matrix.zeros(Precision.FLOAT64, blockGradients[k].rows(), blockGradients[k].cols());
      }
    }
    blockSized = inputGradient
        ? new Matrix[] {l1, l2, out, dout, dl2, dl1, dx}
        : new Matrix[] {l1, l2, out, dout, dl2, dl1};
  }

  /**
   * Forward and backward over every row of the chunk, adding to the gradient sums.
   *
   * @param inputGradient receives each block's x.g; {@code null} to skip computing it (it must be
   *     null when this pass was built without input gradients)
   */
  public void accumulate(RowChunk chunk, InputGradientSink inputGradient) {
    checkWidth(chunk);
    if (inputGradient != null && dx == null) {
      throw new IllegalStateException("this pass was built without input gradients");
    }
    for (int first = 0; first < chunk.count; first += blockRows) {
      int b = Math.min(blockRows, chunk.count - first);
      load(chunk, first, b);
      forward();
      squaredErrors += Mse.forward(out, y);
      backward(inputGradient != null);
      if (sums != blockGradients) addBlockGradientsToSums();
      if (inputGradient != null) inputGradient.accept(chunk.rowIds, first, dx);
      rows += b;
    }
  }

  /** The forward pass alone: Σ (out − y)² over the chunk's rows (a loss for finite differences). */
  public double squaredErrorSum(RowChunk chunk) {
    checkWidth(chunk);
    double sum = 0;
    for (int first = 0; first < chunk.count; first += blockRows) {
      int b = Math.min(blockRows, chunk.count - first);
      load(chunk, first, b);
      forward();
      sum += Mse.forward(out, y);
    }
    return sum;
  }

  private void load(RowChunk chunk, int first, int b) {
    x.loadColumns(chunk.pixels, first, b, scale);
    y.loadLabels(chunk.labels, first, b);
    for (Matrix a : blockSized) a.setCols(b);
  }

  private void forward() {
    Linear.forward(l1, x, mlp.w1, mlp.b1);    // l1  = x·w1 + b1
    Relu.forward(l2, l1);                     // l2  = relu(l1)
    Linear.forward(out, l2, mlp.w2, mlp.b2);  // out = l2·w2 + b2
  }

  private void backward(boolean wantInput) {
    Mse.backward(dout, out, y);                                          // out.g = 2·(out − y)
    Linear.backward(dl2, dw2, db2, dout, l2, mlp.w2);                    // l2.g, w2.g, b2.g
    Relu.backward(dl1, dl2, l1);                                         // l1.g = (l1 > 0)·l2.g
    Linear.backward(wantInput ? dx : null, dw1, db1, dl1, x, mlp.w1);    // x.g, w1.g, b1.g
  }

  private void checkWidth(RowChunk chunk) {
    if (chunk.width != mlp.shape.inputs) {
      throw new IllegalArgumentException(
          "rows of " + chunk.width + " pixels for an MLP with " + mlp.shape.inputs + " inputs");
    }
  }

  private void addBlockGradientsToSums() {
    for (int k = 0; k < sums.length; k++) {
      blockGradients[k].addTo(sums[k]);
      blockGradients[k].zero();
    }
  }

  /** The unscaled gradient sums in θ's layout ({@link MlpShape}), as doubles. */
  public double[] gradientSums() {
    MlpShape s = mlp.shape;
    double[] theta = new double[s.size()];
    MlpShape.Tensor[] order = MlpShape.Tensor.values(); // w1, b1, w2, b2: the order of `sums`
    for (int k = 0; k < order.length; k++) copy(sums[k], theta, s.offset(order[k]));
    return theta;
  }

  private static void copy(Matrix m, double[] to, int offset) {
    for (int k = 0; k < m.size(); k++) to[offset + k] = m.get(k);
  }

  /** Σ (out − y)² over the rows accumulated so far. */
  public double squaredErrors() {
    return squaredErrors;
  }

  /** Rows accumulated so far. */
  public long rows() {
    return rows;
  }
}
