package sparkprop.read.safetensors;

import java.nio.ByteBuffer;

/**
 * The safetensors element types sparkprop reads, with their size in bytes and their exact widening to
 * double (every F32, F16 and BF16 value is a double; none is rounded):
 *
 * <pre>
 *   F64   IEEE binary64                           as is
 *   F32   IEEE binary32                           (double) float
 *   F16   IEEE binary16: 1 sign, 5 exponent (bias 15), 10 fraction bits
 *           normal     (−1)^s · 1.f · 2^(e−15)   = (−1)^s · (1024 + f) · 2^(e−25)
 *           subnormal  (−1)^s · 0.f · 2^−14      = (−1)^s · f · 2^−24
 *           e = 31     ±∞ (f = 0) or NaN
 *   BF16  bfloat16: the upper half of a binary32, so its bits shifted left by 16 are that float
 * </pre>
 */
public enum SafeDtype {
  F64(8),
  F32(4),
  F16(2),
  BF16(2);

  /** Bytes per element. */
  public final int size;

  SafeDtype(int size) {
    this.size = size;
  }

  /** The dtype the header names, or null when sparkprop does not read it (integers, booleans, F8…). */
  public static SafeDtype of(String name) {
    for (SafeDtype d : values()) {
      if (d.name().equals(name)) return d;
    }
    return null;
  }

  /** Reads {@code count} elements from {@code in} (little-endian) into {@code out} from {@code at}. */
  void decode(ByteBuffer in, double[] out, int at, int count) {
    for (int k = at; k < at + count; k++) {
      switch (this) {
        case F64: out[k] = in.getDouble(); break;
        case F32: out[k] = in.getFloat(); break;
        case F16: out[k] = half(in.getShort()); break;
        default: out[k] = Float.intBitsToFloat((in.getShort() & 0xffff) << 16); break;
      }
    }
  }

  /** An IEEE binary16 value as the double it is. */
  static double half(short bits) {
    int sign = (bits >> 15) & 1;
    int exponent = (bits >> 10) & 0x1f;
    int fraction = bits & 0x3ff;
    double magnitude;
    if (exponent == 0x1f) magnitude = fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    else if (exponent == 0) magnitude = Math.scalb((double) fraction, -24);
    else magnitude = Math.scalb((double) (1024 + fraction), exponent - 25);
    return sign == 1 ? -magnitude : magnitude;
  }
}
