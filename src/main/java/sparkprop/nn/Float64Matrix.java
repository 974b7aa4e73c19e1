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
    for (int k = 0, n = size(); k < n; k++) data[k] = x[k] > 0 ? x[k] : 0.0;
  }

  @Override
  public void reluMask(Matrix in, Matrix grad) {
    checkSameShape(in);
    checkSameShape(grad);
    double[] x = ((Float64Matrix) in).data;
    double[] g = ((Float64Matrix) grad).data;
    for (int k = 0, n = size(); k < n; k++) data[k] = x[k] > 0 ? g[k] : 0.0;
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
  public void loadLabels(byte[] labels, int first, int count) {
    setCols(count);
    for (int j = 0; j < count; j++) data[j] = labels[first + j];
  }
}
