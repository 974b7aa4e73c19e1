package sparkprop.nn;

/**
 * A linear layer, the seed's {@code Lin}: {@code out = inp @ w + b}.
 *
 * <p>Data is column-major with one column per example, so a B-row block {@code inp} is {@code nIn×B}
 * and the seed's row-major formulas appear transposed:
 *
 * <pre>
 *   out   = wᵀ·inp + b        (nOut×B)      seed: out = inp @ w + b
 *   dinp  = w·dout            (nIn×B)       seed: inp.g = out.g @ w.T
 *   dw   += inp·doutᵀ         (nIn×nOut)    seed: w.g = inp.T @ out.g
 *   db   += Σ_columns dout    (nOut×1)      seed: b.g = out.g.sum(0)
 * </pre>
 *
 * Each product is one gemm with the transposes folded into the call (no transposed copies).
 */
public final class Linear {
  private Linear() {}

  /**
   * @param out  nOut×B, written
   * @param inp  nIn×B
   * @param w    nIn×nOut
   * @param b    nOut×1
   */
  public static void forward(Matrix out, Matrix inp, Matrix w, Matrix b) {
    out.gemm(true, false, 1.0, w, inp, 0.0);
    out.addToColumns(b);
  }

  /**
   * Parameter gradients accumulate ({@code +=}) across blocks; the input gradient is written.
   *
   * @param dinp nIn×B, written; {@code null} when the input's gradient is not wanted
   * @param dw   nIn×nOut, accumulated
   * @param db   nOut×1, accumulated
   * @param dout nOut×B, the gradient arriving from above
   * @param inp  nIn×B, the forward input
   * @param w    nIn×nOut
   */
  public static void backward(Matrix dinp, Matrix dw, Matrix db, Matrix dout, Matrix inp, Matrix w) {
    dw.gemm(false, true, 1.0, inp, dout, 1.0);
    dout.addRowSumsTo(db);
    if (dinp != null) dinp.gemm(false, false, 1.0, w, dout, 0.0);
  }
}
