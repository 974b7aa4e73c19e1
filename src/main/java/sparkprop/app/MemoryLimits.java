package sparkprop.app;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The heaps a run was given, as configured: the driver's (this JVM's maximum heap, which
 * {@code spark.driver.memory} sets under spark-submit) and each executor's ({@code spark.executor.memory},
 * Spark's default 1g), with how many tasks an executor runs at once ({@code spark.executor.cores /
 * spark.task.cpus}; 1 when not set, the fewest). In local mode the executor is the driver's JVM: its
 * tasks (as many at once as the local threads) share the driver's heap.
 */
public final class MemoryLimits {
  public final long driverHeap;
  /** Whether the executors run inside the driver's JVM (a local master). */
  public final boolean local;
  public final long executorHeap;
  /** Tasks an executor runs at once. */
  public final int slots;

  public MemoryLimits(long driverHeap, boolean local, long executorHeap, int slots) {
    this.driverHeap = driverHeap;
    this.local = local;
    this.executorHeap = executorHeap;
    this.slots = Math.max(1, slots);
  }

  public static MemoryLimits of(JavaSparkContext sc) {
    long driver = Runtime.getRuntime().maxMemory();
    if (sc.isLocal()) return new MemoryLimits(driver, true, driver, sc.defaultParallelism());
    SparkConf c = sc.getConf();
    int cores = c.getInt("spark.executor.cores", 1);
    return new MemoryLimits(driver, false, c.getSizeAsBytes("spark.executor.memory", "1g"),
        cores / Math.max(1, c.getInt("spark.task.cpus", 1)));
  }

  /** This JVM alone: the driver's heap, no executors (loading a model outside a run). */
  public static MemoryLimits driverOnly() {
    long driver = Runtime.getRuntime().maxMemory();
    return new MemoryLimits(driver, true, driver, 0);
  }
}
