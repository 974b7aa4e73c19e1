package sparkprop.nn;

/**
 * A dense column-major matrix in one {@link Precision}: element (i, j) at {@code i + j*rows}.
 *
 * <p>Buffers are allocated once for a block of {@code capacity} columns and reused: {@link
 * #setCols(int)} shrinks the live width for the last, shorter block of a partition (the first
 * {@code cols} columns of a column-major array are a contiguous prefix, so nothing moves). All
 * operations write into {@code this}; operands are never modified. Operands must share the
 * receiver's precision. A matrix holds storage, views and GEMM; the element-wise maths of each
 * activation and loss lives in {@link Activation}, {@link Mse} and {@link CrossEntropy}.
 */
public abstract class Matrix {
  /** Where element 0 sits in the backing array: non-zero for a {@linkplain #view view} into θ. */
  protected final int offset;
  protected final int rows;
  protected final int capacity;
  protected int cols;

  protected Matrix(int offset, int rows, int cols) {
    if (rows <= 0 || cols < 0) throw new IllegalArgumentException("bad shape " + rows + "x" + cols);
    this.offset = offset;
    this.rows = rows;
    this.capacity = cols;
    this.cols = cols;
  }

  public static Matrix zeros(Precision precision, int rows, int cols) {
    return precision == Precision.FLOAT64 ? new Float64Matrix(rows, cols) : new Float32Matrix(rows, cols);
  }

  /** A matrix holding {@code values} (column-major, length rows·cols), rounded to the precision. */
  public static Matrix of(Precision precision, int rows, int cols, double[] values) {
    Matrix m = zeros(precision, rows, cols);
    for (int k = 0; k < values.length; k++) m.set(k, values[k]);
    return m;
  }

  public final int rows() {
    return rows;
  }

  public final int cols() {
    return cols;
  }

  public final int size() {
    return rows * cols;
  }

  /** Sets the live number of columns, at most the capacity allocated. */
  public final void setCols(int n) {
    if (n < 0 || n > capacity) throw new IllegalArgumentException(n + " columns, capacity " + capacity);
    cols = n;
  }

  public abstract Precision precision();

  /**
   * A rows×cols matrix sharing this one's storage from element {@code at} on: a layer's weight or
   * bias inside the flat θ or gradient. Writes through either are seen by both.
   */
  public abstract Matrix view(int at, int rows, int cols);

  /** Element k of the column-major storage, as a double. */
  public abstract double get(int k);

  public abstract void set(int k, double value);

  /** {@code this[k] = values[k]} for every live element, rounded to the precision as {@link #set} does. */
  public abstract void setAll(double[] values);

  public final double get(int i, int j) {
    return get(i + j * rows);
  }

  /** Sets every live element to zero. */
  public abstract void zero();

  /** The live elements as doubles, column-major. */
  public final double[] toDoubles() {
    double[] out = new double[size()];
    for (int k = 0; k < out.length; k++) out[k] = get(k);
    return out;
  }

  /**
   * {@code this = alpha · op(a) · op(b) + beta · this}, one level-3 BLAS call; op is a transpose
   * where {@code transA}/{@code transB} say so. Shapes: op(a) is rows×k, op(b) is k×cols.
   */
  public abstract void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta);

  /** {@code this[:, j] += v} for every live column j; v is rows×1 (a bias). */
  public abstract void addToColumns(Matrix v);

  /** {@code acc += Σ_j this[:, j]}, the row sums; acc is rows×1 (a bias gradient). */
  public abstract void addRowSumsTo(Matrix acc);

  /**
   * {@code sum += this}, elementwise, in double: {@code sum} is a float64 matrix of this shape (the
   * running sums that float32 blocks are added to).
   */
  public final void addTo(Matrix sum) {
    if (sum.rows != rows || sum.cols != cols || sum.precision() != Precision.FLOAT64) {
      throw new IllegalArgumentException(sum + " cannot hold the sum of " + this);
    }
    Float64Matrix s = (Float64Matrix) sum;
    addToDoubles(s.data, s.offset);
  }

  /** {@code sum[at + k] += this[k]} for every live element k. */
  protected abstract void addToDoubles(double[] sum, int at);

  /** Loads the one-hot encoding of {@code count} labels as columns (outputs×count) and sets the width. */
  public abstract void loadOneHot(byte[] labels, int first, int count);

  /**
   * Loads images {@code [first, first+count)} of a byte pixel array (image r at
   * {@code r*rows … r*rows+rows-1}) as columns, each pixel mapped through {@code scale[byte]}, and
   * sets the live width to {@code count}.
   */
  public abstract void loadColumns(byte[] pixels, int first, int count, PixelScale scale);

  /** Loads {@code count} labels (digits) starting at {@code first} as a 1×count row of numbers. */
  public abstract void loadLabels(byte[] labels, int first, int count);

  /** Label j of a block as a class index, refused when the network has no output for it. */
  protected final int classOf(byte[] labels, int at) {
    int c = labels[at] & 0xff;
    if (c >= rows) {
      throw new sparkprop.BadInputException("label " + c + " needs at least " + (c + 1)
          + " outputs, but the network has " + rows + " (--layers)");
    }
    return c;
  }

  protected final void checkSameShape(Matrix other) {
    if (other.rows != rows || other.cols != cols || other.precision() != precision()) {
      throw new IllegalArgumentException(
          "shape " + other.rows + "x" + other.cols + " " + other.precision() + " where " + rows + "x"
              + cols + " " + precision() + " expected");
    }
  }

  protected static int checkedK(int rows, int cols, Matrix a, boolean transA, Matrix b, boolean transB) {
    int aRows = transA ? a.cols : a.rows;
    int k = transA ? a.rows : a.cols;
    int bRows = transB ? b.cols : b.rows;
    int bCols = transB ? b.rows : b.cols;
    if (aRows != rows || bRows != k || bCols != cols) {
      throw new IllegalArgumentException(
          "gemm shapes: op(a) " + aRows + "x" + k + ", op(b) " + bRows + "x" + bCols + ", c " + rows + "x" + cols);
    }
    return k;
  }

  @Override
  public String toString() {
    return precision().label() + "[" + rows + "x" + cols + "]";
  }
}
