package sparkprop.read.npz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Hand-built zip archives for tests of hostile {@code .npz} files: entries whose declared sizes,
 * flags and deflated data say whatever the test needs, which {@link java.util.zip.ZipOutputStream}
 * would not write. Deflated data of many zeros is built from one repeated block, so a test holds a
 * 2.5 GB bomb in 2.5 MB and builds it in milliseconds.
 */
final class ZipBytes {
  private static final int MIB = 1 << 20;

  private ZipBytes() {}

  /**
   * One entry: its name, its bytes as stored (deflated or not), and what its local header declares.
   * With {@code descriptor}, the local header declares no sizes (flag bit 3) and a data descriptor
   * after the data does, as a zip writer that cannot seek writes them.
   */
  record Entry(String name, byte[] stored, boolean deflated, long crc, long size, boolean descriptor) {
    /** A stored (uncompressed) entry of {@code content}, with its true CRC and size. */
    static Entry stored(String name, byte[] content) {
      CRC32 crc = new CRC32();
      crc.update(content);
      return new Entry(name, content, false, crc.getValue(), content.length, false);
    }
  }

  /** A complete archive of the entries: local headers and data, central directory, end record. */
  static byte[] zip(Entry... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] offsets = new long[entries.length];
    for (int i = 0; i < entries.length; i++) {
      Entry e = entries[i];
      offsets[i] = out.size();
      byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
      int32(out, 0x04034b50);
      common(out, e, name, e.descriptor);
      out.writeBytes(name);
      out.writeBytes(e.stored);
      if (e.descriptor) {
        int32(out, 0x08074b50);
        int32(out, e.crc);
        int32(out, e.stored.length);
        int32(out, e.size);
      }
    }
    long directory = out.size();
    for (int i = 0; i < entries.length; i++) {
      Entry e = entries[i];
      byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
      int32(out, 0x02014b50);
      int16(out, 20); // made by
      common(out, e, name, false);
      int16(out, 0); // comment length
      int16(out, 0); // disk
      int16(out, 0); // internal attributes
      int32(out, 0); // external attributes
      int32(out, offsets[i]);
      out.writeBytes(name);
    }
    long directorySize = out.size() - directory;
    int32(out, 0x06054b50);
    int16(out, 0);
    int16(out, 0);
    int16(out, entries.length);
    int16(out, entries.length);
    int32(out, directorySize);
    int32(out, directory);
    int16(out, 0); // comment length
    return out.toByteArray();
  }

  /** The header fields a local header and a central directory header share, from "version needed". */
  private static void common(ByteArrayOutputStream out, Entry e, byte[] name, boolean hideSizes) {
    int16(out, 20); // version needed
    int16(out, e.descriptor ? 8 : 0); // flags: bit 3, sizes in a data descriptor
    int16(out, e.deflated ? 8 : 0);
    int16(out, 0); // time
    int16(out, 0x21); // date: 1980-01-01
    int32(out, hideSizes ? 0 : e.crc);
    int32(out, hideSizes ? 0 : e.stored.length);
    int32(out, hideSizes ? 0 : e.size);
    int16(out, name.length);
    int16(out, 0); // extra field length
  }

  /**
   * Raw deflate data (as a zip entry holds it) of {@code prefix} followed by {@code zeros} zero
   * bytes: byte-aligned, self-contained blocks (a full flush each), the block for 1 MiB of zeros
   * repeated, then an empty final block.
   */
  static byte[] deflatedWithZeros(byte[] prefix, long zeros) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(flushed(prefix));
    byte[] mebibyte = flushed(new byte[MIB]);
    for (long k = 0; k < zeros / MIB; k++) out.writeBytes(mebibyte);
    out.writeBytes(flushed(new byte[(int) (zeros % MIB)]));
    out.writeBytes(new byte[] {3, 0}); // final block, fixed codes, nothing but end-of-block
    return out.toByteArray();
  }

  /** The CRC-32 of {@code prefix} followed by {@code zeros} zero bytes. */
  static long crcWithZeros(byte[] prefix, long zeros) {
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

  private static void int16(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
  }

  private static void int32(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) out.write((int) (v >>> (8 * i)));
  }
}
