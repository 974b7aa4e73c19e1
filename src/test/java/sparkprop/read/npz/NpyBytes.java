package sparkprop.read.npz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-built {@code .npy} bytes for tests, independent of the writer under test. */
final class NpyBytes {
  private NpyBytes() {}

  /** A {@code .npy} file of the given version (1, 2 or 3) with a header dict text and raw data bytes. */
  static byte[] npy(int major, String dict, byte[] data) {
    byte[] text = (dict + "\n").getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    int lengthBytes = major == 1 ? 2 : 4;
    for (int i = 0; i < lengthBytes; i++) out.write(text.length >>> (8 * i));
    out.writeBytes(text);
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** A header dict as NumPy writes it. */
  static String dict(String descr, boolean fortran, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape
        + ", }";
  }

  /** The values as float64 bytes in the given byte order. */
  static byte[] f8(ByteOrder order, double... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(order);
    for (double v : values) buffer.putDouble(v);
    return buffer.array();
  }

  /** The values as float32 bytes in the given byte order. */
  static byte[] f4(ByteOrder order, float... values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(order);
    for (float v : values) buffer.putFloat(v);
    return buffer.array();
  }
}
