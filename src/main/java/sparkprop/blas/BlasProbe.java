package sparkprop.blas;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Which BLAS the executors run: a Spark job of small tasks, each returning its executor's
 * {@link BlasInfo}. Also a main class, to ask a cluster directly:
 *
 * <pre>
 *   spark-submit --master spark://… --conf spark.plugins=sparkprop.blas.BlasPlugin \
 *       --class sparkprop.blas.BlasProbe target/sparkprop.jar [tasks]
 * </pre>
 *
 * prints one line for the driver and one per executor, {@code <executor-id> <host> plugin=<true|false>
 * <BlasInfo.describe()>}.
 */
public final class BlasProbe {
  private BlasProbe() {}

  /** One executor's answer. */
  public static final class ExecutorBlas implements Serializable {
    private static final long serialVersionUID = 1L;
    public final String executorId;
    public final String host;
    /** Whether {@link BlasPlugin}'s executor side ran in that JVM before the task. */
    public final boolean pluginRan;
    public final BlasInfo info;

    ExecutorBlas(String executorId, String host, boolean pluginRan, BlasInfo info) {
      this.executorId = executorId;
      this.host = host;
      this.pluginRan = pluginRan;
      this.info = info;
    }

    @Override
    public String toString() {
      return executorId + " " + host + " plugin=" + pluginRan + " " + info.describe();
    }
  }

  /**
   * Runs {@code tasks} tasks (at least one per executor when they are spread, e.g. 2 × the task slots)
   * and returns each executor's answer, by executor id. The task reads what was installed before it
   * ran ({@link BlasInfo#current()} installs only where nothing has yet: see {@link ExecutorBlas#pluginRan}).
   */
  public static Map<String, ExecutorBlas> fromExecutors(JavaSparkContext sc, int tasks) {
    List<Integer> ids = IntStream.range(0, tasks).boxed().collect(Collectors.toList());
    List<ExecutorBlas> all = sc.parallelize(ids, tasks).mapPartitions(it -> {
      boolean plugin = BlasPlugin.executorPluginRan();
      SparkEnv env = SparkEnv.get();
      ExecutorBlas e = new ExecutorBlas(env.executorId(), env.blockManager().blockManagerId().host(), plugin,
          BlasInfo.current());
      return Collections.singletonList(e).iterator();
    }).collect();
    Map<String, ExecutorBlas> byExecutor = new TreeMap<>();
    for (ExecutorBlas e : all) byExecutor.putIfAbsent(e.executorId, e);
    return byExecutor;
  }

  public static void main(String[] args) {
    BlasInfo driver = BundledOpenBlas.install();
    SparkConf conf = new SparkConf().setAppName("sparkprop blas probe");
    if (!conf.contains("spark.master")) conf.setMaster("local[*]");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      int tasks = args.length > 0 ? Integer.parseInt(args[0]) : Math.max(2, 2 * sc.defaultParallelism());
      System.out.println("driver " + driver.describe() + "; " + driver.reason);
      for (ExecutorBlas e : fromExecutors(sc, tasks).values()) System.out.println("executor " + e + "; " + e.info.reason);
    }
  }
}
