package sparkprop.nn;

import sparkprop.rows.RowChunk;

/**
 * The forward and backward pass of a dense network over rows, block by block: the one kernel that the
 * distributed path (one instance per partition), the single-node reference, finite differences and
 * training all run.
 *
 * <p>Rows are stacked into column-major blocks of up to {@code blockRows} columns; every buffer is
 * allocated once and reused for every block (and, through {@link PassPool}, for every task of a JVM);
 * the heavy steps are gemm calls. The block buffers are as wide as the widest block met so far, at most
 * {@code blockRows}: {@code --block-rows 1000000} over a partition of 2,000 rows allocates 2,000
 * columns, not a million. The blocks themselves, and so every number, depend only on {@code blockRows}.
 * {@link PassFootprint} is what a pass holds, for checking a run against the heap before it starts. A chunk that {@link ConvertedChunks} holds already converted is
 * read in place, block by block, without being copied. Parameter gradients
 * and the loss sum accumulate, unscaled, across all blocks given to {@link #accumulate}. For layers
 * k = 1 … K (the seed's 784-50-1: l1 = z1, l2 = a1, out = z2):
 *
 * <pre>
 *   forward    z_k = Dense_k(a_{k−1})      a_0 = x,  a_k = f(z_k) for k &lt; K,  out = z_K
 *   loss       Σ terms(out, labels)
 *   backward   out.g = loss'(out)          then for k = K … 1:
 *              a_{k−1}.g, w_k.g, b_k.g  from Dense_k.backward(z_k.g)
 *              z_{k−1}.g = f'(z_{k−1}) · a_{k−1}.g        (seed: l1.g = (l1 &gt; 0)·l2.g)
 * </pre>
 */
public final class GradientPass {
  private final Network net;
  private final int blockRows;
  private final PixelScale scale;
  private final Activation activation;
  private Loss loss;
  private final int layers;
  private final boolean inputGradient;
  /** Columns the block buffers have, 0 until the first block: at most blockRows. */
  private int capacity;

  // Activations of one block, B ≤ blockRows columns each; index k = 0 … K.
  private final Matrix[] z;  // z[k]: n_k×B pre-activations (z[0] unused)
  private final Matrix[] a;  // a[0] = x (m×B, pixels / pixelMax): a view into a converted chunk, or `input`;
                             // a[k] = f(z[k]) for 0 < k < K; a[K] = z[K] = out
  private Matrix input;      // the buffer that blocks are converted into, allocated when first needed
  // Their gradients (unscaled: the global 1/N comes after aggregation).
  private final Matrix[] dz; // dz[k]: n_k×B
  private final Matrix[] da; // da[k]: n_k×B for 0 < k < K; da[0] = x.g, allocated only when wanted
  private final Dense[] dense;
  // Parameter gradients in θ's layout: in the run's precision as the layers accumulate them, and their
  // sums over every row seen, always in double. In float64 these are the same; in float32 each block's
  // gradients are added to the sums and the float buffer cleared, so that rounding grows with the
  // block size, not with the partition size.
  private final Matrix gradient;
  private final Matrix sums;
  private double lossSum;
  private long rows;
  /** S beside the gradient, for the reference's comparison; null (nothing extra done) unless asked for. */
  private AbsoluteTerms absolute;
  /** What {@link PassPool} files this pass under; null when it was not borrowed from the pool. */
  PassPool.Key poolKey;

  public GradientPass(Network net, int blockRows, PixelScale scale, boolean inputGradient) {
    if (blockRows <= 0) throw new IllegalArgumentException("blockRows " + blockRows);
    this.net = net;
    this.blockRows = blockRows;
    this.scale = scale;
    this.activation = net.architecture.activation;
    Layout layout = net.layout;
    Precision p = net.precision;
    layers = layout.layers();
    this.inputGradient = inputGradient;
    z = new Matrix[layers + 1];
    a = new Matrix[layers + 1];
    dz = new Matrix[layers + 1];
    da = new Matrix[layers + 1];
    gradient = Matrix.zeros(p, layout.size(), 1);
    sums = p == Precision.FLOAT64 ? gradient : Matrix.zeros(Precision.FLOAT64, layout.size(), 1);
    dense = new Dense[layers + 1];
    for (int k = 1; k <= layers; k++) dense[k] = net.layer(k, gradient);
  }

  /** Block buffers of at least {@code columns} (≤ blockRows) columns: allocated on first need, grown when a wider block comes. */
  private void ensureColumns(int columns) {
    if (columns <= capacity) return;
    int c = Math.min(blockRows, columns);
    Precision p = net.precision;
    Layout layout = net.layout;
    loss = Loss.of(net.architecture.loss, p, layout.outputs(), c);
    if (inputGradient) da[0] = Matrix.zeros(p, layout.inputs(), c);
    for (int k = 1; k <= layers; k++) {
      int n = layout.size(k);
      z[k] = Matrix.zeros(p, n, c);
      a[k] = k < layers ? Matrix.zeros(p, n, c) : z[k];
      dz[k] = Matrix.zeros(p, n, c);
      if (k < layers) da[k] = Matrix.zeros(p, n, c);
    }
    input = null; // the conversion buffer, when one is needed, at the new width
    capacity = c;
  }

  /**
   * Makes this pass also accumulate, beside every gradient element, the sum of its per-row terms'
   * absolute values ({@link AbsoluteTerms}): one more gemm per layer, and one for x.g's per-row S when
   * input gradients are computed. Only the single-node reference asks for it; a pass that does not
   * (the distributed one) does exactly what it did before.
   */
  public GradientPass withAbsoluteTerms() {
    if (absolute == null) absolute = new AbsoluteTerms(net);
    return this;
  }

  /**
   * Starts over at θ = {@code parameters} (same layout): the sums, loss sum and row count back to
   * zero, the buffers kept.
   */
  void restart(Parameters parameters) {
    net.load(parameters);
    gradient.zero();
    if (sums != gradient) sums.zero();
    if (absolute != null) absolute.zero();
    lossSum = 0;
    rows = 0;
  }

  /**
   * Forward and backward over every row of the chunk, adding to the gradient sums.
   *
   * @param inputGradient receives each block's x.g; {@code null} to skip computing it (it must be
   *     null when this pass was built without input gradients)
   */
  public void accumulate(RowChunk chunk, InputGradientSink inputGradient) {
    checkWidth(chunk);
    if (inputGradient != null && !this.inputGradient) {
      throw new IllegalStateException("this pass was built without input gradients");
    }
    Matrix converted = converted(chunk);
    ensureColumns(Math.min(blockRows, chunk.count));
    for (int first = 0; first < chunk.count; first += blockRows) {
      int b = Math.min(blockRows, chunk.count - first);
      load(chunk, converted, first, b);
      forward();
      lossSum += loss.forwardBackward(dz[layers], a[layers], chunk.labels, first); // Σ terms, and out.g
      backward(inputGradient != null);
      if (absolute != null) absolute.add(a, dz, inputGradient != null);
      if (sums != gradient) {
        gradient.addTo(sums);
        gradient.zero();
      }
      if (inputGradient != null) inputGradient.accept(chunk.rowIds, first, da[0]);
      rows += b;
    }
  }

  /** The forward pass alone: the loss sum over the chunk's rows (a loss for finite differences). */
  public double lossSum(RowChunk chunk) {
    return lossSum(chunk, null);
  }

  /**
   * The forward pass alone: the loss sum over the chunk's rows, and each block's output (outputs×B,
   * column j is row {@code first + j} of the chunk) handed to {@code outputs} unless it is null.
   */
  public double lossSum(RowChunk chunk, OutputSink outputs) {
    checkWidth(chunk);
    double sum = 0;
    Matrix converted = converted(chunk);
    ensureColumns(Math.min(blockRows, chunk.count));
    for (int first = 0; first < chunk.count; first += blockRows) {
      int b = Math.min(blockRows, chunk.count - first);
      load(chunk, converted, first, b);
      forward();
      sum += loss.forward(a[layers], chunk.labels, first);
      if (outputs != null) outputs.accept(chunk, first, a[layers]);
    }
    return sum;
  }

  /** Receives each block's output during a forward pass; the matrix is valid only during the call. */
  @FunctionalInterface
  public interface OutputSink {
    void accept(RowChunk chunk, int first, Matrix out);
  }

  /**
   * The forward pass alone, for prediction: the network's output for the block of {@code b} rows from
   * {@code first}, outputs×b, valid until the next call.
   */
  public Matrix outputs(RowChunk chunk, int first, int b) {
    checkWidth(chunk);
    ensureColumns(Math.min(b, blockRows));
    load(chunk, converted(chunk), first, Math.min(b, blockRows));
    forward();
    return a[layers];
  }

  /** The chunk converted once for this JVM, or null to convert it block by block. */
  private Matrix converted(RowChunk chunk) {
    return ConvertedChunks.columns(chunk, net.precision, scale);
  }

  /** Makes rows [first, first+b) of the chunk the current block: a[0] and the live widths. */
  private void load(RowChunk chunk, Matrix converted, int first, int b) {
    if (converted != null) {
      a[0] = converted.view(first * chunk.width, chunk.width, b);
    } else {
      if (input == null) input = Matrix.zeros(net.precision, net.layout.inputs(), capacity);
      input.loadColumns(chunk.pixels, first, b, scale);
      a[0] = input;
    }
    if (da[0] != null) da[0].setCols(b);
    for (int k = 1; k <= layers; k++) {
      z[k].setCols(b);
      a[k].setCols(b);
      dz[k].setCols(b);
      if (da[k] != null) da[k].setCols(b);
    }
  }

  private void forward() {
    for (int k = 1; k <= layers; k++) {
      dense[k].forward(z[k], a[k - 1]);                     // z_k = w_kᵀ·a_{k−1} + b_k
      if (k < layers) activation.forward(a[k], z[k]);       // a_k = f(z_k)
    }
  }

  /** From out.g = dz[K], which {@link Loss#forwardBackward} wrote with the loss. */
  private void backward(boolean wantInput) {
    for (int k = layers; k >= 1; k--) {
      Matrix dinp = k > 1 ? da[k - 1] : (wantInput ? da[0] : null);
      dense[k].backward(dinp, dz[k], a[k - 1]);                         // a_{k−1}.g, w_k.g, b_k.g
      if (k > 1) activation.backward(dz[k - 1], da[k - 1], z[k - 1], a[k - 1]); // z_{k−1}.g
    }
  }

  private void checkWidth(RowChunk chunk) {
    if (chunk.width != net.layout.inputs()) {
      throw new IllegalArgumentException(
          "rows of " + chunk.width + " pixels for a network with " + net.layout.inputs() + " inputs");
    }
  }

  /** The unscaled gradient sums in θ's layout ({@link Layout}), as a fresh array of doubles. */
  public double[] gradientSums() {
    return sums.toDoubles();
  }

  /** The unscaled sums S of {@link #withAbsoluteTerms()} in θ's layout, as a fresh array. */
  public double[] absoluteTermSums() {
    if (absolute == null) throw new IllegalStateException("this pass was not asked for absolute terms");
    return absolute.sums();
  }

  /** S of x.g for column j of the block just handed to the input-gradient sink (unscaled). */
  public double inputAbsoluteTerms(int j) {
    if (absolute == null) throw new IllegalStateException("this pass was not asked for absolute terms");
    return absolute.rowScale(j);
  }

  /**
   * Σ|loss terms| over the rows so far: the loss sum itself, since every term is ≥ 0 — a square for
   * MSE; for cross-entropy (max + log Σexp(z − max)) − z_label, where the log is ≥ 0 (its sum holds
   * exp(0) = 1) and max ≥ z_label, so rounding keeps it ≥ 0.
   */
  public double absoluteLossSum() {
    return lossSum;
  }

  /** The sum of the loss terms over the rows accumulated so far. */
  public double lossSum() {
    return lossSum;
  }

  /** Loss terms per row (the mean divides the sums by rows × this). */
  public int termsPerRow() {
    return net.architecture.loss.termsPerRow(net.layout);
  }

  /** Rows accumulated so far. */
  public long rows() {
    return rows;
  }
}
