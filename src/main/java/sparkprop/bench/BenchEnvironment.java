package sparkprop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.blas.BlasInfo;
import sparkprop.blas.BlasProbe;
import sparkprop.nn.Blas;
import sparkprop.read.IdxDataset;

/** What a bench run ran on: Spark, the BLAS of the driver and of the tasks, the machine, and the run's sizes. */
final class BenchEnvironment {
  private BenchEnvironment() {}

  static void describe(BenchReport r, JavaSparkContext sc, BenchPlan o, IdxDataset data, int m, int partitions,
      int slots) {
    r.sparkVersion = sc.version();
    r.sparkMaster = sc.master();
    r.taskSlots = slots;
    r.blas = Blas.implementation();
    r.blasNative = Blas.isNative();
    r.blasInfo = taskBlas(sc, slots);
    r.openblasThreads = String.valueOf(System.getenv("OPENBLAS_NUM_THREADS"));
    r.openblasCoretype = System.getenv("OPENBLAS_CORETYPE");
    r.cpuModel = procField("/proc/cpuinfo", "model name", System.getProperty("os.arch"));
    r.cores = Runtime.getRuntime().availableProcessors();
    String mem = procField("/proc/meminfo", "MemTotal", null);
    r.memoryBytes = mem == null ? -1 : Long.parseLong(mem.replaceAll("[^0-9]", "")) * 1024;
    r.maxHeapBytes = Runtime.getRuntime().maxMemory();
    r.storageMemoryBytes = maxStorage(sc);
    r.javaVersion = System.getProperty("java.version");
    r.maxOtherLoad = sc.master().startsWith("local") ? o.maxOtherLoad : 1.0;
    r.data = data.location();
    r.rows = data.rows();
    r.inputs = m;
    r.hidden = o.hidden;
    r.partitions = partitions;
    r.blockRows = o.blockRows;
    r.treeDepth = o.treeDepth;
    r.warmup = o.warmup;
    r.passes = o.passes;
  }

  /** Spark's storage memory over the executors (in local mode: the driver's). */
  static long maxStorage(JavaSparkContext sc) {
    long max = 0;
    for (scala.Tuple2<Object, Object> t
        : scala.jdk.javaapi.CollectionConverters.asJava(sc.sc().getExecutorMemoryStatus()).values()) {
      max += (Long) t._1();
    }
    return max;
  }

  /** The BLAS the tasks run (the first executor's answer; in local mode the driver's own JVM). */
  static BlasInfo taskBlas(JavaSparkContext sc, int slots) {
    Map<String, BlasProbe.ExecutorBlas> seen = BlasProbe.fromExecutors(sc, Math.max(1, 2 * slots));
    return seen.isEmpty() ? BlasInfo.current() : seen.values().iterator().next().info;
  }

  /** The value of the first "key : value" line of a /proc file, or {@code fallback}. */
  private static String procField(String file, String key, String fallback) {
    try {
      for (String line : Files.readAllLines(Paths.get(file), StandardCharsets.UTF_8)) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals(key)) return line.substring(colon + 1).trim();
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return fallback;
  }

  /** The BLAS shared libraries mapped into this JVM (Linux), e.g. OpenBLAS behind netlib's JNI. */
  static String blasLibrary() {
    Set<String> libs = new LinkedHashSet<>();
    try {
      List<String> maps = Files.readAllLines(Paths.get("/proc/self/maps"), StandardCharsets.UTF_8);
      for (String line : maps) {
        int slash = line.indexOf('/');
        if (slash < 0) continue;
        String path = line.substring(slash);
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.contains("blas") && name.contains(".so")) libs.add(path);
      }
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
    return libs.isEmpty() ? (Blas.isNative() ? "unknown" : "none (pure Java)") : String.join(", ", libs);
  }
}
