package sparkprop.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.cli.CommandsInOneJvm;

/**
 * The seed's model (784-50-1, ReLU, MSE, randn seed 0) gives byte-identical {@code gradients.npz}
 * before and after the generalisation to any network, in float64 and in float32. The expected files
 * were written by the code before that change (same command, same bundled sample), under netlib's
 * pure-Java BLAS so that the bits depend on no native library: the child JVM here loads no native BLAS
 * and no Vector API, which leaves netlib's scalar Java11BLAS — the same as then. Both precisions run in
 * that one child JVM, one command after the other, each in a Spark context of its own as
 * {@code Main.main} runs it (issue 18.6: the JVM is what the claim needs fresh, not a JVM per precision).
 */
@Tag("cluster")
class SeedGradientsIT {
  private static final List<String> PRECISIONS = List.of("float64", "float32");

  @TempDir Path tmp;

  @Test
  void theSeedsGradientsAreByteIdenticalToThoseBeforeTheChangeInBothPrecisions() throws Exception {
    List<List<String>> commands = new ArrayList<>();
    for (String precision : PRECISIONS) {
      commands.add(List.of("check", "--partitions", "3", "--precision", precision, "--out", tmp.resolve(precision).toString()));
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of(SparkJvm.OPENS));
    cmd.add("-Dsparkprop.blas=java");
    cmd.add("-Ddev.ludovic.netlib.blas.nativeLib=sparkprop-none.so");
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CommandsInOneJvm.class.getName()));
    cmd.addAll(CommandsInOneJvm.arguments(commands));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the checks did not finish in 300 s");
    }
    String log = Files.readString(tmp.resolve("log"));
    assertEquals(0, p.exitValue(), log);
    for (String precision : PRECISIONS) {
      byte[] expected;
      try (InputStream in = getClass().getResourceAsStream("/sparkprop/seed/gradients-" + precision + "-p3-java11blas.npz")) {
        expected = in.readAllBytes();
      }
      assertArrayEquals(expected, Files.readAllBytes(tmp.resolve(precision).resolve("gradients.npz")),
          precision + ": gradients.npz differs; log:\n" + log);
    }
  }
}
