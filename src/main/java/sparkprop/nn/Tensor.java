package sparkprop.nn;

import java.io.Serializable;

/**
 * One named parameter tensor inside the flat vector θ: a layer's weight {@code wk} (n_{k−1}×n_k,
 * column-major in θ: element (i, j) at {@code offset + i + j·rows}) or bias {@code bk} (n_k). NumPy
 * sees them as {@code (n_{k−1}, n_k)} and {@code (n_k,)} in C order.
 */
public final class Tensor implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String name;
  /** 1-based layer number k. */
  public final int layer;
  public final boolean bias;
  public final int offset;
  public final int rows;
  public final int cols;

  Tensor(String name, int layer, boolean bias, int offset, int rows, int cols) {
    this.name = name;
    this.layer = layer;
    this.bias = bias;
    this.offset = offset;
    this.rows = rows;
    this.cols = cols;
  }

  public int length() {
    return rows * cols;
  }

  /** As NumPy and the seed see it: (n_{k−1}, n_k) for a weight, (n_k,) for a bias. */
  public int[] numpyShape() {
    return bias ? new int[] {rows} : new int[] {rows, cols};
  }

  /** This tensor of θ in C (row-major) order, the order NumPy writes. */
  public double[] toRowMajor(double[] theta) {
    double[] out = new double[length()];
    if (bias || cols == 1) {
      System.arraycopy(theta, offset, out, 0, out.length);
    } else {
      for (int j = 0; j < cols; j++) {
        int from = offset + j * rows;
        for (int i = 0; i < rows; i++) out[i * cols + j] = theta[from + i];
      }
    }
    return out;
  }

  /** Writes this tensor, given in C order, into θ; linear in the tensor's size. */
  public void fromRowMajor(double[] rowMajor, double[] theta) {
    if (rowMajor.length != length()) throw new IllegalArgumentException(rowMajor.length + " values for " + this);
    if (bias || cols == 1) {
      System.arraycopy(rowMajor, 0, theta, offset, rowMajor.length);
    } else {
      for (int i = 0; i < rows; i++) {
        int from = i * cols;
        for (int j = 0; j < cols; j++) theta[offset + i + j * rows] = rowMajor[from + j];
      }
    }
  }

  @Override
  public String toString() {
    return bias ? name + " (" + rows + ",)" : name + " (" + rows + ", " + cols + ")";
  }
}
