package sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a real standalone cluster (separate executor JVMs), every executor runs the OpenBLAS bundled in
 * target/sparkprop.jar, installed by {@code sparkprop.blas.BlasPlugin} from conf/spark-defaults.conf
 * before the executor's first task. The driver is {@code sparkprop.blas.BlasProbe} under spark-submit,
 * which prints one line per executor: {@code executor <id> <host> plugin=<bool> <BlasInfo.describe()>; <reason>}.
 *
 * <p>Run with {@code mvn verify -Pcluster} (failsafe), on the run's {@link SharedCluster}, like
 * {@link StandaloneClusterIT}; the driver reads the cluster's secret from its private file.
 */
@Tag("cluster")
@ExtendWith(SharedCluster.Resolver.class)
class BlasOnExecutorsClusterIT {
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void everyExecutorRunsTheBundledOpenBlas(SharedCluster shared) throws Exception {
    Path project = shared.project;
    Path dir = Files.createDirectories(shared.runDir.resolve("blas"));
    boolean ok = false;
    try {
      List<String> cmd = new ArrayList<>();
      cmd.add(StandaloneCluster.javaExecutable());
      cmd.add("-Xmx768m");
      cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
      cmd.addAll(List.of("-cp", project.resolve("target/spark-home/jars") + "/*",
          "org.apache.spark.deploy.SparkSubmit",
          "--master", shared.cluster.masterUrl(),
          "--properties-file", project.resolve("conf/spark-defaults.conf").toString(),
          "--extra-properties-file", shared.driverSecretFile.toString(),
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
      assertTrue(executors.size() >= 2, "expected an executor on each worker" + context);
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
      if (!ok) shared.keep();
    }
  }
}
