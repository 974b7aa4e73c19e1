package sparkprop.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import sparkprop.LocalSpark;

/**
 * The plugin installs the bundled OpenBLAS in the executor before its tasks run, and a task can report
 * its executor's BLAS. In local mode the executor is this JVM; the tests' SparkConf gets spark.plugins
 * from the system property that pom.xml's surefire configuration sets.
 */
class BlasPluginTest {
  @Test
  void executorsRunTheBundledOpenBlasInstalledByThePlugin() {
    JavaSparkContext sc = LocalSpark.context();
    assertTrue(sc.getConf().get("spark.plugins", "").contains(BlasPlugin.class.getName()),
        "spark.plugins does not name " + BlasPlugin.class.getName() + " (pom.xml sets it for surefire)");
    Map<String, BlasProbe.ExecutorBlas> executors = BlasProbe.fromExecutors(sc, 4);
    assertFalse(executors.isEmpty());
    for (BlasProbe.ExecutorBlas e : executors.values()) {
      assertTrue(e.pluginRan, "the executor plugin did not run before the task on " + e);
      assertEquals("JNIBLAS", e.info.implementation, e::toString);
      assertEquals(BlasInfo.Source.BUNDLED, e.info.source, () -> e + "; " + e.info.reason);
      assertTrue(Files.isRegularFile(Path.of(e.info.library)), e::toString);
      assertEquals("0.3.31", e.info.version, e::toString);
      assertEquals(1, e.info.threads, e::toString);
    }
    assertTrue(BlasPlugin.driverPluginRan(), "the driver plugin did not run");
    // Local mode: driver and executor share this JVM, and so its one BLAS.
    assertEquals(BlasInfo.current(), executors.values().iterator().next().info);
  }
}
