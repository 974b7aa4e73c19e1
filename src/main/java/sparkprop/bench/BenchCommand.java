package sparkprop.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.RDDInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import scala.Tuple2;
import sparkprop.blas.BlasInfo;
import sparkprop.blas.BlasProbe;
import sparkprop.nn.Blas;
import sparkprop.read.IdxDataset;
import sparkprop.rows.RowChunk;
import sparkprop.app.ExitCode;
import sparkprop.app.JobCommand;
import sparkprop.app.Outcome;

/**
 * {@code submit.sh bench [options]}: how fast the gradient pass runs on this Spark and this BLAS, against
 * the GEMMs it is made of and against Spark MLlib's own MLP, and how its cost grows with the data.
 * Prints tables and writes {@code bench.json} into {@code --out}. BENCHMARKS.md explains every number.
 * Exit 0 when the benchmark ran, whether or not its targets were met.
 */
@Command(name = "bench", sortOptions = false, usageHelpWidth = 110,
    customSynopsis = "submit.sh [spark-submit options] bench [options]",
    description = "Times the gradient pass against same-run GEMM and Spark MLlib's MLP, sweeps the row count and"
        + " measures the aggregation; writes bench.json into --out.",
    footer = {"", "Set OPENBLAS_NUM_THREADS=1 before the JVM starts (Spark runs one task per core; submit.sh does).",
        "Exit codes: 0 the benchmark ran (whether or not targets were met), 2 bad input or usage, 3 any other failure."})
public final class BenchCommand implements JobCommand {
  /** Bytes one cached row takes: its pixels, its label and its long id. */
  private static final int ROW_OVERHEAD = 1 + 8;

  @Mixin public final BenchOptions options = new BenchOptions();

  @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "this help")
  boolean help;

  /** The command line as given, for the report. */
  private String commandLine = "bench";

  @Override
  public String out() {
    return options.out;
  }

  @Override
  public List<String> inputs() {
    return List.of(options.data);
  }

  @Override
  public void parsed(ParseResult given) {
    options.applyQuick(given::hasMatchedOption);
    List<String> all = given.originalArgs();
    int at = all.indexOf("bench");
    commandLine = String.join(" ", at >= 0 ? all.subList(at, all.size()) : all);
  }

  @Override
  public Outcome run(JavaSparkContext sc, PrintStream progress) {
    BenchReport r = new BenchRun(sc, options, progress).measure();
    r.command = commandLine;
    return new Outcome(Map.of("bench.json", BenchJson.render(r)), BenchTable.render(r), ExitCode.AGREE);
  }

  /** What caching {@code rows} rows costs: pixels, label and id per row (the chunks' own overhead is small). */
  static double cachedBytes(long rows, int m) {
    return (double) rows * (m + ROW_OVERHEAD);
  }

  /** Storage memory free for caching now, over the executors (in local mode: the driver's). */
  static long freeStorage(JavaSparkContext sc) {
    Map<String, Tuple2<Object, Object>> status =
        scala.jdk.javaapi.CollectionConverters.asJava(sc.sc().getExecutorMemoryStatus());
    long free = 0;
    for (Tuple2<Object, Object> t : status.values()) free += (Long) t._2();
    return free;
  }

  static long maxStorage(JavaSparkContext sc) {
    Map<String, Tuple2<Object, Object>> status =
        scala.jdk.javaapi.CollectionConverters.asJava(sc.sc().getExecutorMemoryStatus());
    long max = 0;
    for (Tuple2<Object, Object> t : status.values()) max += (Long) t._1();
    return max;
  }

  static boolean fullyCached(JavaSparkContext sc, JavaRDD<RowChunk> rows) {
    RDD<RowChunk> rdd = rows.rdd();
    for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
      if (info.id() == rdd.id()) return info.numCachedPartitions() == info.numPartitions();
    }
    return false;
  }

  static void describe(BenchReport r, JavaSparkContext sc, BenchOptions o, IdxDataset data, long n, int m,
      int partitions, int slots) {
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
    r.rows = n;
    r.inputs = m;
    r.hidden = o.hidden;
    r.partitions = partitions;
    r.blockRows = o.blockRows;
    r.treeDepth = o.treeDepth;
    r.warmup = o.warmup;
    r.passes = o.passes;
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
