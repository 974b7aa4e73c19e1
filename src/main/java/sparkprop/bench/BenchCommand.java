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
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.RDDInfo;
import scala.Tuple2;
import sparkprop.BadInputException;
import sparkprop.nn.Blas;
import sparkprop.read.IdxDataset;
import sparkprop.rows.RowChunk;
import sparkprop.report.OutputFolder;

/**
 * {@code submit.sh bench [options]}: how fast the gradient pass runs on this Spark and this BLAS, against
 * the GEMMs it is made of and against Spark MLlib's own MLP, and how its cost grows with the data.
 * Prints tables and writes {@code bench.json} into {@code --out}. BENCHMARKS.md explains every number.
 */
public final class BenchCommand {
  /** Bytes one cached row takes: its pixels, its label and its long id. */
  private static final int ROW_OVERHEAD = 1 + 8;

  private BenchCommand() {}

  /** Parses the options, creates the Spark context (as the check does) and runs the bench. */
  public static int run(String[] args) {
    BenchOptions o;
    try {
      o = BenchOptions.parse(args);
    } catch (BadInputException e) {
      System.err.println("sparkprop: error: " + e.getMessage());
      return 2;
    }
    if (o == null) {
      System.out.print(BenchOptions.usage());
      return 0;
    }
    SparkConf conf = new SparkConf().setAppName("sparkprop bench");
    if (!conf.contains("spark.master")) conf.setMaster("local[*]");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      return run(sc, o, BenchOptions.commandLine(args), System.out, System.err);
    } catch (RuntimeException e) {
      return failure(e, System.err);
    }
  }

  /** Runs the bench in an existing context, writes {@code bench.json} and returns the exit code. */
  public static int run(JavaSparkContext sc, BenchOptions o, String commandLine, PrintStream out, PrintStream err) {
    OutputFolder folder;
    try {
      folder = OutputFolder.prepare(o.out, "bench", List.of(o.data), sc.hadoopConfiguration());
    } catch (RuntimeException e) {
      return failure(e, err);
    }
    try {
      BenchReport r = new BenchRun(sc, o, err).measure();
      r.command = commandLine;
      folder.write("bench.json", BenchJson.render(r));
      folder.commit();
      out.print(BenchTable.render(r));
      out.println("output: " + folder.location());
      out.flush();
      return 0;
    } catch (Exception e) {
      folder.abandon();
      return failure(e, err);
    }
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

  private static int failure(Throwable e, PrintStream err) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof BadInputException) {
        err.println("sparkprop: error: " + c.getMessage());
        return 2;
      }
    }
    err.println("sparkprop: bench failed: " + e);
    e.printStackTrace(err);
    return 3;
  }
}
