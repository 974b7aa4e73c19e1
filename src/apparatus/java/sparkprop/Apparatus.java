package sparkprop;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The measuring apparatus behind BENCHMARKS.md, run by hand with the test class path — never by the
 * test suite, never shipped in sparkprop.jar (as Spark keeps its {@code *Benchmark} classes under
 * test): {@code mvn -q -Papparatus process-test-classes -Dapparatus="NAME ARGS..."} runs program NAME
 * with ARGS in a JVM of its own (the pom's {@code apparatus} profile gives it submit.sh's JVM flags, one
 * OpenBLAS thread and conf/spark-defaults.conf's Spark settings). Without NAME it lists the programs.
 */
public final class Apparatus {
  /** Name → the program's class and what it measures. */
  static final Map<String, String[]> PROGRAMS = new LinkedHashMap<>();

  static {
    add("Analyses", "sparkprop.bench.Analyses", "the old full bench: pass table at chosen sizes, block sizes, scaling"
        + " sweep, aggregation share, cluster model inputs and fit, training steps, MLlib's gradient error, targets");
    add("RaceCandidates", "sparkprop.bench.RaceCandidates", "several sparkprop l-bfgs settings raced to MLlib's"
        + " accuracy, one seed each (the race as it was before it ran one declared recipe)");
    add("ClusterScaling", "sparkprop.cluster.ClusterScaling", "Analyses on this machine's standalone cluster with"
        + " 1, 2 and 4 workers");
    add("ClusterModelCheck", "sparkprop.bench.ClusterModelCheck", "the cluster model of a local run against the"
        + " cluster runs' passes, and its extrapolation");
    add("EmptySparkApp", "sparkprop.bench.EmptySparkApp", "the floor of any Spark job: a context, an empty count");
    add("PassProfile", "sparkprop.pass.PassProfile", "where a distributed pass's time goes, per phase");
    add("LaunchDelay", "sparkprop.pass.LaunchDelay", "a pass job's start to its first task's launch");
    add("TrainProfile", "sparkprop.pass.TrainProfile", "training steps against their Spark jobs");
    add("KernelProfile", "sparkprop.nn.KernelProfile", "one partition's kernel against its GEMMs, one thread");
    add("PairedKernelProfile", "sparkprop.nn.PairedKernelProfile", "the race's float32 kernel alone and two at once, as local[2] runs its tasks");
    add("SigmoidProfile", "sparkprop.nn.SigmoidProfile", "the float32 sigmoid alone: ns per element, before and after its stages");
    add("GemmRate", "sparkprop.blas.GemmRate", "GEMM GFLOP/s on the pass's shapes, one thread");
    add("SerializationProfile", "sparkprop.aggregate.SerializationProfile", "Java serialization of one partial");
    add("TableCaching", "sparkprop.read.TableCaching", "caching rows from Parquet and ORC tables against the IDX"
        + " path, in the same run");
    add("MllibGapTable", "sparkprop.peer.MllibGapTable", "README's table of MLlib's gradient error by partitions");
  }

  private Apparatus() {}

  private static void add(String name, String className, String what) {
    PROGRAMS.put(name, new String[] {className, what});
  }

  public static void main(String[] args) throws Throwable {
    String[] program = args.length == 0 ? null : PROGRAMS.get(args[0]);
    if (program == null) {
      System.out.println((args.length == 0 ? "" : "no program '" + args[0] + "'; ")
          + "mvn -q -Papparatus process-test-classes -Dapparatus=\"NAME ARGS...\" with NAME one of:");
      for (Map.Entry<String, String[]> e : PROGRAMS.entrySet()) {
        System.out.printf("  %-21s %s%n", e.getKey(), e.getValue()[1]);
      }
      if (args.length > 0) System.exit(2);
      return;
    }
    Method main = Class.forName(program[0]).getDeclaredMethod("main", String[].class);
    main.setAccessible(true);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    System.exit(0); // a Spark context a program left running must not keep the JVM alive
  }

  /**
   * A Spark context for a program: the spark.* system properties the profile sets (as
   * conf/spark-defaults.conf), local[*] unless {@code -Dspark.master} says otherwise.
   */
  public static JavaSparkContext spark(String appName) {
    return spark(appName, "local[*]");
  }

  /** As {@link #spark(String)}, on {@code master} unless {@code -Dspark.master} says otherwise. */
  public static JavaSparkContext spark(String appName, String master) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (!conf.contains("spark.master")) conf.setMaster(master);
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    JavaSparkContext sc = new JavaSparkContext(conf);
    sc.setLogLevel("WARN");
    return sc;
  }
}
