package sparkprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The two tiers of tests stay apart (pom.xml, README "Tests"): a class that starts sparkprop as a child
 * process ({@code ./submit.sh}, a fresh JVM) or a standalone cluster is named {@code *IT} and runs in
 * {@code mvn verify -Pcluster} (failsafe); {@code mvn test} (surefire, {@code *Test}) stays in this JVM.
 * Read from the test sources, comments left out; a helper that is neither (JobProcess, SparkJvm) is
 * judged where it is used.
 */
class TestTiersTest {
  /** What only a child process or a cluster does: submit.sh, a cluster, a JVM of its own, the cluster tag. */
  private static final Pattern OUT_OF_PROCESS = Pattern.compile(
      "JobProcess\\.(run|start)|StandaloneCluster\\.start|SharedCluster|Submission\\.start|SparkJvm\\.|\"bin\", \"java\""
          + "|javaExecutable\\(\\)|@Tag\\(\"cluster\"\\)");
  private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  @Test
  void noTestOfTheFirstTierStartsAProcessOrACluster() throws IOException {
    Path root = Path.of("src", "test", "java");
    List<String> misplaced = new ArrayList<>();
    int tests = 0;
    try (Stream<Path> all = Files.walk(root)) {
      for (Path f : all.filter(p -> p.toString().endsWith("Test.java")).sorted().toList()) {
        if (f.endsWith(Path.of("sparkprop", "TestTiersTest.java"))) continue; // its own pattern
        tests++;
        String code = COMMENTS.matcher(Files.readString(f)).replaceAll("");
        var m = OUT_OF_PROCESS.matcher(code);
        if (m.find()) misplaced.add(root.relativize(f) + " uses " + m.group() + ": name it *IT");
      }
    }
    assertTrue(tests > 80, "the tests were found: " + tests);
    assertEquals(List.of(), misplaced, "first-tier tests (mvn test) that leave the JVM");
  }
}
