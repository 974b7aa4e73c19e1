package sparkprop.bench;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import sparkprop.aggregate.PartialSum;
import sparkprop.aggregate.TreeShape;
import sparkprop.aggregate.TreeSum;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.pass.Partials;
import sparkprop.pass.PartitionHook;
import sparkprop.pass.PassSettings;
import sparkprop.partition.RowPartitions;
import sparkprop.read.HadoopConf;
import sparkprop.read.IdxDataset;
import sparkprop.rows.RowChunk;

/**
 * The inputs of BENCHMARKS.md's cluster model, measured: for a network and a partition count P, the
 * size of one partial as Spark ships it (Java-serialized {@link PartialSum}), what {@link TreeSum}
 * alone costs over P cached partials (its shuffles and the driver's collect), the task CPU time per
 * row of the forward/backward pass (float64, no x.g, as training runs it), and what an empty job of
 * P tasks costs (the scheduler's share of every pass).
 */
final class TreeCost {
  /** One network at one partition count. */
  static final class Line {
    String network;
    int partitions;
    long rows;
    int fanIn;
    int shuffles;
    long partialBytes;
    /** TreeSum alone over cached partials, seconds per sum. */
    Samples treeSum;
    /** A job of P tasks that do nothing, seconds. */
    Samples emptyJob;
    /**
     * The driver JVM's Java threads' CPU time during that job, seconds: on a cluster the scheduler's own serial
     * share (launching, tracking and finishing P tasks); in local mode the tasks' too (same JVM).
     */
    Samples emptyJobProcessCpu;
    /** Task CPU per row of the pass that made the partials (one run), seconds. */
    double cpuSecondsPerRow;
  }

  private TreeCost() {}

  static List<Line> measure(JavaSparkContext sc, TaskClock clock, IdxDataset data, HadoopConf conf, BenchNet net,
      long rows, int[] partitionCounts, int treeDepth, int blockRows, int passes, LoadGuard guard) {
    List<Line> out = new ArrayList<>();
    PassSettings settings = new PassSettings(net.architecture, Precision.FLOAT64, blockRows, PixelScale.BYTE,
        treeDepth, false);
    for (int p : partitionCounts) {
      JavaRDD<RowChunk> parts = RowPartitions.of(sc, new RepeatedRows(data, Math.min(rows, data.rows()), rows), p,
          conf).persist(StorageLevel.MEMORY_ONLY());
      Broadcast<Parameters> theta = sc.broadcast(net.theta);
      JavaRDD<PartialSum> partials = Partials.of(parts, theta, settings, PartitionHook.NONE)
          .persist(StorageLevel.MEMORY_ONLY());
      try {
        parts.count();
        String group = "sparkprop-bench-tree-" + net.layout + "-" + p;
        sc.setJobGroup(group, "sparkprop bench: partials", false);
        try {
          partials.count();
        } finally {
          sc.clearJobGroup();
        }
        TaskClock.drain(sc);
        Line l = new Line();
        l.network = net.describe();
        l.partitions = p;
        l.rows = rows;
        l.cpuSecondsPerRow = clock.cpuSeconds(group) / rows;
        TreeShape shape = TreeShape.of(p, treeDepth);
        l.fanIn = shape.fanIn;
        l.shuffles = TreeSum.shuffles(shape, false);
        l.partialBytes = serializedSize(partials.first());
        double[][] times = new double[3][passes];
        TreeSum.sum(partials, treeDepth); // warm-up
        emptyJob(sc, p);
        for (int k = 0; k < passes; ) {
          MachineLoad load = MachineLoad.start();
          long t0 = System.nanoTime();
          TreeSum.sum(partials, treeDepth);
          long t1 = System.nanoTime();
          long c1 = processCpuNanos();
          emptyJob(sc, p);
          long t2 = System.nanoTime();
          times[2][k] = (processCpuNanos() - c1) / 1e9;
          if (!guard.keep(load)) continue;
          times[0][k] = (t1 - t0) / 1e9;
          times[1][k] = (t2 - t1) / 1e9;
          k++;
        }
        l.treeSum = new Samples(times[0]);
        l.emptyJob = new Samples(times[1]);
        l.emptyJobProcessCpu = new Samples(times[2]);
        out.add(l);
      } finally {
        partials.unpersist(true);
        parts.unpersist(true);
        theta.destroy();
      }
    }
    return out;
  }

  /**
   * The CPU time of this JVM's live Java threads so far, nanoseconds (per-thread clocks: the process's
   * own clock here ticks in 10 ms steps; GC and JIT threads are not Java threads and not counted).
   */
  static long processCpuNanos() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : threads.getAllThreadIds()) {
      long t = threads.getThreadCpuTime(id);
      if (t > 0) sum += t;
    }
    return sum;
  }

  /** A job of p tasks that do nothing: what scheduling, launching and finishing p tasks cost. */
  private static void emptyJob(JavaSparkContext sc, int p) {
    List<Integer> ids = IntStream.range(0, p).boxed().collect(Collectors.toList());
    sc.parallelize(ids, p).foreachPartition(it -> { });
  }

  /** Bytes of {@code o} under Java serialization (Spark's serializer here: conf/spark-defaults.conf). */
  static long serializedSize(Object o) {
    long[] n = {0};
    try (ObjectOutputStream s = new ObjectOutputStream(new OutputStream() {
      @Override
      public void write(int b) {
        n[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        n[0] += len;
      }
    })) {
      s.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n[0];
  }
}
