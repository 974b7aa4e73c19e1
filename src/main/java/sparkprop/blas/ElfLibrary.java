package sparkprop.blas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this package needs from a 64-bit little-endian ELF shared library file (x86-64 Linux): the
 * values of some exported symbols ({@code .dynsym}), the file offset of the segment mapped first, and
 * the OpenBLAS version string in {@code .rodata}. Read from the file, never executed.
 */
final class ElfLibrary {
  private static final Pattern OPENBLAS_VERSION = Pattern.compile("OpenBLAS (\\d+\\.\\d+\\.\\d+)");
  private static final int SHT_DYNSYM = 11;
  private static final int PT_LOAD = 1;

  /** Exported symbols kept by the filter: name → value (an address relative to the load base). */
  final Map<String, Long> symbols;
  /** p_vaddr of the loadable segment at file offset 0, rounded down to a page: base = mapping start − this. */
  final long firstLoadVaddr;
  /** "0.3.31" from the library's "OpenBLAS 0.3.31 ..." config string, or null when it has none. */
  final String openblasVersion;

  private ElfLibrary(Map<String, Long> symbols, long firstLoadVaddr, String openblasVersion) {
    this.symbols = symbols;
    this.firstLoadVaddr = firstLoadVaddr;
    this.openblasVersion = openblasVersion;
  }

  static ElfLibrary read(Path file, Predicate<String> keep) throws IOException {
    // Positional reads, not a memory mapping: a mapping of the file would show up in /proc/self/maps
    // beside the dynamic loader's and could be mistaken for it.
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer h = part(ch, 0, 64);
      if (h.getInt(0) != 0x464c457f) throw new IOException(file + " is not an ELF file");
      if (h.get(4) != 2 || h.get(5) != 1) throw new IOException(file + " is not a 64-bit little-endian ELF file");
      long phoff = h.getLong(0x20);
      long shoff = h.getLong(0x28);
      int phentsize = Short.toUnsignedInt(h.getShort(0x36));
      int phnum = Short.toUnsignedInt(h.getShort(0x38));
      int shentsize = Short.toUnsignedInt(h.getShort(0x3A));
      int shnum = Short.toUnsignedInt(h.getShort(0x3C));
      int shstrndx = Short.toUnsignedInt(h.getShort(0x3E));

      long firstLoad = 0;
      ByteBuffer ph = part(ch, phoff, (long) phnum * phentsize);
      for (int i = 0; i < phnum; i++) {
        int at = i * phentsize;
        if (ph.getInt(at) == PT_LOAD && ph.getLong(at + 8) == 0) {
          firstLoad = ph.getLong(at + 16) & ~0xfffL;
          break;
        }
      }

      ByteBuffer sh = part(ch, shoff, (long) shnum * shentsize);
      int shstr = shstrndx * shentsize;
      ByteBuffer names = part(ch, sh.getLong(shstr + 24), sh.getLong(shstr + 32));
      Map<String, Long> symbols = new HashMap<>();
      String version = null;
      for (int i = 0; i < shnum; i++) {
        int at = i * shentsize;
        int type = sh.getInt(at + 4);
        long offset = sh.getLong(at + 24);
        long size = sh.getLong(at + 32);
        String name = cString(names, Integer.toUnsignedLong(sh.getInt(at)));
        if (type == SHT_DYNSYM) {
          int link = sh.getInt(at + 40) * shentsize;
          ByteBuffer strings = part(ch, sh.getLong(link + 24), sh.getLong(link + 32));
          ByteBuffer syms = part(ch, offset, size);
          int entsize = (int) sh.getLong(at + 56);
          for (int s = 0; s + entsize <= syms.limit(); s += entsize) {
            if (syms.getShort(s + 6) == 0) continue; // undefined here: an import
            String sym = cString(strings, Integer.toUnsignedLong(syms.getInt(s)));
            if (keep.test(sym)) symbols.put(sym, syms.getLong(s + 8));
          }
        } else if (name.equals(".rodata") && version == null) {
          version = findVersion(part(ch, offset, size));
        }
      }
      return new ElfLibrary(Map.copyOf(symbols), firstLoad, version);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new IOException(file + ": malformed ELF file (" + e + ")", e);
    }
  }

  private static ByteBuffer part(FileChannel ch, long offset, long size) throws IOException {
    if (offset < 0 || size < 0 || size > Integer.MAX_VALUE || offset + size > ch.size()) {
      throw new IOException("ELF part [" + offset + ", +" + size + ") lies outside the file");
    }
    ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, offset + b.position()) < 0) throw new IOException("unexpected end of file");
    }
    return b.flip();
  }

  private static String cString(ByteBuffer b, long at) {
    int start = (int) at;
    int end = start;
    while (end < b.limit() && b.get(end) != 0) end++;
    byte[] bytes = new byte[end - start];
    b.get(start, bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** The first "OpenBLAS x.y.z" in the section (OpenBLAS keeps its config string there). */
  private static String findVersion(ByteBuffer b) {
    byte[] needle = "OpenBLAS ".getBytes(StandardCharsets.ISO_8859_1);
    int end = b.limit() - needle.length - 5;
    outer:
    for (int i = 0; i < end; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (b.get(i + k) != needle[k]) continue outer;
      }
      Matcher m = OPENBLAS_VERSION.matcher(cString(b, i));
      if (m.lookingAt()) return m.group(1);
    }
    return null;
  }
}
