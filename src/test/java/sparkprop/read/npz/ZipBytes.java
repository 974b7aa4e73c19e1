package sparkprop.read.npz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Hand-built zip archives for tests of hostile {@code .npz} files: entries whose declared sizes,
 * flags and deflated data say whatever the test needs, which {@link java.util.zip.ZipOutputStream}
 * would not write; their deflated data comes from {@link sparkprop.read.DeflatedZeros}.
 */
final class ZipBytes {
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

  private static void int16(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
  }

  private static void int32(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) out.write((int) (v >>> (8 * i)));
  }
}
