package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./submit.sh} with {@code SPARK_HOME} set to a folder that holds only {@code jars/} (Spark's
 * jars from Maven, as {@code src/test/scripts/spark-versions.sh} lays out each version): the driver's
 * command comes from Spark's launcher in those jars and its class path is theirs, not the bundled
 * {@code target/spark-home/jars}; an {@code conf/spark-defaults.conf} beside them is read as an
 * installation's is ({@code --load-spark-defaults}). Seen through {@code SPARKPROP_DRY_RUN=1}, which
 * prints the command that the run would exec.
 */
class SparkHomeTest {
  @TempDir Path tmp;

  @Test
  void aSparkHomeOfJarsOnlyIsLaunchedFromItsOwnJars() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("spark-x"));
    Files.createSymbolicLink(home.resolve("jars"), JobProcess.PROJECT.resolve("target/spark-home/jars"));
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(home.resolve("conf/spark-defaults.conf"), "spark.ui.enabled false\n");
    Path realHome = home.toRealPath();

    JobProcess dry = JobProcess.run(tmp, tmp, Duration.ofMinutes(2),
        Map.of("SPARKPROP_BUNDLED_SPARK", "", "SPARK_HOME", home.toString(), "SPARKPROP_DRY_RUN", "1"),
        "check", "--limit", "10");

    assertEquals(0, dry.exitCode, dry.toString());
    String command = dry.stdout;
    assertTrue(command.contains(realHome.resolve("jars") + "/\\*"), "the class path is SPARK_HOME's jars:\n" + dry);
    assertFalse(command.contains("target/spark-home"), "nothing of the bundled jars:\n" + dry);
    assertTrue(command.contains("org.apache.spark.deploy.SparkSubmit") && command.contains("--load-spark-defaults"),
        "its conf/spark-defaults.conf is read under submit.sh's own properties file:\n" + dry);
  }
}
