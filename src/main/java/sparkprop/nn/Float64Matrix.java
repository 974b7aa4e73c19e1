package sparkprop.nn;

import java.util.Arrays;

/**
 * A {@link Matrix} of float64 elements; its products are netlib {@code dgemm} calls. Element k lives at
 * {@code data[offset + k]}: a block buffer owns its array (offset 0), a layer's weight is a view into
 * the network's flat θ. Storage, views and GEMM only: the element-wise maths of each activation and
 * loss lives in {@link Activation}, {@link Mse} and {@link CrossEntropy}.
 *
 * <p>Float32Matrix.java is generated from Float64Matrix.java by Float32Source (src/apparatus; README,
 * "One source for both precisions"): in code the element type {@code double} becomes {@code float},
 * except in method declarations (the API is double in both precisions) and where written
 * "wide double" with a marker comment (sums carried in double in both); an explicit cast to the element
 * type marks each store of a value computed wider. Edit Float64Matrix.java and regenerate;
 * Float32SourceTest fails while the checked-in Float32Matrix.java is not what the generator makes.
 */
public final class Float64Matrix extends Matrix {
  final double[] data;
  /** {@link #addRowSumsTo}'s running sums, allocated on first use. */
  private /*wide*/ double[] rowSums;

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
    data[offset + k] = (double) value;
  }

  @Override
  public void setAll(double[] values) {
    if (values.length != size()) throw new IllegalArgumentException(values.length + " values for " + this);
    for (int k = 0; k < values.length; k++) data[offset + k] = (double) values[k];
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
        (double) alpha, fa.data, fa.offset, a.rows, fb.data, fb.offset, b.rows, (double) beta, data, offset, rows);
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
    // Row i's sum carried in double from acc's value on (in float32 a float running sum over a block would
    // lose ~log2(B) bits), its terms added in column order j = 0, 1, … — walked column by column, so that
    // the rows' sums advance together over contiguous memory rather than each waiting on its own chain of
    // additions down a strided row. With double elements this is acc[i] += this[i, j] for j = 0, 1, …, bit for bit.
    if (rowSums == null) rowSums = new /*wide*/ double[rows];
    /*wide*/ double[] s = rowSums;
    for (int i = 0; i < rows; i++) s[i] = fa.data[fa.offset + i];
    for (int j = 0; j < cols; j++) {
      int col = offset + j * rows;
      for (int i = 0; i < rows; i++) s[i] += data[col + i];
    }
    for (int i = 0; i < rows; i++) fa.data[fa.offset + i] = (double) s[i];
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
