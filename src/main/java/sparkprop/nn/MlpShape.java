package sparkprop.nn;

import java.io.Serializable;

/**
 * The shape of the seed's MLP, {@code m → nh → 1}, and the layout of its parameters in one flat
 * vector θ = (w1, b1, w2, b2). Parameters, gradient sums and finite-difference directions all use
 * this layout, so adding, scaling and dotting them is one loop. Within θ, w1 is stored column-major
 * (element (i, j) at {@code i + j*m}), as the kernel's BLAS calls read it.
 */
public final class MlpShape implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The four parameter tensors, in θ order, with the seed's names. */
  public enum Tensor {
    W1("w1"),
    B1("b1"),
    W2("w2"),
    B2("b2");

    public final String key;

    Tensor(String key) {
      this.key = key;
    }
  }

  public final int inputs;
  public final int hidden;

  public MlpShape(int inputs, int hidden) {
    if (inputs <= 0 || hidden <= 0) {
      throw new IllegalArgumentException("MLP shape " + inputs + "→" + hidden + "→1");
    }
    this.inputs = inputs;
    this.hidden = hidden;
  }

  /** Number of parameters, the length of θ. */
  public int size() {
    return inputs * hidden + 2 * hidden + 1;
  }

  /** Where tensor t starts in θ. */
  public int offset(Tensor t) {
    switch (t) {
      case W1: return 0;
      case B1: return inputs * hidden;
      case W2: return inputs * hidden + hidden;
      default: return inputs * hidden + 2 * hidden;
    }
  }

  /** Number of elements of tensor t. */
  public int length(Tensor t) {
    switch (t) {
      case W1: return inputs * hidden;
      case B1:
      case W2: return hidden;
      default: return 1;
    }
  }

  /** The tensor's shape as NumPy and the seed see it: w1 (m, nh), b1 (nh,), w2 (nh, 1), b2 (1,). */
  public int[] numpyShape(Tensor t) {
    switch (t) {
      case W1: return new int[] {inputs, hidden};
      case B1: return new int[] {hidden};
      case W2: return new int[] {hidden, 1};
      default: return new int[] {1};
    }
  }

  /** Tensor t of θ in C (row-major) order, the order NumPy writes; only w1 differs from θ's own. */
  public double[] toRowMajor(double[] theta, Tensor t) {
    int off = offset(t);
    double[] out = new double[length(t)];
    if (t == Tensor.W1) {
      for (int i = 0; i < inputs; i++) {
        for (int j = 0; j < hidden; j++) out[i * hidden + j] = theta[off + i + j * inputs];
      }
    } else {
      System.arraycopy(theta, off, out, 0, out.length);
    }
    return out;
  }

  /** Writes tensor t, given in C order, into θ. */
  public void fromRowMajor(double[] rowMajor, Tensor t, double[] theta) {
    int off = offset(t);
    if (t == Tensor.W1) {
      for (int i = 0; i < inputs; i++) {
        for (int j = 0; j < hidden; j++) theta[off + i + j * inputs] = rowMajor[i * hidden + j];
      }
    } else {
      System.arraycopy(rowMajor, 0, theta, off, length(t));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MlpShape && ((MlpShape) o).inputs == inputs && ((MlpShape) o).hidden == hidden;
  }

  @Override
  public int hashCode() {
    return inputs * 31 + hidden;
  }

  @Override
  public String toString() {
    return inputs + "→" + hidden + "→1";
  }
}
