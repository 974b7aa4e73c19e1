package sparkprop.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.bench.Analyses;

/**
 * BENCHMARKS.md's cluster check, run by hand (not a test): the same {@code Analyses} on this machine's
 * standalone cluster with 1, 2 and 4 workers and the same total task slots (one executor per worker),
 * each writing its {@code analyses.json} into {@code OUT/workers-W}. {@code ClusterModelCheck} then
 * sets the passes measured there beside the cluster model fitted in a local-mode run. The driver is
 * this JVM; the executors load sparkprop.jar and, for the apparatus' own classes, a jar of
 * target/test-classes made here (both through spark.jars, so that one class loader sees both).
 *
 * <pre>
 *   mvn -q package -Pcluster -DskipTests
 *   mvn -q -Papparatus process-test-classes -Dapparatus="ClusterScaling OUT SLOTS DATA [WORKERS,..] [options...]"
 * </pre>
 */
public final class ClusterScaling {
  /** The analyses that the check uses: the main passes, the aggregation passes, the tree's inputs. */
  static final List<String> SECTIONS = List.of("--race", "false", "--mllib", "false", "--mllib-gap-partitions", "none",
      "--sweep", "none", "--block-sizes", "none", "--train-steps", "0,0", "--deep", "false");

  /** The executors' heap, GB, over all workers: the same total whatever their number. */
  static final int EXECUTOR_MEMORY_GB = 4;

  private ClusterScaling() {}

  /** A jar of every file under {@code classes}, for the executors. */
  static Path jarOf(Path classes, Path jar) throws java.io.IOException {
    try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
        java.util.stream.Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  public static void main(String[] args) throws Exception {
    Path project = Path.of("").toAbsolutePath();
    Path out = Path.of(args[0]).toAbsolutePath();
    int slots = Integer.parseInt(args[1]);
    String data = args[2];
    int[] workers = args.length > 3 ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {1, 2, 4};
    List<String> extra = args.length > 4 ? Arrays.asList(args).subList(4, args.length) : List.of();
    Path jar = project.resolve("target/sparkprop.jar");
    if (!Files.exists(jar)) throw new IllegalStateException(jar + " is missing: mvn package -Pcluster -DskipTests first");
    Path testJar = jarOf(project.resolve("target/test-classes"), Files.createDirectories(out).resolve("apparatus.jar"));
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String secret = HexFormat.of().formatHex(random);
    Submission.neverShow(secret);
    Files.createDirectories(out);
    for (int w : workers) {
      if (slots % w != 0) throw new IllegalArgumentException(slots + " slots do not split over " + w + " workers");
      Path dir = Files.createDirectories(out.resolve("cluster-" + w));
      Path report = out.resolve("workers-" + w);
      try (StandaloneCluster cluster = StandaloneCluster.start(project, dir, secret, w, slots / w,
          EXECUTOR_MEMORY_GB * 1024 / w + 512, Duration.ofSeconds(120))) {
        SparkConf conf = new SparkConf().setMaster(cluster.masterUrl()).setAppName("sparkprop analyses, " + w + " workers")
            .set("spark.cores.max", Integer.toString(slots))
            .set("spark.executor.memory", (EXECUTOR_MEMORY_GB * 1024 / w) + "m")
            // the analyses count the task slots when they start: every executor registered by then
            .set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
            .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s")
            .set("spark.jars", jar + "," + testJar);
        for (Map.Entry<Object, Object> e : StandaloneCluster.authentication(secret).entrySet()) {
          conf.set((String) e.getKey(), (String) e.getValue());
        }
        List<String> a = new ArrayList<>(List.of("--data", data, "--out", report.toString()));
        a.addAll(SECTIONS);
        a.addAll(extra);
        long t0 = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
          Analyses.run(sc, a.toArray(String[]::new));
        }
        System.out.printf("%d workers x %d cores: %.0f s, %s%n", w, slots / w, (System.nanoTime() - t0) / 1e9, report);
      }
    }
  }
}
