package sparkprop.blas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shared libraries mapped into this process, from {@code /proc/self/maps} (Linux; empty
 * elsewhere): whether netlib's JNI library is already loaded, which BLAS files are, and that the
 * bundled OpenBLAS is the one in the process.
 */
final class MappedLibraries {
  private MappedLibraries() {}

  /** The distinct mapped files, in address order. */
  static List<String> files() {
    Set<String> out = new LinkedHashSet<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(Paths.get("/proc/self/maps"), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return new ArrayList<>();
    }
    for (String line : lines) {
      int slash = line.indexOf('/');
      if (slash < 0) continue;
      String path = line.substring(slash);
      if (path.endsWith(" (deleted)")) path = path.substring(0, path.length() - 10);
      out.add(path);
    }
    return new ArrayList<>(out);
  }

  /** The distinct mapped files whose name contains {@code part}, in address order. */
  static List<String> named(String part) {
    List<String> out = new ArrayList<>();
    for (String f : files()) {
      if (f.substring(f.lastIndexOf('/') + 1).contains(part)) out.add(f);
    }
    return out;
  }

  static boolean isMapped(Path file) {
    return files().contains(realPath(file));
  }

  static String realPath(Path file) {
    try {
      return file.toRealPath().toString();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize().toString();
    }
  }
}
