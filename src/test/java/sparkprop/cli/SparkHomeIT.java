package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./submit.sh} with {@code SPARK_HOME} set to a folder that holds only {@code jars/} (Spark's
 * jars from Maven, as {@code src/test/scripts/spark-versions.sh} lays out each version): the driver's
 * command comes from Spark's launcher in those jars and its class path is theirs, not the bundled
 * {@code target/spark-home/jars}; an {@code conf/spark-defaults.conf} beside them is read as an
 * installation's is ({@code --load-spark-defaults}), except on Spark 3, whose spark-submit refuses that
 * flag. Seen through {@code SPARKPROP_DRY_RUN=1}, which prints the command that the run would exec.
 */
@Tag("cluster")
class SparkHomeIT {
  @TempDir Path tmp;

  @Test
  void aSparkHomeOfJarsOnlyIsLaunchedFromItsOwnJars() throws Exception {
    Path home = sparkHome("spark-4", "spark-core_2.13-4.2.0.jar");

    JobProcess dry = dryRun(home);

    String command = dry.stdout;
    assertTrue(command.contains(home.toRealPath().resolve("jars") + "/\\*"), "the class path is SPARK_HOME's jars:\n" + dry);
    assertFalse(command.contains("target/spark-home"), "nothing of the bundled jars:\n" + dry);
    assertTrue(command.contains("org.apache.spark.deploy.SparkSubmit") && command.contains("--load-spark-defaults"),
        "its conf/spark-defaults.conf is read under submit.sh's own properties file:\n" + dry);
  }

  @Test
  void onSpark3TheInstallationsDefaultsFlagIsNotPassed() throws Exception {
    // Spark 3.5's spark-submit answers --load-spark-defaults with "Unrecognized option" and its usage.
    Path home = sparkHome("spark-3", "spark-core_2.13-3.5.0.jar");

    JobProcess dry = dryRun(home);

    assertTrue(dry.stdout.contains(home.toRealPath().resolve("jars") + "/\\*"), dry.toString());
    assertTrue(dry.stdout.contains("org.apache.spark.deploy.SparkSubmit"), dry.toString());
    assertFalse(dry.stdout.contains("--load-spark-defaults"), dry.toString());
  }

  /**
   * A SPARK_HOME of {@code jars/} and {@code conf/spark-defaults.conf}: the bundled jars linked one by
   * one, spark-core's link named {@code coreName} (the file name that carries an installation's version).
   */
  private Path sparkHome(String name, String coreName) throws IOException {
    Path home = Files.createDirectories(tmp.resolve(name));
    Path jars = Files.createDirectories(home.resolve("jars"));
    try (Stream<Path> bundled = Files.list(JobProcess.PROJECT.resolve("target/spark-home/jars"))) {
      for (Path jar : bundled.toList()) {
        String file = jar.getFileName().toString();
        Files.createSymbolicLink(jars.resolve(file.startsWith("spark-core_") ? coreName : file), jar);
      }
    }
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(home.resolve("conf/spark-defaults.conf"), "spark.ui.enabled false\n");
    return home;
  }

  private JobProcess dryRun(Path home) throws Exception {
    JobProcess dry = JobProcess.run(tmp, tmp, Duration.ofMinutes(2),
        Map.of("SPARKPROP_BUNDLED_SPARK", "", "SPARK_HOME", home.toString(), "SPARKPROP_DRY_RUN", "1"),
        "check", "--limit", "10");
    assertEquals(0, dry.exitCode, dry.toString());
    return dry;
  }
}
