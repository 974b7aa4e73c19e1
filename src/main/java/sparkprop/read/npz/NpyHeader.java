package sparkprop.read.npz;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sparkprop.BadInputException;

/**
 * The header of a {@code .npy} array: its dtype, memory order and shape, read from or written in the
 * NumPy format: the magic {@code \x93NUMPY}, a version (1.0, 2.0 or 3.0), the header length (2 bytes
 * little-endian in 1.0, 4 bytes in 2.0 and 3.0) and a Python dict literal (latin-1, or UTF-8 in 3.0)
 * padded with spaces and ending in {@code \n}.
 */
final class NpyHeader {
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** NumPy pads headers so that the data starts at a multiple of this many bytes. */
  static final int ARRAY_ALIGN = 64;
  /** NumPy's headroom for the shape to grow in place ({@code GROWTH_AXIS_MAX_DIGITS}). */
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;
  /** Longer headers are rejected rather than read (NumPy itself refuses more than 10,000 bytes). */
  private static final int MAX_HEADER_LENGTH = 1 << 20;
  /** NumPy's own limit on the number of axes ({@code NPY_MAXDIMS} in NumPy 2). */
  static final int MAX_NDIM = 64;
  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

  final NpyDtype dtype;
  final boolean fortranOrder;
  final int[] shape;
  /** The number of values: the product of the shape, at most {@link NpzReader#MAX_VALUES}. */
  final int count;
  /** The bytes the header took, magic to final {@code \n}: where the data starts. */
  final long headerBytes;

  private NpyHeader(NpyDtype dtype, boolean fortranOrder, int[] shape, int count, long headerBytes) {
    this.dtype = dtype;
    this.fortranOrder = fortranOrder;
    this.shape = shape;
    this.count = count;
    this.headerBytes = headerBytes;
  }

  /** The bytes of data the header declares: count × item size. */
  long dataBytes() {
    return (long) count * dtype.itemSize;
  }

  /** The shape and dtype for a message: {@code shape (784, 50) of '<f8'}. */
  String describe() {
    return "shape " + NpyArray.shapeString(shape) + " of '" + dtype.descr + "'";
  }

  /**
   * Reads the header from the start of a {@code .npy} stream, leaving the stream at the first data
   * byte.
   *
   * @param where the file and entry, for error messages
   * @throws BadInputException for a bad magic, an unknown version, a truncated or malformed header,
   *     an unsupported dtype, or a shape of more than {@link NpzReader#MAX_VALUES} values (so that
   *     nothing is allocated for what the header claims)
   */
  static NpyHeader read(InputStream in, String where) throws IOException {
    byte[] prefix = in.readNBytes(MAGIC.length + 2);
    if (prefix.length == 0) throw problem(where, "empty entry (not a .npy array)");
    for (int i = 0; i < Math.min(prefix.length, MAGIC.length); i++) {
      if (prefix[i] != MAGIC[i]) throw problem(where, "bad magic (not a .npy array)");
    }
    if (prefix.length < MAGIC.length + 2) throw problem(where, "truncated header");
    int major = prefix[6] & 0xff;
    int minor = prefix[7] & 0xff;
    if (major < 1 || major > 3 || minor != 0) {
      throw problem(where, "unsupported .npy format version " + major + "." + minor + " (expected 1.0, 2.0 or 3.0)");
    }
    byte[] lengthBytes = in.readNBytes(major == 1 ? 2 : 4);
    if (lengthBytes.length < (major == 1 ? 2 : 4)) throw problem(where, "truncated header");
    long length = 0;
    for (int i = lengthBytes.length - 1; i >= 0; i--) length = (length << 8) | (lengthBytes[i] & 0xff);
    if (length > MAX_HEADER_LENGTH) {
      throw problem(where, "malformed header (header length " + length + " exceeds " + MAX_HEADER_LENGTH + " bytes)");
    }
    byte[] text = in.readNBytes((int) length);
    if (text.length < length) {
      throw problem(where, "truncated header (expected " + length + " bytes, found " + text.length + ")");
    }
    String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    long headerBytes = prefix.length + lengthBytes.length + length;
    return fromDict(PyLiteralParser.parseDict(dict, where), headerBytes, where);
  }

  private static NpyHeader fromDict(Map<String, Object> dict, long headerBytes, String where) {
    for (String key : dict.keySet()) {
      if (!KEYS.contains(key)) throw problem(where, "malformed header (unexpected key '" + key + "')");
    }
    for (String key : List.of("descr", "fortran_order", "shape")) {
      if (!dict.containsKey(key)) throw problem(where, "malformed header (no '" + key + "')");
    }
    Object fortran = dict.get("fortran_order");
    if (!(fortran instanceof Boolean)) {
      throw problem(where,
          "malformed header ('fortran_order' is " + PyLiteralParser.repr(fortran) + ", expected True or False)");
    }
    Object descr = dict.get("descr");
    if (descr instanceof List) throw NpyDtype.unsupported("(a structured dtype)", where);
    if (!(descr instanceof String)) {
      throw problem(where, "malformed header ('descr' is " + PyLiteralParser.repr(descr) + ", expected a string)");
    }
    NpyDtype dtype = NpyDtype.parse((String) descr, where);
    int[] shape = shape(dict.get("shape"), where);
    return new NpyHeader(dtype, (Boolean) fortran, shape, count(shape, where), headerBytes);
  }

  /**
   * The product of the shape, refused above {@link NpzReader#MAX_VALUES}; computed exactly (a
   * BigInteger: the product of 64 axes of up to 2^31 - 1 overflows a long) so the message is true.
   */
  private static int count(int[] shape, String where) {
    BigInteger count = BigInteger.ONE;
    for (int d : shape) count = count.multiply(BigInteger.valueOf(d));
    if (count.compareTo(BigInteger.valueOf(NpzReader.MAX_VALUES)) > 0) {
      throw problem(where, "array too large: shape " + NpyArray.shapeString(shape) + " holds " + count
          + " values, more than the limit of " + NpzReader.MAX_VALUES + " (NpzReader.MAX_VALUES)");
    }
    return count.intValue();
  }

  private static int[] shape(Object value, String where) {
    if (!(value instanceof List)) throw badShape(value, where);
    List<?> dims = (List<?>) value;
    if (dims.size() > MAX_NDIM) {
      throw problem(where, "malformed header ('shape' has " + dims.size() + " axes, more than NumPy's "
          + MAX_NDIM + ")");
    }
    int[] shape = new int[dims.size()];
    for (int axis = 0; axis < shape.length; axis++) {
      Object d = dims.get(axis);
      if (!(d instanceof Long) || (Long) d < 0) throw badShape(value, where);
      if ((Long) d > Integer.MAX_VALUE) {
        throw problem(where, "array too large: dimension " + d + " of shape " + PyLiteralParser.repr(value)
            + " exceeds " + Integer.MAX_VALUE);
      }
      shape[axis] = (int) (long) (Long) d;
    }
    return shape;
  }

  private static BadInputException badShape(Object value, String where) {
    return problem(where, "malformed header ('shape' is " + PyLiteralParser.repr(value)
        + ", expected a tuple of non-negative integers)");
  }

  private static BadInputException problem(String where, String problem) {
    return new BadInputException(where + ": " + problem);
  }

  /**
   * A version 1.0 header as NumPy writes it, magic included: the dict with keys in sorted order, the
   * shape as a Python tuple, NumPy's growth headroom, then spaces and {@code \n} so that its length is a
   * multiple of {@link #ARRAY_ALIGN}.
   *
   * @throws IllegalArgumentException if the header would not fit the 2-byte length of version 1.0
   */
  static byte[] encodeV1(String descr, boolean fortranOrder, int[] shape) {
    StringBuilder dict = new StringBuilder()
        .append("{'descr': '").append(descr).append("', ")
        .append("'fortran_order': ").append(fortranOrder ? "True" : "False").append(", ")
        .append("'shape': ").append(NpyArray.shapeString(shape)).append(", }");
    if (shape.length > 0) {
      int growthAxis = fortranOrder ? shape.length - 1 : 0;
      dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[growthAxis]).length())));
    }
    int prefixLength = MAGIC.length + 2 + 2;
    int textLength = dict.length() + 1; // with the final '\n'
    int padding = ARRAY_ALIGN - (prefixLength + textLength) % ARRAY_ALIGN;
    dict.append(" ".repeat(padding)).append('\n');
    byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (text.length > 0xffff) throw new IllegalArgumentException("header too long for .npy version 1.0");
    byte[] header = new byte[prefixLength + text.length];
    System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
    header[6] = 1;
    header[7] = 0;
    header[8] = (byte) text.length;
    header[9] = (byte) (text.length >>> 8);
    System.arraycopy(text, 0, header, prefixLength, text.length);
    return header;
  }
}
