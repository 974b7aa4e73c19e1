package sparkprop.read.npz;

/** Converts values stored in Fortran (column-major) order to C (row-major) order. */
final class FortranOrder {
  private FortranOrder() {}

  /**
   * The values of a column-major array of the given shape, rearranged into row-major order. Arrays of
   * fewer than two axes are the same in both orders and are returned as given.
   */
  static double[] toC(double[] fortran, int[] shape) {
    int ndim = shape.length;
    if (ndim < 2 || fortran.length == 0) return fortran;
    int[] stride = new int[ndim]; // Fortran stride of each axis: the first axis varies fastest
    stride[0] = 1;
    for (int axis = 1; axis < ndim; axis++) stride[axis] = stride[axis - 1] * shape[axis - 1];
    double[] c = new double[fortran.length];
    int[] index = new int[ndim];
    int offset = 0;
    for (int k = 0; k < c.length; k++) {
      c[k] = fortran[offset];
      for (int axis = ndim - 1; axis >= 0; axis--) { // next index in C order: the last axis varies fastest
        index[axis]++;
        offset += stride[axis];
        if (index[axis] < shape[axis]) break;
        offset -= stride[axis] * shape[axis];
        index[axis] = 0;
      }
    }
    return c;
  }
}
