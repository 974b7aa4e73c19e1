package sparkprop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares a JSON document byte for byte with the one pinned beside the test (a resource of the test's
 * package): every key, its order, and how each number is written (1.0E-6, 3 vs 3.0, "NaN" vs null) are
 * what pipelines read. On a difference the document written is left in {@code target/json-pins/} to diff
 * against the pinned one; a change that is meant copies it over, and its commit says which keys changed.
 */
public final class JsonPin {
  private JsonPin() {}

  public static void assertPinned(Class<?> test, String name, byte[] written) throws IOException {
    byte[] pinned;
    try (InputStream in = test.getResourceAsStream(name)) {
      pinned = in == null ? null : in.readAllBytes();
    }
    String b = new String(written, StandardCharsets.UTF_8);
    if (pinned != null && new String(pinned, StandardCharsets.UTF_8).equals(b)) return;
    Path out = Path.of("target", "json-pins", test.getPackageName().replace('.', '/'), name);
    Files.createDirectories(out.getParent());
    Files.write(out, written);
    if (pinned == null) fail("no pinned " + name + " beside " + test.getName() + "; the document written is in " + out);
    String a = new String(pinned, StandardCharsets.UTF_8);
    List<String> x = a.lines().toList();
    List<String> y = b.lines().toList();
    int k = 0;
    while (k < x.size() && k < y.size() && x.get(k).equals(y.get(k))) k++;
    fail(name + " differs from the pinned document at line " + (k + 1) + ": pinned "
        + (k < x.size() ? "'" + x.get(k) + "'" : "(end)") + ", written " + (k < y.size() ? "'" + y.get(k) + "'" : "(end)")
        + "; the whole document written is in " + out);
  }
}
