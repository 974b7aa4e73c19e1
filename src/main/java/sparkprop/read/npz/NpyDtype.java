package sparkprop.read.npz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import sparkprop.BadInputException;

/** A supported {@code .npy} element type: float64 or float32, little- or big-endian. */
final class NpyDtype {
  final String descr;
  final int itemSize;
  final ByteOrder order;

  private NpyDtype(String descr, int itemSize, ByteOrder order) {
    this.descr = descr;
    this.itemSize = itemSize;
    this.order = order;
  }

  /**
   * The dtype named by a header's {@code 'descr'}: one of {@code <f8 >f8 <f4 >f4}.
   *
   * @param where the file and entry, for the error message
   * @throws BadInputException for any other dtype (integers, float16, complex, …)
   */
  static NpyDtype parse(String descr, String where) {
    if (descr.length() == 3 && descr.charAt(1) == 'f') {
      char byteOrder = descr.charAt(0);
      char width = descr.charAt(2);
      ByteOrder order = byteOrder == '<' ? ByteOrder.LITTLE_ENDIAN : byteOrder == '>' ? ByteOrder.BIG_ENDIAN : null;
      if (order != null && (width == '8' || width == '4')) return new NpyDtype(descr, width - '0', order);
    }
    throw unsupported("'" + descr + "'", where);
  }

  /** The error for a dtype this codec does not read. */
  static BadInputException unsupported(String what, String where) {
    return new BadInputException(where + ": unsupported dtype " + what + " (expected float64 or float32)");
  }

  /**
   * Decodes {@code n} values from {@code raw[0, n·itemSize)} into {@code out[at, at+n)}, widened to
   * double: one chunk of the data at a time, so that no buffer of the whole data is needed.
   */
  void decode(byte[] raw, int n, double[] out, int at) {
    ByteBuffer buffer = ByteBuffer.wrap(raw, 0, n * itemSize).order(order);
    if (itemSize == 8) {
      DoubleBuffer doubles = buffer.asDoubleBuffer();
      doubles.get(out, at, n);
    } else {
      FloatBuffer floats = buffer.asFloatBuffer();
      for (int i = 0; i < n; i++) out[at + i] = floats.get(i);
    }
  }
}
