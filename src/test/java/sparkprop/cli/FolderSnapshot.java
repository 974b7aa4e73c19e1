package sparkprop.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file under a folder, hidden ones too, with its bytes: for "a refused run touches nothing". */
final class FolderSnapshot {
  private FolderSnapshot() {}

  /** Relative path → the file's bytes (ISO-8859-1, one char per byte), or {@code <dir>}. */
  static Map<String, String> of(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      Map<String, String> files = new TreeMap<>();
      for (Path p : s.toList()) {
        files.put(dir.relativize(p).toString(),
            Files.isRegularFile(p) ? new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1) : "<dir>");
      }
      return files;
    }
  }
}
