package sparkprop.nn;

/**
 * A dense layer, the seed's {@code Lin}: {@code out = inp @ w + b}. Its weight and bias are views
 * into the network's flat θ, its gradients views into the flat gradient.
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
public final class Dense {
  final Matrix w;  // nIn×nOut
  final Matrix b;  // nOut×1
  final Matrix dw; // nIn×nOut, accumulated
  final Matrix db; // nOut×1, accumulated

  public Dense(Matrix w, Matrix b, Matrix dw, Matrix db) {
    this.w = w;
    this.b = b;
    this.dw = dw;
    this.db = db;
  }

  /** @param out nOut×B, written; @param inp nIn×B */
  public void forward(Matrix out, Matrix inp) {
    out.gemm(true, false, 1.0, w, inp, 0.0);   // out = wᵀ·inp
    out.addToColumns(b);                       //     + b
  }

  /**
   * Parameter gradients accumulate ({@code +=}) across blocks; the input gradient is written.
   *
   * @param dinp nIn×B, written; {@code null} when the input's gradient is not wanted
   * @param dout nOut×B, the gradient arriving from above
   * @param inp  nIn×B, the forward input
   */
  public void backward(Matrix dinp, Matrix dout, Matrix inp) {
    dw.gemm(false, true, 1.0, inp, dout, 1.0);                 // dw += inp·doutᵀ
    dout.addRowSumsTo(db);                                     // db += Σ_columns dout
    if (dinp != null) dinp.gemm(false, false, 1.0, w, dout, 0.0); // dinp = w·dout
  }
}
