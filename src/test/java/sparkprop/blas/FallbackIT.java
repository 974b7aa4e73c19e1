package sparkprop.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fallback order and its recorded reasons, each in a fresh JVM (netlib picks its BLAS once per JVM):
 * bundled → the system's libblas.so.3 → Java. The system library is optional here: with it the
 * fallback is native, without it Java.
 */
@Tag("cluster")
class FallbackIT {
  static final Path SYSTEM_BLAS = Path.of("/usr/lib/x86_64-linux-gnu/libblas.so.3");

  /** Prints this JVM's BlasInfo, one field per line, for the tests below. */
  public static void main(String[] args) {
    BlasInfo i = BundledOpenBlas.install();
    System.out.println(i.source + "\n" + i.implementation + "\n" + i.library + "\n" + i.version + "\n" + i.coreName
        + "\n" + i.threads + "\n" + i.reason);
  }

  private static List<String> infoInChildJvm(String... properties) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--add-modules=jdk.incubator.vector");
    for (String p : properties) cmd.add("-D" + p);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(FallbackIT.class.getName());
    Path out = Files.createTempFile("blas-info", ".txt");
    try {
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM hung");
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), String.join("\n", lines));
      assertEquals(7, lines.size(), String.join("\n", lines));
      return lines;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  @Test
  void withoutTheBundledLibraryNetlibLoadsTheSystemsOrJava() throws Exception {
    List<String> i = infoInChildJvm("sparkprop.blas.bundled=false");
    assertTrue(i.get(6).startsWith("bundled OpenBLAS turned off by -Dsparkprop.blas.bundled=false"), i.get(6));
    if (Files.exists(SYSTEM_BLAS)) {
      assertEquals(List.of("SYSTEM", "JNIBLAS", BlasInfo.SYSTEM), i.subList(0, 3), String.join("\n", i));
    } else {
      assertEquals("JAVA", i.get(0), String.join("\n", i));
      assertEquals(BlasInfo.JAVA, i.get(2));
    }
  }

  @Test
  void aLibraryPathSetByTheUserIsKept() throws Exception {
    List<String> i = infoInChildJvm(BundledOpenBlas.NATIVE_LIB_PATH + "=/nonexistent/libblas.so.3");
    // netlib cannot load it and falls back to Java: what the user asked for, and the report says so.
    assertEquals("JAVA", i.get(0), String.join("\n", i));
    assertTrue(i.get(6).contains("was set to /nonexistent/libblas.so.3 before BundledOpenBlas.install(), which kept it"), i.get(6));
  }

  @Test
  void theBundledLibraryLoadsInAFreshJvm() throws Exception {
    List<String> i = infoInChildJvm();
    assertEquals(List.of("BUNDLED", "JNIBLAS"), i.subList(0, 2), String.join("\n", i));
    assertEquals("0.3.31", i.get(3));
    assertEquals("bundled OpenBLAS loaded", i.get(6));
  }

  /**
   * The core name is OpenBLAS's own answer: in a fresh JVM told {@code OPENBLAS_VERBOSE=2}, OpenBLAS
   * announces the core its dispatch chose on stderr as it loads, and the recorded name is that one.
   */
  @Test
  void theCoreIsTheOneOpenBlasAnnouncesWhenVerbose() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), FallbackIT.class.getName())
        .redirectErrorStream(true);
    pb.environment().put("OPENBLAS_VERBOSE", "2");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM hung");
    assertEquals(0, p.exitValue(), out);
    java.util.regex.Matcher announced = java.util.regex.Pattern.compile("(?m)^Core: (\\S+)$").matcher(out);
    assertTrue(announced.find(), "OpenBLAS announced its core:\n" + out);
    List<String> lines = out.lines().toList();
    int first = lines.indexOf("BUNDLED");
    assertTrue(first >= 0, out);
    assertEquals(announced.group(1), lines.get(first + 4), "the recorded core is the announced one:\n" + out);
  }
}
