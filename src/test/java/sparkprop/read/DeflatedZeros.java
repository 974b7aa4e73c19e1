package sparkprop.read;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compressed data that inflates to some bytes followed by very many zeros, for tests of hostile input
 * (bombs): built from one repeated block in O(zeros / 1 MiB) time, so a test holds a 2.5 GB bomb in
 * 2.5 MB and builds it in milliseconds.
 */
public final class DeflatedZeros {
  private static final int MIB = 1 << 20;

  private DeflatedZeros() {}

  /**
   * Raw deflate data (as a zip entry holds it) of {@code prefix} followed by {@code zeros} zero bytes:
   * byte-aligned, self-contained blocks (a full flush each), the block for 1 MiB of zeros repeated,
   * then an empty final block.
   */
  public static byte[] deflate(byte[] prefix, long zeros) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(flushed(prefix));
    byte[] mebibyte = flushed(new byte[MIB]);
    for (long k = 0; k < zeros / MIB; k++) out.writeBytes(mebibyte);
    out.writeBytes(flushed(new byte[(int) (zeros % MIB)]));
    out.writeBytes(new byte[] {3, 0}); // final block, fixed codes, nothing but end-of-block
    return out.toByteArray();
  }

  /**
   * A gzip file of {@code prefix} followed by {@code zeros} zero bytes. Its trailer holds the true
   * size (mod 2^32) but CRC 0 unless {@code crc}: computing it reads every byte, seconds for many GB,
   * and a test that must be refused before the end does not need it.
   */
  public static byte[] gzip(byte[] prefix, long zeros, boolean crc) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    out.writeBytes(deflate(prefix, zeros));
    int32(out, crc ? crc(prefix, zeros) : 0);
    int32(out, prefix.length + zeros);
    return out.toByteArray();
  }

  /** The CRC-32 of {@code prefix} followed by {@code zeros} zero bytes. */
  public static long crc(byte[] prefix, long zeros) {
    CRC32 crc = new CRC32();
    crc.update(prefix);
    byte[] mebibyte = new byte[MIB];
    for (long k = 0; k < zeros / MIB; k++) crc.update(mebibyte);
    crc.update(mebibyte, 0, (int) (zeros % MIB));
    return crc.getValue();
  }

  private static byte[] flushed(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 << 10];
      int n;
      do {
        n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
        out.write(buffer, 0, n);
      } while (n == buffer.length);
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static void int32(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) out.write((int) (v >>> (8 * i)));
  }
}
