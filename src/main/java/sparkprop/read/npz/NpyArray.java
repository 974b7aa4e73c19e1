package sparkprop.read.npz;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable named n-dimensional array of doubles, as held in one {@code .npy} entry of an
 * {@code .npz} file.
 *
 * <p>The values are always in C (row-major) order, whatever order the file held them in: element
 * {@code (i0, …, ik)} is at {@code ((i0 * shape[1] + i1) * shape[2] + …) + ik}. A shape of length 0 is
 * a scalar holding one value. {@link #sourceDtype()} records the NumPy dtype the file held (for
 * example {@code "<f8"} or {@code "<f4"}); float32 values are widened exactly to double.
 */
public final class NpyArray {
  private final String name;
  private final int[] shape;
  private final double[] data;
  private final String sourceDtype;

  /**
   * An array over copies of {@code shape} and {@code data}.
   *
   * @param name the array's name (the {@code .npz} key, without {@code .npy})
   * @param shape the extent of each axis, each {@code >= 0}; empty for a scalar
   * @param data the values in C order; its length must be the product of {@code shape}
   * @param sourceDtype the NumPy dtype string the values came from, e.g. {@code "<f8"}
   * @throws IllegalArgumentException if a dimension is negative or the data length does not match
   */
  public NpyArray(String name, int[] shape, double[] data, String sourceDtype) {
    this(Objects.requireNonNull(data, "data").clone(), name, shape, sourceDtype);
  }

  /** Takes {@code data} itself; the public constructor passes a copy. */
  private NpyArray(double[] data, String name, int[] shape, String sourceDtype) {
    this.name = Objects.requireNonNull(name, "name");
    this.shape = Objects.requireNonNull(shape, "shape").clone();
    this.sourceDtype = Objects.requireNonNull(sourceDtype, "sourceDtype");
    boolean empty = false;
    for (int d : this.shape) {
      if (d < 0) {
        throw new IllegalArgumentException("array '" + name + "': negative dimension in " + shapeString(this.shape));
      }
      empty |= d == 0;
    }
    long count = empty ? 0 : 1; // a zero axis empties any shape, however large the others
    for (int axis = 0; axis < this.shape.length && !empty; axis++) {
      count *= this.shape[axis]; // below 2^31 before each step: fits a long
      if (count > Integer.MAX_VALUE) throw new IllegalArgumentException("array '" + name + "': too many values");
    }
    if (count != data.length) {
      throw new IllegalArgumentException("array '" + name + "': shape " + shapeString(this.shape) + " holds " + count
          + " values but " + data.length + " were given");
    }
    this.data = data;
  }

  /**
   * An array that takes {@code data} as it is, without the copy the public constructor makes: for the
   * reader, whose freshly read arrays may be hundreds of MB and are referenced nowhere else.
   */
  static NpyArray owning(String name, int[] shape, double[] data, String sourceDtype) {
    return new NpyArray(data, name, shape, sourceDtype);
  }

  /** A float64 array ({@code sourceDtype "<f8"}), e.g. one about to be written by {@link NpzWriter}. */
  public static NpyArray of(String name, int[] shape, double[] data) {
    return new NpyArray(name, shape, data, "<f8");
  }

  /** The array's name: its {@code .npz} key, without the {@code .npy} suffix. */
  public String name() {
    return name;
  }

  /** A copy of the shape; empty for a scalar. */
  public int[] shape() {
    return shape.clone();
  }

  /** The number of axes (0 for a scalar). */
  public int ndim() {
    return shape.length;
  }

  /** The extent of one axis. */
  public int dim(int axis) {
    return shape[axis];
  }

  /** The number of values: the product of the shape (1 for a scalar). */
  public int size() {
    return data.length;
  }

  /** A copy of the values in C (row-major) order. */
  public double[] data() {
    return data.clone();
  }

  /** The NumPy dtype the values were read from, e.g. {@code "<f8"}, {@code ">f4"}. */
  public String sourceDtype() {
    return sourceDtype;
  }

  /**
   * The value at one index, one coordinate per axis ({@code get()} for a scalar).
   *
   * @throws IndexOutOfBoundsException if the index has the wrong number of coordinates or one is out
   *     of range
   */
  public double get(int... index) {
    if (index.length != shape.length) {
      throw new IndexOutOfBoundsException("array '" + name + "' has " + shape.length + " axes, index has "
          + index.length);
    }
    int offset = 0;
    for (int axis = 0; axis < shape.length; axis++) {
      int i = index[axis];
      if (i < 0 || i >= shape[axis]) {
        throw new IndexOutOfBoundsException("array '" + name + "': index " + Arrays.toString(index)
            + " out of range for shape " + shapeString(shape));
      }
      offset = offset * shape[axis] + i;
    }
    return data[offset];
  }

  /** The shape as NumPy prints it: {@code (784, 50)}, {@code (50,)}, {@code ()}. */
  public String shapeString() {
    return shapeString(shape);
  }

  /** A shape as NumPy prints a tuple: {@code (784, 50)}, {@code (50,)}, {@code ()}. */
  static String shapeString(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int axis = 0; axis < shape.length; axis++) {
      if (axis > 0) sb.append(", ");
      sb.append(shape[axis]);
    }
    if (shape.length == 1) sb.append(',');
    return sb.append(')').toString();
  }

  /** Equal name, shape, dtype and values (values compared as {@link Arrays#equals(double[], double[])}). */
  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof NpyArray)) return false;
    NpyArray other = (NpyArray) o;
    return name.equals(other.name) && Arrays.equals(shape, other.shape) && sourceDtype.equals(other.sourceDtype)
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(shape), sourceDtype, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return name + shapeString() + " " + sourceDtype;
  }
}
