package sparkprop.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * BENCHMARKS.md's cluster check, run by hand (not a test): the same {@code bench} on this machine's
 * standalone cluster with 1, 2 and 4 workers and the same total task slots (one executor per
 * worker), each writing its {@code bench.json} into {@code OUT/workers-W}. {@code
 * sparkprop.bench.ClusterModelCheck} then sets the passes measured there beside the cluster model
 * fitted in a local-mode bench run.
 *
 * <pre>
 *   mvn -o -q package -Pcluster -DskipTests
 *   java -cp target/test-classes:target/classes:target/spark-home/jars/* sparkprop.cluster.ClusterScaling \
 *     OUT SLOTS DATA [WORKERS,..] [bench options...]
 * </pre>
 */
public final class ClusterScaling {
  /** The bench's sections that the check uses: the main passes, the aggregation passes, the tree's inputs. */
  static final List<String> BENCH = List.of("--race", "false", "--mllib", "false", "--mllib-gap-partitions", "none",
      "--sweep", "none", "--block-sizes", "none", "--train-steps", "0,0", "--deep-layers", "none");

  /** The executors' heap, GB, over all workers: the same total whatever their number. */
  static final int EXECUTOR_MEMORY_GB = 4;

  private ClusterScaling() {}

  public static void main(String[] args) throws Exception {
    Path project = Path.of("").toAbsolutePath();
    Path out = Path.of(args[0]).toAbsolutePath();
    int slots = Integer.parseInt(args[1]);
    String data = args[2];
    int[] workers = args.length > 3 ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {1, 2, 4};
    List<String> extra = args.length > 4 ? Arrays.asList(args).subList(4, args.length) : List.of();
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String secret = HexFormat.of().formatHex(random);
    Submission.neverShow(secret);
    Files.createDirectories(out);
    for (int w : workers) {
      if (slots % w != 0) throw new IllegalArgumentException(slots + " slots do not split over " + w + " workers");
      Path dir = Files.createDirectories(out.resolve("cluster-" + w));
      Path report = out.resolve("workers-" + w);
      try (StandaloneCluster cluster = StandaloneCluster.start(project, dir, secret, w, slots / w, EXECUTOR_MEMORY_GB * 1024 / w + 512,
          Duration.ofSeconds(120))) {
        Path secretFile = StandaloneCluster.writePrivate(dir.resolve("driver-secret.conf"),
            StandaloneCluster.authentication(secret), "the driver's secret");
        List<String> a = new ArrayList<>(List.of("--master", cluster.masterUrl(), "--extra-properties-file",
            secretFile.toString(), "--conf", "spark.cores.max=" + slots, "--conf", "spark.executor.memory=" + (EXECUTOR_MEMORY_GB * 1024 / w) + "m",
            // the bench counts the task slots when it starts: every executor registered by then
            "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
            "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
            "bench", "--data", data, "--out", report.toString()));
        a.addAll(BENCH);
        a.addAll(extra);
        long t0 = System.nanoTime();
        Submission s = Submission.start(project, dir, "bench", a.toArray(String[]::new));
        int code = s.await(Duration.ofMinutes(30));
        System.out.printf("%d workers x %d cores: exit %d in %.0f s, %s%n", w, slots / w, code,
            (System.nanoTime() - t0) / 1e9, report);
        if (code != 0) System.out.println(s.describe());
        else System.out.println(Files.readString(s.stdout, StandardCharsets.UTF_8));
      }
    }
  }
}
