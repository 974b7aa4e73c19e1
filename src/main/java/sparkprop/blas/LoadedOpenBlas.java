package sparkprop.blas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an OpenBLAS library that is loaded in this process chose, read without calling it: its version,
 * the kernel set its run-time CPU dispatch picked (the core name that {@code openblas_get_corename()}
 * would return) and the number of threads it will use.
 *
 * <p>Java 17 cannot call a C function without JNI ({@code java.lang.foreign} is final only from Java
 * 22, and the Java 17 incubator version needs extra JVM flags on every driver and executor), netlib's
 * {@code JNIBLAS} exposes only BLAS routines, and the JavaCPP OpenBLAS bindings (1.5.13) neither bind
 * {@code openblas_get_corename} nor come without their own loader. So this class reads the answer
 * where OpenBLAS keeps it:
 *
 * <ul>
 *   <li>a DYNAMIC_ARCH OpenBLAS exports {@code gotoblas}, a pointer that its initialiser (run when the
 *       library is loaded) sets to one of the exported kernel tables {@code gotoblas_HASWELL},
 *       {@code gotoblas_SKYLAKEX}, {@code gotoblas_ZEN}, ...: the table it points to names the core;
 *   <li>{@code blas_cpu_number} is the thread count OpenBLAS uses (from OPENBLAS_NUM_THREADS at load);
 *   <li>the symbols' offsets come from the file's {@code .dynsym} ({@link ElfLibrary}), the library's
 *       load address from {@code /proc/self/maps}, the values from {@code /proc/self/mem} (a process
 *       may always read its own memory).
 * </ul>
 *
 * Everything here is Linux-only and best-effort: any failure gives "unknown" and the reason, never an
 * exception, and never changes the library's state.
 */
final class LoadedOpenBlas {
  static final String UNKNOWN = "unknown";

  final Path file;
  final String version;
  final String coreName;
  /** OpenBLAS's thread count, or -1 when it could not be read. */
  final int threads;
  /** Why a field is unknown; empty when all are known. */
  final String problem;

  private LoadedOpenBlas(Path file, String version, String coreName, int threads, String problem) {
    this.file = file;
    this.version = version;
    this.coreName = coreName;
    this.threads = threads;
    this.problem = problem;
  }

  /** One mapping of /proc/self/maps. */
  static final class Mapping {
    final long start;
    final long offset;
    final String path;

    Mapping(long start, long offset, String path) {
      this.start = start;
      this.offset = offset;
      this.path = path;
    }
  }

  /** The file-backed mappings of this process, in address order ({@code /proc/self/maps}); empty off Linux. */
  static List<Mapping> mappings() {
    List<Mapping> out = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(Paths.get("/proc/self/maps"), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return out;
    }
    for (String line : lines) {
      int slash = line.indexOf('/');
      if (slash < 0) continue;
      String[] f = line.substring(0, slash).trim().split("\\s+");
      if (f.length < 5) continue;
      try {
        long start = Long.parseUnsignedLong(f[0].substring(0, f[0].indexOf('-')), 16);
        long offset = Long.parseUnsignedLong(f[2], 16);
        String path = line.substring(slash);
        if (path.endsWith(" (deleted)")) path = path.substring(0, path.length() - 10);
        out.add(new Mapping(start, offset, path));
      } catch (RuntimeException malformed) {
        // skip the line
      }
    }
    return out;
  }

  /** The distinct mapped files whose name contains {@code part}, in address order. */
  static List<String> mappedFiles(String part) {
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (Mapping m : mappings()) {
      String name = m.path.substring(m.path.lastIndexOf('/') + 1);
      if (name.contains(part)) seen.put(m.path, Boolean.TRUE);
    }
    return new ArrayList<>(seen.keySet());
  }

  static boolean isMapped(Path file) {
    String real = realPath(file);
    for (Mapping m : mappings()) {
      if (m.path.equals(real)) return true;
    }
    return false;
  }

  static String realPath(Path file) {
    try {
      return file.toRealPath().toString();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize().toString();
    }
  }

  /** Reads what the OpenBLAS in {@code file} chose; {@code file} must be loaded in this process. */
  static LoadedOpenBlas inspect(Path file) {
    String real = realPath(file);
    ElfLibrary elf;
    try {
      elf = ElfLibrary.read(Paths.get(real), s -> s.equals("gotoblas") || s.startsWith("gotoblas_")
          || s.equals("blas_cpu_number"));
    } catch (IOException | RuntimeException e) {
      return new LoadedOpenBlas(file, UNKNOWN, UNKNOWN, -1, "cannot read " + real + ": " + e);
    }
    String version = elf.openblasVersion == null ? UNKNOWN : elf.openblasVersion;
    if (elf.openblasVersion == null) {
      return new LoadedOpenBlas(file, version, UNKNOWN, -1, real + " is not OpenBLAS (no \"OpenBLAS x.y.z\" string)");
    }
    Long base = null;
    for (Mapping m : mappings()) {
      if (m.path.equals(real) && m.offset == 0) {
        base = m.start - elf.firstLoadVaddr;
        break;
      }
    }
    if (base == null) return new LoadedOpenBlas(file, version, UNKNOWN, -1, real + " is not loaded in this process");

    String core = UNKNOWN;
    int threads = -1;
    List<String> problems = new ArrayList<>();
    try (FileChannel mem = FileChannel.open(Paths.get("/proc/self/mem"), StandardOpenOption.READ)) {
      Long gotoblas = elf.symbols.get("gotoblas");
      if (gotoblas == null) {
        problems.add("no gotoblas symbol (not a DYNAMIC_ARCH build)");
      } else {
        long table = read(mem, base + gotoblas, 8).getLong();
        for (Map.Entry<String, Long> e : elf.symbols.entrySet()) {
          if (e.getKey().startsWith("gotoblas_") && base + e.getValue() == table) {
            core = corename(e.getKey().substring("gotoblas_".length()));
          }
        }
        if (core.equals(UNKNOWN)) problems.add("gotoblas points to no exported kernel table");
      }
      Long cpus = elf.symbols.get("blas_cpu_number");
      if (cpus == null) problems.add("no blas_cpu_number symbol");
      else threads = read(mem, base + cpus, 4).getInt();
    } catch (IOException | RuntimeException e) {
      problems.add("cannot read /proc/self/mem: " + e);
    }
    return new LoadedOpenBlas(file, version, core, threads, String.join("; ", problems));
  }

  private static ByteBuffer read(FileChannel mem, long address, int bytes) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.nativeOrder());
    while (b.hasRemaining()) {
      if (mem.read(b, address + b.position()) <= 0) throw new IOException("short read at 0x" + Long.toHexString(address));
    }
    return b.flip();
  }

  /** OpenBLAS's own spelling of the core (as {@code openblas_get_corename()}): "HASWELL" → "Haswell". */
  static String corename(String table) {
    switch (table) {
      case "SKYLAKEX":
        return "SkylakeX";
      case "SAPPHIRERAPIDS":
        return "SapphireRapids";
      case "ZEN":
        return "Zen";
      default:
        return table.isEmpty() ? table : table.charAt(0) + table.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
  }
}
