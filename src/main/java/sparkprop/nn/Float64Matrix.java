package sparkprop.nn;

import java.util.Arrays;

/** A {@link Matrix} of doubles; its products are netlib {@code dgemm} calls. */
public final class Float64Matrix extends Matrix {
  final double[] data;

  public Float64Matrix(int rows, int cols) {
    super(rows, cols);
    this.data = new double[Math.multiplyExact(rows, cols)];
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT64;
  }

  @Override
  public double get(int k) {
    return data[k];
  }

  @Override
  public void set(int k, double value) {
    data[k] = value;
  }

  @Override
  public void zero() {
    Arrays.fill(data, 0, size(), 0.0);
  }

  @Override
  public void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta) {
    int k = checkedK(rows, cols, a, transA, b, transB);
    if (cols == 0) return;
    Blas.get().dgemm(transA ? "T" : "N", transB ? "T" : "N", rows, cols, k,
        alpha, ((Float64Matrix) a).data, a.rows, ((Float64Matrix) b).data, b.rows, beta, data, rows);
  }

  @Override
  public void addToColumns(Matrix v) {
    double[] bias = ((Float64Matrix) v).data;
    for (int j = 0; j < cols; j++) {
      int col = j * rows;
      for (int i = 0; i < rows; i++) data[col + i] += bias[i];
    }
  }

  @Override
  public void addRowSumsTo(Matrix acc) {
    double[] sums = ((Float64Matrix) acc).data;
    for (int j = 0; j < cols; j++) {
      int col = j * rows;
      for (int i = 0; i < rows; i++) sums[i] += data[col + i];
    }
  }

  @Override
  public void relu(Matrix in) {
    checkSameShape(in);
    double[] x = ((Float64Matrix) in).data;
    for (int k = 0, n = size(); k < n; k++) data[k] = keepIfPositive(x[k], x[k]); // x > 0 ? x : 0
  }

  @Override
  public void reluMask(Matrix in, Matrix grad) {
    checkSameShape(in);
    checkSameShape(grad);
    double[] x = ((Float64Matrix) in).data;
    double[] g = ((Float64Matrix) grad).data;
    for (int k = 0, n = size(); k < n; k++) data[k] = keepIfPositive(x[k], g[k]); // x > 0 ? g : 0
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
  public double squaredError(Matrix target) {
    checkSameShape(target);
    double[] y = ((Float64Matrix) target).data;
    double sum = 0;
    for (int k = 0, n = size(); k < n; k++) {
      double diff = data[k] - y[k];
      sum += diff * diff;
    }
    return sum;
  }

  @Override
  public void scaledDifference(double scale, Matrix a, Matrix b) {
    checkSameShape(a);
    checkSameShape(b);
    double[] x = ((Float64Matrix) a).data;
    double[] y = ((Float64Matrix) b).data;
    double s = (double) scale;
    for (int k = 0, n = size(); k < n; k++) data[k] = s * (x[k] - y[k]);
  }

  @Override
  public void loadColumns(byte[] pixels, int first, int count, PixelScale scale) {
    setCols(count);
    double[] table = scale.float64;
    int from = first * rows;
    for (int k = 0, n = count * rows; k < n; k++) data[k] = table[pixels[from + k] & 0xff];
  }

  @Override
  protected void addToDoubles(double[] sum) {
    for (int k = 0, n = size(); k < n; k++) sum[k] += data[k];
  }

  @Override
  public void loadLabels(byte[] labels, int first, int count) {
    setCols(count);
    for (int j = 0; j < count; j++) data[j] = labels[first + j];
  }
}
