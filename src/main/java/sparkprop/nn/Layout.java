package sparkprop.nn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The sizes of a dense network, {@code n0 → n1 → … → nK} (n0 the inputs, nK the outputs), and the
 * layout of its parameters in one flat vector θ = (w1, b1, w2, b2, …, wK, bK). Parameters, gradient
 * sums and finite-difference directions all use this layout, so adding, scaling and dotting them is
 * one loop, and each layer's weight and bias are views at offsets into it. For the seed's
 * {@code m → nh → 1} this is exactly its θ = (w1, b1, w2, b2).
 */
public final class Layout implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The longest θ: the most elements a Java array holds. */
  public static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;

  private final int[] sizes;
  private final List<Tensor> tensors;
  private final int size;

  public Layout(int... sizes) {
    if (sizes.length < 2) throw new IllegalArgumentException("a network needs at least inputs and outputs: " + Arrays.toString(sizes));
    for (int n : sizes) {
      if (n <= 0) throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
    }
    this.sizes = sizes.clone();
    List<Tensor> t = new ArrayList<>();
    long at = 0;
    for (int k = 1; k < sizes.length; k++) {
      t.add(new Tensor("w" + k, k, false, (int) at, sizes[k - 1], sizes[k]));
      at += (long) sizes[k - 1] * sizes[k];
      t.add(new Tensor("b" + k, k, true, (int) Math.min(at, Integer.MAX_VALUE), sizes[k], 1));
      at += sizes[k];
      if (at > MAX_PARAMETERS) {
        throw new IllegalArgumentException("network " + this + " has more parameters than one array holds");
      }
    }
    this.tensors = Collections.unmodifiableList(t);
    this.size = (int) at;
  }

  /**
   * Σ_k (n_{k−1} + 1)·n_k, the length θ has for these sizes, in long arithmetic: also for sizes whose θ
   * no array could hold ({@link #MAX_PARAMETERS}), which the constructor refuses; Long.MAX_VALUE when
   * even a long cannot count them.
   */
  public static long parameters(int[] sizes) {
    long n = 0;
    for (int k = 1; k < sizes.length; k++) {
      n += ((long) sizes[k - 1] + 1) * sizes[k]; // each term < 2^62
      if (n < 0) return Long.MAX_VALUE;
    }
    return n;
  }

  /** The fastai seed's regressor {@code m → nh → 1}: one output, the digit as a number. */
  public static Layout regressor(int inputs, int hidden) {
    return new Layout(inputs, hidden, 1);
  }

  /** Number of layers with parameters, K. */
  public int layers() {
    return sizes.length - 1;
  }

  /** n_k for k = 0 (inputs) … K (outputs). */
  public int size(int k) {
    return sizes[k];
  }

  public int inputs() {
    return sizes[0];
  }

  public int outputs() {
    return sizes[sizes.length - 1];
  }

  /** n0 … nK as a fresh array. */
  public int[] sizes() {
    return sizes.clone();
  }

  /** Number of parameters, the length of θ. */
  public int size() {
    return size;
  }

  /** w1, b1, …, wK, bK in θ order. */
  public List<Tensor> tensors() {
    return tensors;
  }

  public Tensor weight(int k) {
    return tensors.get(2 * (k - 1));
  }

  public Tensor bias(int k) {
    return tensors.get(2 * (k - 1) + 1);
  }

  /** The tensor with this name ("w1", "b2", …), or null. */
  public Tensor tensor(String name) {
    for (Tensor t : tensors) {
      if (t.name.equals(name)) return t;
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Layout && Arrays.equals(((Layout) o).sizes, sizes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sizes);
  }

  /** "784-50-1", as {@code --layers} spells it. */
  @Override
  public String toString() {
    return text(sizes);
  }

  /** "784-50-1" for any sizes, also those no Layout can be made of. */
  public static String text(int[] sizes) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < sizes.length; k++) b.append(k > 0 ? "-" : "").append(sizes[k]);
    return b.toString();
  }

  /** Parses "784-64-32-10"; null when the text is not of that form. */
  public static int[] parseSizes(String text) {
    String[] parts = text.trim().split("-", -1);
    if (parts.length < 2) return null;
    int[] out = new int[parts.length];
    try {
      for (int k = 0; k < parts.length; k++) {
        out[k] = Integer.parseInt(parts[k].trim());
        if (out[k] <= 0) return null;
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return out;
  }
}
