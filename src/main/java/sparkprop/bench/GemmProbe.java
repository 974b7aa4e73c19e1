package sparkprop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.nn.Matrix;
import sparkprop.nn.Precision;

/**
 * The machine's GEMM rate on the pass's own shapes, measured beside the pass: one Spark task per task
 * slot, all at once, each on its own buffers, each calling exactly the products the pass calls for
 * one partition's rows, block by block, through the same {@link Matrix#gemm} (netlib, JNI):
 *
 * <pre>
 *   l1  = w1ᵀ·x     nh×B, k = m       forward
 *   dw1 += x·dl1ᵀ   m×nh, k = B       w1's gradient
 *   dx  = w1·dl1    m×B,  k = nh      input gradient (when on)
 * </pre>
 *
 * and nothing else. Its rate is what the pass would reach if everything besides these GEMMs were free.
 */
final class GemmProbe {
  private final JavaSparkContext sc;
  private final int tasks;
  private final Precision precision;
  private final int m;
  private final int nh;
  private final int blockRows;
  private final long rowsPerTask;
  private final boolean inputGradient;

  /**
   * @param tasks       tasks at once: Spark's task slots
   * @param rowsPerTask rows each task's round covers (a partition's share of the pass)
   */
  GemmProbe(JavaSparkContext sc, int tasks, Precision precision, int m, int nh, int blockRows, long rowsPerTask,
      boolean inputGradient) {
    this.sc = sc;
    this.tasks = tasks;
    this.precision = precision;
    this.m = m;
    this.nh = nh;
    this.blockRows = blockRows;
    this.rowsPerTask = rowsPerTask;
    this.inputGradient = inputGradient;
  }

  int tasks() {
    return tasks;
  }

  /** FLOPs of the large products for {@code rows} rows: 2·rows·m·nh each. */
  static double flops(long rows, int m, int nh, boolean inputGradient) {
    return 2.0 * rows * m * nh * (inputGradient ? 3 : 2);
  }

  /** A round's aggregate rates, GFLOP/s: Σ over tasks of flops ÷ wall time, and of flops ÷ the task thread's CPU time. */
  static final class Rates {
    final double wall;
    final double cpu;

    Rates(double wall, double cpu) {
      this.wall = wall;
      this.cpu = cpu;
    }
  }

  /** One round: every task times its products once. */
  Rates round() {
    List<Integer> ids = IntStream.range(0, tasks).boxed().collect(Collectors.toList());
    Precision p = precision;
    int m = this.m;
    int nh = this.nh;
    int b = blockRows;
    long rows = rowsPerTask;
    boolean dx = inputGradient;
    List<long[]> nanos = sc.parallelize(ids, tasks)
        .mapPartitions(it -> Collections.singletonList(run(p, m, nh, b, rows, dx)).iterator(), true)
        .collect();
    double wall = 0;
    double cpu = 0;
    for (long[] t : nanos) {
      wall += flops(rowsPerTask, m, nh, inputGradient) / t[0];
      cpu += flops(rowsPerTask, m, nh, inputGradient) / t[1];
    }
    return new Rates(wall, cpu);
  }

  /** OPENBLAS_NUM_THREADS as the tasks see it ("null" when unset). */
  static String taskOpenblasThreads(JavaSparkContext sc, int tasks) {
    List<Integer> ids = IntStream.range(0, tasks).boxed().collect(Collectors.toList());
    List<String> seen = sc.parallelize(ids, tasks)
        .map(i -> String.valueOf(System.getenv("OPENBLAS_NUM_THREADS"))).distinct().collect();
    return String.join("/", seen);
  }

  /**
   * One task's round over {@code rows} rows: {wall, thread CPU} nanoseconds. Buffers are allocated and
   * filled before the clocks start.
   */
  static long[] run(Precision p, int m, int nh, int blockRows, long rows, boolean inputGradient) {
    Random random = new Random(17);
    Matrix w1 = filled(p, m, nh, random, 1.0);
    Matrix x = filled(p, m, blockRows, random, 1.0 / 255);
    Matrix dl1 = filled(p, nh, blockRows, random, 1e-3);
    Matrix l1 = Matrix.zeros(p, nh, blockRows);
    Matrix dw1 = Matrix.zeros(p, m, nh);
    Matrix dx = Matrix.zeros(p, m, blockRows);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (long first = 0; first < rows; first += blockRows) {
      int b = (int) Math.min(blockRows, rows - first);
      x.setCols(b);
      dl1.setCols(b);
      l1.setCols(b);
      dx.setCols(b);
      l1.gemm(true, false, 1.0, w1, x, 0.0);
      dw1.gemm(false, true, 1.0, x, dl1, 1.0);
      if (inputGradient) dx.gemm(false, false, 1.0, w1, dl1, 0.0);
    }
    long wall = System.nanoTime() - t0;
    return new long[] {wall, threads.getCurrentThreadCpuTime() - cpu0};
  }

  private static Matrix filled(Precision p, int rows, int cols, Random random, double scale) {
    double[] v = new double[rows * cols];
    for (int k = 0; k < v.length; k++) v[k] = scale * random.nextInt(256);
    return Matrix.of(p, rows, cols, v);
  }
}
