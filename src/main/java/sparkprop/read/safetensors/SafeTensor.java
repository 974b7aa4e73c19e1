package sparkprop.read.safetensors;

import java.util.Objects;

/**
 * One named tensor of a safetensors file: its values as doubles in C (row-major) order, as the file
 * lays them out (element {@code (i0, …, ik)} at {@code ((i0·shape[1] + i1)·shape[2] + …) + ik}), and the
 * dtype they were stored in (the writer stores F64 whatever it says). A shape of length 0 is a scalar.
 * The arrays are held, not copied: the reader's are referenced nowhere else.
 */
public record SafeTensor(String name, SafeDtype dtype, int[] shape, double[] values) {
  public SafeTensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype");
    if (count(shape) != values.length) {
      throw new IllegalArgumentException(name + ": shape " + shapeString(shape) + " for " + values.length + " values");
    }
  }

  /** A float64 tensor, as the writer stores it. */
  public static SafeTensor f64(String name, int[] shape, double[] values) {
    return new SafeTensor(name, SafeDtype.F64, shape, values);
  }

  /** The number of elements a shape holds (1 for a scalar). */
  public static long count(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) throw new IllegalArgumentException("negative dimension in " + shapeString(shape));
      n = Math.multiplyExact(n, (long) d);
    }
    return n;
  }

  /** "(50, 784)", "(10,)", "()": as the error messages and NumPy spell a shape. */
  public static String shapeString(int[] shape) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) b.append(i > 0 ? ", " : "").append(shape[i]);
    return b.append(shape.length == 1 ? ",)" : ")").toString();
  }

  /** This tensor's shape as its message text. */
  public String shapeString() {
    return shapeString(shape);
  }
}
