package sparkprop.nn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import sparkprop.blas.BundledOpenBlas;
import sparkprop.rows.RowChunk;

/**
 * Where a partition's kernel time goes, on one thread outside Spark (a harness run by hand, not a
 * test): the whole {@link GradientPass} over 30,000 rows against its GEMMs alone and the byte → float
 * conversion alone, in turns, thread CPU time:
 * {@code mvn -q -Papparatus process-test-classes -Dapparatus="KernelProfile [rows] [rounds] [network]"}, the
 * network {@code regressor} (the seed's 784-50-1 ReLU/MSE, default) or {@code classifier} (the race's
 * 784-50-10 sigmoid/cross-entropy: the pass whose element-wise maths calls exp and log).
 */
public final class KernelProfile {
  public static void main(String[] args) {
    BundledOpenBlas.install();
    System.out.println(Blas.describe());
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    boolean classifier = args.length > 2 && args[2].equals("classifier");
    int outputs = classifier ? 10 : 1;
    Architecture arch = classifier ? new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY) : Architecture.reluMse();
    System.out.println(classifier ? "classifier 784-50-10 sigmoid cross-entropy" : "regressor 784-50-1 relu mse");
    Random r = new Random(3);
    byte[] px = new byte[rows * 784];
    for (int k = 0; k < px.length; k++) px[k] = (byte) (r.nextInt(3) == 0 ? 0 : r.nextInt(256));
    byte[] labels = new byte[rows];
    for (int k = 0; k < rows; k++) labels[k] = (byte) r.nextInt(10);
    RowChunk chunk = RowChunk.consecutive(784, px, labels, 0);
    Parameters theta = Parameters.random(new Layout(784, 50, outputs), Init.RANDN, 1);
    Map<String, Runnable> cases = new LinkedHashMap<>();
    for (Precision p : Precision.values()) {
      for (boolean dx : new boolean[] {false, true}) {
        String n = p.label() + (dx ? " dx" : "");
        cases.put(n + " pass", () -> {
          // A chunk object seen for the first time is converted block by block, as a streamed partition's.
          RowChunk fresh = RowChunk.consecutive(784, px, labels, 0);
          GradientPass g = new GradientPass(new Network(theta, arch, p), 1024, PixelScale.BYTE, dx);
          g.accumulate(fresh, dx ? (ids, first, m) -> { } : null);
        });
        cases.put(n + " cached", () -> {
          GradientPass g = PassPool.borrow(theta, arch, p, 1024, PixelScale.BYTE, dx);
          g.accumulate(chunk, dx ? (ids, first, m) -> { } : null);
          PassPool.release(g);
        });
        cases.put(n + " gemm", () -> gemms(p, rows, dx));
        Matrix all = Matrix.zeros(p, 784, rows);
        all.loadColumns(px, 0, rows, PixelScale.BYTE);
        cases.put(n + " gemm streamed", () -> gemmsStreamed(p, all, dx));
      }
      cases.put(p.label() + " load", () -> {
        Matrix a = Matrix.zeros(p, 784, 1024);
        for (int first = 0; first < rows; first += 1024) a.loadColumns(px, first, Math.min(1024, rows - first), PixelScale.BYTE);
      });
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, List<Double>> t = new LinkedHashMap<>();
    for (int k = -3; k < rounds; k++) {
      for (Map.Entry<String, Runnable> e : cases.entrySet()) {
        long c0 = mx.getCurrentThreadCpuTime();
        e.getValue().run();
        double ms = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        if (k >= 0) t.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(ms);
      }
    }
    for (Map.Entry<String, List<Double>> e : t.entrySet()) {
      double[] a = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(Locale.ROOT, "%-20s cpu ms median %8.2f  min %8.2f  max %8.2f%n", e.getKey(), a[a.length / 2], a[0],
          a[a.length - 1]);
    }
  }

  static void gemms(Precision p, int rows, boolean dx) {
    Matrix x = filled(p, 784, 1024, new Random(18), 1.0 / 255);
    gemms(p, rows, dx, (first, b) -> {
      x.setCols(b);
      return x;
    });
  }

  /** As {@link #gemms}, with x each block's own columns of the whole converted input, as the pass reads it. */
  static void gemmsStreamed(Precision p, Matrix all, boolean dx) {
    gemms(p, all.cols(), dx, (first, b) -> all.view(first * all.rows(), all.rows(), b));
  }

  /** Block {@code [first, first+b)}'s input. */
  interface Blocks {
    Matrix x(int first, int b);
  }

  /** The pass's large products over {@code rows} rows in 1,024-row blocks, x from {@code blocks}. */
  private static void gemms(Precision p, int rows, boolean dx, Blocks blocks) {
    Random random = new Random(17);
    int m = 784;
    int nh = 50;
    int blockRows = 1024;
    Matrix w1 = filled(p, m, nh, random, 1.0);
    Matrix dl1 = filled(p, nh, blockRows, random, 1e-3);
    Matrix l1 = Matrix.zeros(p, nh, blockRows);
    Matrix dw1 = Matrix.zeros(p, m, nh);
    Matrix dxm = Matrix.zeros(p, m, blockRows);
    for (int first = 0; first < rows; first += blockRows) {
      int b = Math.min(blockRows, rows - first);
      Matrix x = blocks.x(first, b);
      dl1.setCols(b);
      l1.setCols(b);
      dxm.setCols(b);
      l1.gemm(true, false, 1.0, w1, x, 0.0);
      dw1.gemm(false, true, 1.0, x, dl1, 1.0);
      if (dx) dxm.gemm(false, false, 1.0, w1, dl1, 0.0);
    }
  }

  private static Matrix filled(Precision p, int rows, int cols, Random random, double scale) {
    double[] v = new double[rows * cols];
    for (int k = 0; k < v.length; k++) v[k] = scale * random.nextInt(256);
    return Matrix.of(p, rows, cols, v);
  }
}
