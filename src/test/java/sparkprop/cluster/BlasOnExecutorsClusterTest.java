package sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On a real standalone cluster (separate executor JVMs), every executor runs the OpenBLAS bundled in
 * target/sparkprop.jar, installed by {@code sparkprop.blas.BlasPlugin} from conf/spark-defaults.conf
 * before the executor's first task. The driver is {@code sparkprop.blas.BlasProbe} under spark-submit,
 * which prints one line per executor: {@code executor <id> <host> plugin=<bool> <BlasInfo.describe()>; <reason>}.
 *
 * <p>Run with {@code mvn test -Pcluster} (tag {@code cluster}), like {@link StandaloneClusterTest}.
 */
@Tag("cluster")
class BlasOnExecutorsClusterTest {
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void everyExecutorRunsTheBundledOpenBlas() throws Exception {
    Path project = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    for (String built : new String[] {"target/sparkprop.jar", "target/spark-home/jars"}) {
      assertTrue(Files.exists(project.resolve(built)), built + " is missing: run with `mvn test -Pcluster`");
    }
    Path dir = Files.createDirectories(project.resolve("target/cluster-tests")
        .resolve("blas-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"))));
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String secret = HexFormat.of().formatHex(random);
    boolean ok = false;
    try (StandaloneCluster cluster = StandaloneCluster.start(project, dir, secret, 2, 1, Duration.ofSeconds(120))) {
      List<String> cmd = new ArrayList<>();
      cmd.add(StandaloneCluster.javaExecutable());
      cmd.add("-Xmx768m");
      cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
      cmd.addAll(List.of("-cp", project.resolve("target/spark-home/jars") + "/*",
          "org.apache.spark.deploy.SparkSubmit",
          "--master", cluster.masterUrl(),
          "--properties-file", project.resolve("conf/spark-defaults.conf").toString(),
          "--conf", "spark.authenticate=true", "--conf", "spark.authenticate.secret=" + secret,
          "--class", "sparkprop.blas.BlasProbe", project.resolve("target/sparkprop.jar").toString(), "8"));
      Path out = dir.resolve("probe.stdout");
      Path err = dir.resolve("probe.stderr");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      StandaloneCluster.sparkEnvironment(pb.environment(), project);
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(3, TimeUnit.MINUTES)) {
        StandaloneCluster.stop(List.of(p.toHandle()));
        throw new AssertionError("the probe did not finish in 3 minutes; see " + dir);
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String context = "\n--- stdout\n" + stdout + "--- stderr in " + err;
      assertEquals(0, p.exitValue(), "the probe failed" + context);

      List<String> executors = stdout.lines().filter(l -> l.startsWith("executor ")).collect(Collectors.toList());
      assertTrue(executors.size() >= 2, "expected an executor on each of the two workers" + context);
      for (String line : executors) {
        assertTrue(line.contains(" plugin=true "), "BlasPlugin did not run before the task: " + line + context);
        assertTrue(line.contains(" JNIBLAS: bundled OpenBLAS 0.3.31, core "), "not the bundled OpenBLAS: " + line + context);
        assertTrue(line.contains(", 1 thread ("), "OpenBLAS does not run one thread per task: " + line + context);
        assertTrue(line.contains("/libopenblas.so.0)"), line);
        assertTrue(!line.contains("core unknown"), "no core name: " + line + context);
      }
      assertTrue(stdout.lines().anyMatch(l -> l.startsWith("driver JNIBLAS: bundled OpenBLAS 0.3.31")), context);
      ok = true;
    } finally {
      if (ok && !Boolean.getBoolean("sparkprop.cluster.keep")) StandaloneCluster.deleteRecursively(dir);
      else System.err.println("blas cluster test logs kept in " + dir);
    }
  }
}
