package sparkprop.nn;

import java.util.Arrays;

/**
 * A {@link Matrix} of floats; its products are netlib {@code sgemm} calls. Loss terms, bias-gradient
 * row sums and softmax normalisers are summed in double; everything else stays float, as the seed's
 * float32 tensors do. Element k lives at
 * {@code data[offset + k]}: a block buffer owns its array (offset 0), a layer's weight is a view into
 * the network's flat θ.
 */
public final class Float32Matrix extends Matrix {
  final float[] data;
  /** Scratch for {@link #addRowSumsTo}, allocated on first use. */
  private double[] rowSums;

  public Float32Matrix(int rows, int cols) {
    this(new float[Math.multiplyExact(rows, cols)], 0, rows, cols);
  }

  private Float32Matrix(float[] data, int offset, int rows, int cols) {
    super(offset, rows, cols);
    if (offset < 0 || (long) offset + (long) rows * cols > data.length) {
      throw new IllegalArgumentException("view " + rows + "x" + cols + " at " + offset + " of " + data.length);
    }
    this.data = data;
  }

  @Override
  public Matrix view(int at, int rows, int cols) {
    return new Float32Matrix(data, offset + at, rows, cols);
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT32;
  }

  @Override
  public double get(int k) {
    return data[offset + k];
  }

  @Override
  public void set(int k, double value) {
    data[offset + k] = (float) value;
  }

  @Override
  public void setAll(double[] values) {
    if (values.length != size()) throw new IllegalArgumentException(values.length + " values for " + this);
    for (int k = 0; k < values.length; k++) data[offset + k] = (float) values[k];
  }

  @Override
  public void zero() {
    Arrays.fill(data, offset, offset + size(), 0f);
  }

  @Override
  public void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta) {
    int k = checkedK(rows, cols, a, transA, b, transB);
    if (cols == 0) return;
    Float32Matrix fa = (Float32Matrix) a;
    Float32Matrix fb = (Float32Matrix) b;
    Blas.get().sgemm(transA ? "T" : "N", transB ? "T" : "N", rows, cols, k,
        (float) alpha, fa.data, fa.offset, a.rows, fb.data, fb.offset, b.rows, (float) beta, data, offset, rows);
  }

  @Override
  public void addToColumns(Matrix v) {
    Float32Matrix fv = (Float32Matrix) v;
    float[] bias = fv.data;
    int b0 = fv.offset;
    for (int j = 0; j < cols; j++) {
      int col = offset + j * rows;
      for (int i = 0; i < rows; i++) data[col + i] += bias[b0 + i];
    }
  }

  @Override
  public void addRowSumsTo(Matrix acc) {
    Float32Matrix fa = (Float32Matrix) acc;
    float[] sums = fa.data;
    int s0 = fa.offset;
    // Row i's sum in double (a float running sum over a block would lose ~log2(B) bits), its terms added
    // in column order j = 0, 1, … — walked column by column, so that the rows' sums advance together over
    // contiguous memory rather than each waiting on its own chain of additions down a strided row.
    if (rowSums == null) rowSums = new double[rows];
    double[] s = rowSums;
    Arrays.fill(s, 0.0);
    for (int j = 0; j < cols; j++) {
      int col = offset + j * rows;
      for (int i = 0; i < rows; i++) s[i] += data[col + i];
    }
    for (int i = 0; i < rows; i++) sums[s0 + i] += (float) s[i];
  }

  @Override
  public void relu(Matrix in) {
    checkSameShape(in);
    Float32Matrix x = (Float32Matrix) in;
    for (int k = 0, n = size(); k < n; k++) {
      float v = x.data[x.offset + k];
      data[offset + k] = keepIfPositive(v, v); // x > 0 ? x : 0
    }
  }

  @Override
  public void reluMask(Matrix in, Matrix grad) {
    checkSameShape(in);
    checkSameShape(grad);
    Float32Matrix x = (Float32Matrix) in;
    Float32Matrix g = (Float32Matrix) grad;
    for (int k = 0, n = size(); k < n; k++) {
      data[offset + k] = keepIfPositive(x.data[x.offset + k], g.data[g.offset + k]); // x > 0 ? g : 0
    }
  }

  /** {@code x > 0 ? v : +0f}, bit for bit and without a branch: {@link Float64Matrix#keepIfPositive} for floats. */
  static float keepIfPositive(float x, float v) {
    int t = Float.floatToRawIntBits(x) - 1;
    int positive = (~t & (t - 0x7F800000)) >> 31; // all ones when x > 0, else zero
    return Float.intBitsToFloat(Float.floatToRawIntBits(v) & positive);
  }

  @Override
  public void sigmoid(Matrix in) {
    checkSameShape(in);
    Float32Matrix x = (Float32Matrix) in;
    for (int k = 0, n = size(); k < n; k++) data[offset + k] = (float) (1.0 / (1.0 + Math.exp(-x.data[x.offset + k])));
  }

  @Override
  public void sigmoidBackward(Matrix out, Matrix grad) {
    checkSameShape(out);
    checkSameShape(grad);
    Float32Matrix a = (Float32Matrix) out;
    Float32Matrix g = (Float32Matrix) grad;
    for (int k = 0, n = size(); k < n; k++) {
      float s = a.data[a.offset + k];
      data[offset + k] = g.data[g.offset + k] * s * (1f - s);
    }
  }

  @Override
  public void tanh(Matrix in) {
    checkSameShape(in);
    Float32Matrix x = (Float32Matrix) in;
    for (int k = 0, n = size(); k < n; k++) data[offset + k] = (float) Math.tanh(x.data[x.offset + k]);
  }

  @Override
  public void tanhBackward(Matrix out, Matrix grad) {
    checkSameShape(out);
    checkSameShape(grad);
    Float32Matrix a = (Float32Matrix) out;
    Float32Matrix g = (Float32Matrix) grad;
    for (int k = 0, n = size(); k < n; k++) {
      float t = a.data[a.offset + k];
      data[offset + k] = g.data[g.offset + k] * (1f - t * t);
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
    Float32Matrix z = (Float32Matrix) logits;
    for (int j = 0; j < cols; j++) {
      int from = z.offset + j * rows;
      int to = offset + j * rows;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < rows; i++) max = Math.max(max, z.data[from + i]);
      double e = 0;
      for (int i = 0; i < rows; i++) {
        e += Math.exp((double) z.data[from + i] - max);
      }
      for (int i = 0; i < rows; i++) data[to + i] = (float) (Math.exp((double) z.data[from + i] - max) / e); // softmax
      data[to + classOf(labels, first + j)] -= 1f;                                                           // − onehot(label)
    }
  }

  @Override
  public double squaredError(Matrix target) {
    checkSameShape(target);
    Float32Matrix y = (Float32Matrix) target;
    double sum = 0;
    for (int k = 0, n = size(); k < n; k++) {
      float diff = data[offset + k] - y.data[y.offset + k];
      sum += (double) diff * diff;
    }
    return sum;
  }

  @Override
  public void scaledDifference(double scale, Matrix a, Matrix b) {
    checkSameShape(a);
    checkSameShape(b);
    Float32Matrix x = (Float32Matrix) a;
    Float32Matrix y = (Float32Matrix) b;
    float s = (float) scale;
    for (int k = 0, n = size(); k < n; k++) data[offset + k] = s * (x.data[x.offset + k] - y.data[y.offset + k]);
  }

  @Override
  public void loadColumns(byte[] pixels, int first, int count, PixelScale scale) {
    setCols(count);
    float[] table = scale.float32;
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
    for (int j = 0; j < count; j++) data[offset + j * rows + classOf(labels, first + j)] = 1f;
  }
}
