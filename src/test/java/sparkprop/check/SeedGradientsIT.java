package sparkprop.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed's model (784-50-1, ReLU, MSE, randn seed 0) gives byte-identical {@code gradients.npz}
 * before and after the generalisation to any network. The expected files were written by the code
 * before that change (same command, same bundled sample), under netlib's pure-Java BLAS so that the
 * bits depend on no native library: the child JVM here loads no native BLAS and no Vector API, which
 * leaves netlib's scalar Java11BLAS — the same as then.
 */
@Tag("cluster")
class SeedGradientsIT {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"float64", "float32"})
  void theSeedsGradientsAreByteIdenticalToThoseBeforeTheChange(String precision) throws Exception {
    Path out = tmp.resolve("out");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of(SparkJvm.OPENS));
    cmd.add("-Dsparkprop.blas=java");
    cmd.add("-Ddev.ludovic.netlib.blas.nativeLib=sparkprop-none.so");
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "sparkprop.cli.Main", "check",
        "--partitions", "3", "--precision", precision, "--out", out.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the check did not finish in 300 s");
    }
    String log = Files.readString(tmp.resolve("log"));
    assertEquals(0, p.exitValue(), log);
    byte[] expected;
    try (InputStream in = getClass().getResourceAsStream("/sparkprop/seed/gradients-" + precision + "-p3-java11blas.npz")) {
      expected = in.readAllBytes();
    }
    assertArrayEquals(expected, Files.readAllBytes(out.resolve("gradients.npz")), "gradients.npz differs; log:\n" + log);
  }
}
