package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The second reader of sparkprop's safetensors files: {@code src/test/resources/safetensors/fixtures.py
 * compare}, numpy + json + struct written from the format's specification. The tests that call it are
 * skipped (not passed) where python3 with numpy is missing.
 */
final class IndependentSafetensorsReader {
  private static final Path SCRIPT = JobProcess.PROJECT.resolve("src/test/resources/safetensors/fixtures.py");

  private IndependentSafetensorsReader() {}

  /** Asserts that the script finds {@code safetensors} equal to {@code npz} after the transpose, bit for bit. */
  static void assertEqualsNpz(Path safetensors, Path npz) throws IOException, InterruptedException {
    assumeTrue(run("python3", "-c", "import numpy").exit == 0, "python3 with numpy is not installed");
    Result r = run("python3", SCRIPT.toString(), "compare", safetensors.toString(), npz.toString());
    assertEquals(0, r.exit, "fixtures.py compare " + safetensors + " " + npz + ":\n" + r.output);
  }

  private record Result(int exit, String output) {}

  private static Result run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, out + "\n(timed out)");
    }
    return new Result(p.exitValue(), out);
  }
}
