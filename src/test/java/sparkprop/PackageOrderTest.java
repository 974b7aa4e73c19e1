package sparkprop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Packages import only downward, in the data flow's order (README's code map): a package may use
 * its own level and the levels before it, never one after. The root package ({@link BadInputException})
 * is for everyone; a subpackage not listed is its parent's (read.npz is read). Read from the sources,
 * comments left out, so that a fully qualified name in code counts as an import.
 */
class PackageOrderTest {
  private static final List<List<String>> LEVELS = List.of(List.of("rows", "blas"), List.of("nn"), List.of("read"),
      List.of("model"), List.of("partition"), List.of("aggregate"), List.of("pass"), List.of("compare"), List.of("app"),
      List.of("peer", "check", "train", "bench", "screen"), List.of("report"), List.of("report.html"), List.of("cli"));
  private static final Pattern USE = Pattern.compile("\\bsparkprop\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]");
  private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  @Test
  void noPackageImportsALaterOne() throws IOException {
    Path root = Path.of("src", "main", "java", "sparkprop");
    List<String> upward = new ArrayList<>();
    int files = 0;
    try (Stream<Path> all = Files.walk(root)) {
      for (Path f : all.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        files++;
        String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
        if (pkg.isEmpty()) continue;
        int level = level(pkg, f);
        Matcher m = USE.matcher(COMMENTS.matcher(Files.readString(f)).replaceAll(""));
        TreeSet<String> used = new TreeSet<>();
        while (m.find()) used.add(m.group(1));
        for (String u : used) {
          if (level(u, f) > level) upward.add(root.relativize(f) + " uses sparkprop." + u);
        }
      }
    }
    assertTrue(files > 100, "the sources were found: " + files);
    assertTrue(upward.isEmpty(), "imports against the order " + LEVELS + ":\n" + String.join("\n", upward));
  }

  /** The level of a package, or of its closest listed parent. */
  private static int level(String pkg, Path where) {
    for (String p = pkg; ; p = p.substring(0, p.lastIndexOf('.'))) {
      for (int k = 0; k < LEVELS.size(); k++) if (LEVELS.get(k).contains(p)) return k;
      if (p.indexOf('.') < 0) throw new AssertionError(where + ": package sparkprop." + pkg + " has no place in " + LEVELS);
    }
  }

}
