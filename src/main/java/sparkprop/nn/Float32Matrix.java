package sparkprop.nn;

import java.util.Arrays;

/**
 * A {@link Matrix} of floats; its products are netlib {@code sgemm} calls. The loss terms are summed
 * in double; everything else stays float, as the seed's float32 tensors do.
 */
public final class Float32Matrix extends Matrix {
  final float[] data;

  public Float32Matrix(int rows, int cols) {
    super(rows, cols);
    this.data = new float[Math.multiplyExact(rows, cols)];
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT32;
  }

  @Override
  public double get(int k) {
    return data[k];
  }

  @Override
  public void set(int k, double value) {
    data[k] = (float) value;
  }

  @Override
  public void zero() {
    Arrays.fill(data, 0, size(), 0f);
  }

  @Override
  public void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta) {
    int k = checkedK(rows, cols, a, transA, b, transB);
    if (cols == 0) return;
    Blas.get().sgemm(transA ? "T" : "N", transB ? "T" : "N", rows, cols, k,
        (float) alpha, ((Float32Matrix) a).data, a.rows, ((Float32Matrix) b).data, b.rows,
        (float) beta, data, rows);
  }

  @Override
  public void addToColumns(Matrix v) {
    float[] bias = ((Float32Matrix) v).data;
    for (int j = 0; j < cols; j++) {
      int col = j * rows;
      for (int i = 0; i < rows; i++) data[col + i] += bias[i];
    }
  }

  @Override
  public void addRowSumsTo(Matrix acc) {
    float[] sums = ((Float32Matrix) acc).data;
    for (int i = 0; i < rows; i++) {
      double s = 0; // a float running sum over a block would lose ~log2(B) bits
      for (int j = 0; j < cols; j++) s += data[i + j * rows];
      sums[i] += (float) s;
    }
  }

  @Override
  public void relu(Matrix in) {
    checkSameShape(in);
    float[] x = ((Float32Matrix) in).data;
    for (int k = 0, n = size(); k < n; k++) data[k] = keepIfPositive(x[k], x[k]); // x > 0 ? x : 0
  }

  @Override
  public void reluMask(Matrix in, Matrix grad) {
    checkSameShape(in);
    checkSameShape(grad);
    float[] x = ((Float32Matrix) in).data;
    float[] g = ((Float32Matrix) grad).data;
    for (int k = 0, n = size(); k < n; k++) data[k] = keepIfPositive(x[k], g[k]); // x > 0 ? g : 0
  }

  /** {@code x > 0 ? v : +0f}, bit for bit and without a branch: {@link Float64Matrix#keepIfPositive} for floats. */
  static float keepIfPositive(float x, float v) {
    int t = Float.floatToRawIntBits(x) - 1;
    int positive = (~t & (t - 0x7F800000)) >> 31; // all ones when x > 0, else zero
    return Float.intBitsToFloat(Float.floatToRawIntBits(v) & positive);
  }

  @Override
  public double squaredError(Matrix target) {
    checkSameShape(target);
    float[] y = ((Float32Matrix) target).data;
    double sum = 0;
    for (int k = 0, n = size(); k < n; k++) {
      float diff = data[k] - y[k];
      sum += (double) diff * diff;
    }
    return sum;
  }

  @Override
  public void scaledDifference(double scale, Matrix a, Matrix b) {
    checkSameShape(a);
    checkSameShape(b);
    float[] x = ((Float32Matrix) a).data;
    float[] y = ((Float32Matrix) b).data;
    float s = (float) scale;
    for (int k = 0, n = size(); k < n; k++) data[k] = s * (x[k] - y[k]);
  }

  @Override
  public void loadColumns(byte[] pixels, int first, int count, PixelScale scale) {
    setCols(count);
    float[] table = scale.float32;
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
