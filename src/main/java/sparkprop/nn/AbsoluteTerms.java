package sparkprop.nn;

/**
 * S, the scale of a gradient element's rounding: the sum over rows of the absolute values of that
 * element's per-row terms, accumulated beside the gradient by the single-node reference's pass
 * ({@link GradientPass#withAbsoluteTerms()}). Two sums of the same terms in another order differ by a
 * few ε·S (ε the precision's unit roundoff), however much the terms cancel — the absolute floor of the
 * comparison ({@code compare.Tolerances}). For layers k = 1 … K, with the gradients' own formulas
 * beside them ({@link Dense}):
 *
 * <pre>
 *   w_k.g  = Σ_rows a_{k−1}·z_k.gᵀ         S(w_k) = Σ_rows |a_{k−1}|·|z_k.g|ᵀ     one more gemm per layer
 *   b_k.g  = Σ_rows z_k.g                   S(b_k) = Σ_rows |z_k.g|
 *   x.g    = w_1·z_1.g      (one row)       S(x) of a row = max_i (|w_1|·|z_1.g|)_i    one more gemm; one
 *                                           number per row, the largest of its elements' sums (sound for each)
 *   loss   = Σ_rows terms, every term ≥ 0   S(loss) = the loss sum itself ({@link GradientPass#absoluteLossSum()})
 * </pre>
 *
 * Like the gradient, the sums are unscaled, accumulated in the run's precision within a block and in
 * double across blocks. Buffers are allocated for the first block and reused.
 */
final class AbsoluteTerms {
  private final Precision precision;
  private final int layers;
  /** Layers whose gradient views point into {@link #block}: their backward adds |inp|·|dout|ᵀ and Σ|dout|. */
  private final Dense[] dense;
  /** S in θ's layout, in the run's precision for the block being added; the same matrix as sums in float64. */
  private final Matrix block;
  private final Matrix sums;
  // |a_{k−1}| and |z_k.g| of one block; |w_1| and |w_1|·|z_1.g| for the input's per-row S.
  private final Matrix[] absA;
  private final Matrix[] absDz;
  private Matrix absW1;
  private Matrix inputTerms;
  private double[] rowScales;

  AbsoluteTerms(Network net) {
    precision = net.precision;
    Layout layout = net.layout;
    layers = layout.layers();
    block = Matrix.zeros(precision, layout.size(), 1);
    sums = precision == Precision.FLOAT64 ? block : Matrix.zeros(Precision.FLOAT64, layout.size(), 1);
    dense = new Dense[layers + 1];
    for (int k = 1; k <= layers; k++) dense[k] = net.layer(k, block);
    absA = new Matrix[layers + 1];
    absDz = new Matrix[layers + 1];
  }

  /**
   * Adds one block's terms, after its backward pass: a[k] and dz[k] as {@link GradientPass} holds them
   * (n_k×B). With {@code input}, also the block's per-row S of x.g ({@link #rowScale}).
   */
  void add(Matrix[] a, Matrix[] dz, boolean input) {
    for (int k = 1; k <= layers; k++) {
      Matrix inp = absolute(absA, k - 1, a[k - 1]);
      Matrix dout = absolute(absDz, k, dz[k]);
      dense[k].backward(null, dout, inp);                 // S(w_k) += |a_{k−1}|·|z_k.g|ᵀ,  S(b_k) += Σ|z_k.g|
    }
    if (input) inputRowScales(absDz[1]);
    if (sums != block) {
      block.addTo(sums);
      block.zero();
    }
  }

  /** Per row j of the block: max_i (|w_1|·|z_1.g|)_{ij}. */
  private void inputRowScales(Matrix absDz1) {
    Matrix w1 = dense[1].w;
    if (absW1 == null) absW1 = Matrix.zeros(precision, w1.rows(), w1.cols());
    abs(absW1, w1);                                       // θ may have changed since the last block
    int b = absDz1.cols();
    if (inputTerms == null || inputTerms.capacity < b) {
      inputTerms = Matrix.zeros(precision, w1.rows(), b);
      rowScales = new double[b];
    }
    inputTerms.setCols(b);
    inputTerms.gemm(false, false, 1.0, absW1, absDz1, 0.0);  // |w_1|·|z_1.g|
    for (int j = 0; j < b; j++) {
      double max = 0;
      for (int i = 0; i < inputTerms.rows(); i++) max = Math.max(max, inputTerms.get(i, j));
      rowScales[j] = max;
    }
  }

  /** The current block's S of x.g for its column j (unscaled), valid until the next block. */
  double rowScale(int j) {
    return rowScales[j];
  }

  /** The unscaled sums S in θ's layout, as a fresh array. */
  double[] sums() {
    return sums.toDoubles();
  }

  void zero() {
    block.zero();
    if (sums != block) sums.zero();
  }

  /** |m| into buffers[k], grown to m's width when needed; returns it. */
  private Matrix absolute(Matrix[] buffers, int k, Matrix m) {
    Matrix buffer = buffers[k];
    if (buffer == null || buffer.capacity < m.cols()) {
      buffer = Matrix.zeros(precision, m.rows(), m.cols());
      buffers[k] = buffer;
    }
    buffer.setCols(m.cols());
    abs(buffer, m);
    return buffer;
  }

  /** to = |from| element by element (same shape); exact in either precision. */
  private static void abs(Matrix to, Matrix from) {
    int n = from.size();
    for (int k = 0; k < n; k++) to.set(k, Math.abs(from.get(k)));
  }
}
