package sparkprop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.nn.Layout;
import sparkprop.nn.Matrix;
import sparkprop.nn.Precision;

/**
 * The machine's GEMM rate on the pass's own shapes, measured beside the pass: one Spark task per task
 * slot, all at once, each on its own buffers, each calling exactly the products the pass calls for
 * one partition's rows, block by block, through the same {@link Matrix#gemm} (netlib, JNI). For every
 * layer k = 1 … K of the network (n_{k−1} inputs, n_k outputs, B rows per block):
 *
 * <pre>
 *   z_k      = w_kᵀ·a_{k−1}     n_k×B,        inner n_{k−1}   forward
 *   dw_k    += a_{k−1}·dz_kᵀ    n_{k−1}×n_k,  inner B         w_k's gradient
 *   da_{k−1} = w_k·dz_k         n_{k−1}×B,    inner n_k       input side: for k &gt; 1 always, for k = 1 only with x.g
 * </pre>
 *
 * and nothing else (forward in layer order, backward in reverse, as the pass). Its rate is what the pass
 * would reach if everything besides these GEMMs were free. For the regressor 784-50-1 the second layer's
 * three products (n_2 = 1) add 0.13% (0.19% without x.g) to the first layer's FLOPs.
 */
final class GemmProbe {
  private final JavaSparkContext sc;
  private final int tasks;
  private final Precision precision;
  private final int[] sizes;
  private final int blockRows;
  private final long rowsPerTask;
  private final boolean inputGradient;

  /**
   * @param tasks       tasks at once: Spark's task slots
   * @param rowsPerTask rows each task's round covers (a partition's share of the pass)
   */
  GemmProbe(JavaSparkContext sc, int tasks, Precision precision, Layout layout, int blockRows, long rowsPerTask,
      boolean inputGradient) {
    this.sc = sc;
    this.tasks = tasks;
    this.precision = precision;
    this.sizes = layout.sizes();
    this.blockRows = blockRows;
    this.rowsPerTask = rowsPerTask;
    this.inputGradient = inputGradient;
  }

  int tasks() {
    return tasks;
  }

  /** Whether layer k (1 … K) computes its input side's gradient: hidden layers always, the first only with x.g. */
  static boolean inputSide(int k, boolean inputGradient) {
    return k > 1 || inputGradient;
  }

  /** FLOPs of every layer's products for {@code rows} rows: 2·rows·n_{k−1}·n_k for each product above. */
  static double flops(long rows, Layout layout, boolean inputGradient) {
    double f = 0;
    for (int k = 1; k <= layout.layers(); k++) {
      f += 2.0 * rows * layout.size(k - 1) * layout.size(k) * (inputSide(k, inputGradient) ? 3 : 2);
    }
    return f;
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
    int[] n = sizes;
    int b = blockRows;
    long rows = rowsPerTask;
    boolean dx = inputGradient;
    List<long[]> nanos = sc.parallelize(ids, tasks)
        .mapPartitions(it -> Collections.singletonList(run(p, n, b, rows, dx)).iterator(), true)
        .collect();
    double f = flops(rowsPerTask, new Layout(sizes), inputGradient);
    double wall = 0;
    double cpu = 0;
    for (long[] t : nanos) {
      wall += f / t[0];
      cpu += f / t[1];
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
   * One task's round over {@code rows} rows of a network with layer sizes {@code n}: {wall, thread CPU}
   * nanoseconds. Buffers are allocated and filled before the clocks start.
   */
  static long[] run(Precision p, int[] n, int blockRows, long rows, boolean inputGradient) {
    int layers = n.length - 1;
    Random random = new Random(17);
    Matrix[] w = new Matrix[layers + 1];
    Matrix[] dw = new Matrix[layers + 1];
    Matrix[] z = new Matrix[layers + 1];
    Matrix[] dz = new Matrix[layers + 1];
    Matrix[] a = new Matrix[layers];  // a[k−1]: the input of layer k; a[0] = x
    Matrix[] da = new Matrix[layers]; // its gradient; da[0] = x.g, only with x.g
    a[0] = filled(p, n[0], blockRows, random, 1.0 / 255);
    if (inputGradient) da[0] = Matrix.zeros(p, n[0], blockRows);
    for (int k = 1; k <= layers; k++) {
      w[k] = filled(p, n[k - 1], n[k], random, 1.0 / Math.sqrt(n[k - 1]));
      dw[k] = Matrix.zeros(p, n[k - 1], n[k]);
      z[k] = Matrix.zeros(p, n[k], blockRows);
      dz[k] = filled(p, n[k], blockRows, random, 1e-3);
      if (k < layers) {
        a[k] = filled(p, n[k], blockRows, random, 1.0 / 255);
        da[k] = Matrix.zeros(p, n[k], blockRows);
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (long first = 0; first < rows; first += blockRows) {
      int b = (int) Math.min(blockRows, rows - first);
      for (int k = 0; k <= layers; k++) {
        if (k < layers) a[k].setCols(b);
        if (k < layers && da[k] != null) da[k].setCols(b);
        if (k > 0) {
          z[k].setCols(b);
          dz[k].setCols(b);
        }
      }
      for (int k = 1; k <= layers; k++) z[k].gemm(true, false, 1.0, w[k], a[k - 1], 0.0);
      for (int k = layers; k >= 1; k--) {
        dw[k].gemm(false, true, 1.0, a[k - 1], dz[k], 1.0);
        if (inputSide(k, inputGradient)) da[k - 1].gemm(false, false, 1.0, w[k], dz[k], 0.0);
      }
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
