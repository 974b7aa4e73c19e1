package sparkprop.nn;

import java.util.Arrays;

/**
 * A {@link Matrix} of doubles; its products are netlib {@code dgemm} calls. Element k lives at
 * {@code data[offset + k]}: a block buffer owns its array (offset 0), a layer's weight is a view into
 * the network's flat θ.
 */
public final class Float64Matrix extends Matrix {
  final double[] data;

  public Float64Matrix(int rows, int cols) {
    this(new double[Math.multiplyExact(rows, cols)], 0, rows, cols);
  }

  private Float64Matrix(double[] data, int offset, int rows, int cols) {
    super(offset, rows, cols);
    if (offset < 0 || (long) offset + (long) rows * cols > data.length) {
      throw new IllegalArgumentException("view " + rows + "x" + cols + " at " + offset + " of " + data.length);
    }
    this.data = data;
  }

  @Override
  public Matrix view(int at, int rows, int cols) {
    return new Float64Matrix(data, offset + at, rows, cols);
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT64;
  }

  @Override
  public double get(int k) {
    return data[offset + k];
  }

  @Override
  public void set(int k, double value) {
    data[offset + k] = value;
  }

  @Override
  public void setAll(double[] values) {
    if (values.length != size()) throw new IllegalArgumentException(values.length + " values for " + this);
    for (int k = 0; k < values.length; k++) data[offset + k] = values[k];
  }

  @Override
  public void zero() {
    Arrays.fill(data, offset, offset + size(), 0.0);
  }

  @Override
  public void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta) {
    int k = checkedK(rows, cols, a, transA, b, transB);
    if (cols == 0) return;
    Float64Matrix fa = (Float64Matrix) a;
    Float64Matrix fb = (Float64Matrix) b;
    Blas.get().dgemm(transA ? "T" : "N", transB ? "T" : "N", rows, cols, k,
        alpha, fa.data, fa.offset, a.rows, fb.data, fb.offset, b.rows, beta, data, offset, rows);
  }

  @Override
  public void addToColumns(Matrix v) {
    Float64Matrix fv = (Float64Matrix) v;
    double[] bias = fv.data;
    int b0 = fv.offset;
    for (int j = 0; j < cols; j++) {
      int col = offset + j * rows;
      for (int i = 0; i < rows; i++) data[col + i] += bias[b0 + i];
    }
  }

  @Override
  public void addRowSumsTo(Matrix acc) {
    Float64Matrix fa = (Float64Matrix) acc;
    double[] sums = fa.data;
    int s0 = fa.offset;
    for (int j = 0; j < cols; j++) {
      int col = offset + j * rows;
      for (int i = 0; i < rows; i++) sums[s0 + i] += data[col + i];
    }
  }

  @Override
  public void relu(Matrix in) {
    checkSameShape(in);
    Float64Matrix x = (Float64Matrix) in;
    for (int k = 0, n = size(); k < n; k++) {
      double v = x.data[x.offset + k];
      data[offset + k] = keepIfPositive(v, v); // x > 0 ? x : 0
    }
  }

  @Override
  public void reluMask(Matrix in, Matrix grad) {
    checkSameShape(in);
    checkSameShape(grad);
    Float64Matrix x = (Float64Matrix) in;
    Float64Matrix g = (Float64Matrix) grad;
    for (int k = 0, n = size(); k < n; k++) {
      data[offset + k] = keepIfPositive(x.data[x.offset + k], g.data[g.offset + k]); // x > 0 ? g : 0
    }
  }

  /**
   * {@code x > 0 ? v : +0.0}, bit for bit (NaN, ±0 and ±∞ included), without a branch: the signs of
   * a ReLU's inputs are a coin toss, and a mispredicted branch per element cost 4–5 ns, about eight
   * times this. {@code x > 0} exactly when x's bits, as a signed long, lie in
   * {@code [1, 0x7FF0000000000000]} (+MIN_VALUE … +∞); t = bits − 1 then lies in {@code [0, +∞'s bits)},
   * which the sign bits of {@code ~t} and {@code t − +∞'s bits} test together.
   */
  static double keepIfPositive(double x, double v) {
    long t = Double.doubleToRawLongBits(x) - 1;
    long positive = (~t & (t - 0x7FF0000000000000L)) >> 63; // all ones when x > 0, else zero
    return Double.longBitsToDouble(Double.doubleToRawLongBits(v) & positive);
  }

  @Override
  public void sigmoid(Matrix in) {
    checkSameShape(in);
    Float64Matrix x = (Float64Matrix) in;
    for (int k = 0, n = size(); k < n; k++) data[offset + k] = 1.0 / (1.0 + Math.exp(-x.data[x.offset + k]));
  }

  @Override
  public void sigmoidBackward(Matrix out, Matrix grad) {
    checkSameShape(out);
    checkSameShape(grad);
    Float64Matrix a = (Float64Matrix) out;
    Float64Matrix g = (Float64Matrix) grad;
    for (int k = 0, n = size(); k < n; k++) {
      double s = a.data[a.offset + k];
      data[offset + k] = g.data[g.offset + k] * s * (1.0 - s);
    }
  }

  @Override
  public void tanh(Matrix in) {
    checkSameShape(in);
    Float64Matrix x = (Float64Matrix) in;
    for (int k = 0, n = size(); k < n; k++) data[offset + k] = Math.tanh(x.data[x.offset + k]);
  }

  @Override
  public void tanhBackward(Matrix out, Matrix grad) {
    checkSameShape(out);
    checkSameShape(grad);
    Float64Matrix a = (Float64Matrix) out;
    Float64Matrix g = (Float64Matrix) grad;
    for (int k = 0, n = size(); k < n; k++) {
      double t = a.data[a.offset + k];
      data[offset + k] = g.data[g.offset + k] * (1.0 - t * t);
    }
  }

  @Override
  public double crossEntropy(byte[] labels, int first) {
    double sum = 0;
    for (int j = 0; j < cols; j++) {
      int col = offset + j * rows;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < rows; i++) max = Math.max(max, data[col + i]);
      double e = 0;
      for (int i = 0; i < rows; i++) e += Math.exp(data[col + i] - max);
      sum += max + Math.log(e) - data[col + classOf(labels, first + j)]; // logsumexp − logit of the label
    }
    return sum;
  }

  @Override
  public void crossEntropyGradient(Matrix logits, byte[] labels, int first) {
    checkSameShape(logits);
    Float64Matrix z = (Float64Matrix) logits;
    for (int j = 0; j < cols; j++) {
      int from = z.offset + j * rows;
      int to = offset + j * rows;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < rows; i++) max = Math.max(max, z.data[from + i]);
      double e = 0;
      for (int i = 0; i < rows; i++) {
        double p = Math.exp(z.data[from + i] - max);
        data[to + i] = p;
        e += p;
      }
      double inv = 1.0 / e;
      for (int i = 0; i < rows; i++) data[to + i] *= inv;   // softmax
      data[to + classOf(labels, first + j)] -= 1.0;          // − onehot(label)
    }
  }

  @Override
  public double squaredError(Matrix target) {
    checkSameShape(target);
    Float64Matrix y = (Float64Matrix) target;
    double sum = 0;
    for (int k = 0, n = size(); k < n; k++) {
      double diff = data[offset + k] - y.data[y.offset + k];
      sum += diff * diff;
    }
    return sum;
  }

  @Override
  public void scaledDifference(double scale, Matrix a, Matrix b) {
    checkSameShape(a);
    checkSameShape(b);
    Float64Matrix x = (Float64Matrix) a;
    Float64Matrix y = (Float64Matrix) b;
    for (int k = 0, n = size(); k < n; k++) data[offset + k] = scale * (x.data[x.offset + k] - y.data[y.offset + k]);
  }

  @Override
  public void loadColumns(byte[] pixels, int first, int count, PixelScale scale) {
    setCols(count);
    double[] table = scale.float64;
    int from = first * rows;
    for (int k = 0, n = count * rows; k < n; k++) data[offset + k] = table[pixels[from + k] & 0xff];
  }

  @Override
  protected void addToDoubles(double[] sum, int at) {
    for (int k = 0, n = size(); k < n; k++) sum[at + k] += data[offset + k];
  }

  @Override
  public void loadLabels(byte[] labels, int first, int count) {
    setCols(count);
    for (int j = 0; j < count; j++) data[offset + j] = labels[first + j];
  }

  @Override
  public void loadOneHot(byte[] labels, int first, int count) {
    setCols(count);
    zero();
    for (int j = 0; j < count; j++) data[offset + j * rows + classOf(labels, first + j)] = 1.0;
  }
}
