package sparkprop.screen;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import sparkprop.blas.BlasInfo;

/**
 * What a JVM says of the machine it computes on, read where it runs (an executor's own
 * {@code /proc/cpuinfo}, its own BLAS): the evidence an operator hands to a vendor, and what decides
 * whether two replicas must agree bit for bit ({@link #kernel()}).
 */
public record ExecutorFacts(String cpuModel, String blasLibrary, String blasVersion, String blasCore, String jvm)
    implements Serializable {
  private static volatile ExecutorFacts here;

  /** This JVM's facts, read once. */
  public static ExecutorFacts here() {
    ExecutorFacts f = here;
    if (f == null) {
      BlasInfo blas = BlasInfo.current();
      f = new ExecutorFacts(readCpuModel(), blas.implementation + " " + blas.source, blas.version, blas.coreName,
          System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
              + System.getProperty("java.runtime.version"));
      here = f;
    }
    return f;
  }

  /**
   * The deterministic kernel's identity: the BLAS library, version and core type and the JVM. Two
   * replicas with the same kernel ran the same instructions on the same numbers in the same order and
   * must agree bit for bit; different kernels are compared with the check's tolerance.
   */
  public String kernel() {
    return blasLibrary + "|" + blasVersion + "|" + blasCore + "|" + jvm;
  }

  /** The first "model name" of /proc/cpuinfo (the CPU model), or the architecture where there is none. */
  static String readCpuModel() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals("model name")) return line.substring(colon + 1).trim();
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the architecture below
    }
    return System.getProperty("os.arch");
  }
}
