package sparkprop.blas;

import dev.ludovic.netlib.blas.BLAS;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * GEMM GFLOP/s, one thread, on the gradient pass's shapes (m = 784 inputs, nh = 50 hidden, 1024-row
 * blocks), through netlib exactly as the pass calls it:
 *
 * <pre>
 *   l1  = w1ᵀ·x     gemm T,N  50×1024, k = 784
 *   dw1 += x·dl1ᵀ   gemm N,T  784×50,  k = 1024
 * </pre>
 *
 * A measurement, not a test: run it once per BLAS, each in its own JVM (a JVM keeps the BLAS it loaded
 * first), with one OpenBLAS thread:
 *
 * <pre>
 *   mvn -q -Papparatus process-test-classes -Dapparatus="GemmRate [rounds]"      # bundled OpenBLAS
 *   mvn -q -Papparatus process-test-classes -Dapparatus="GemmRate [rounds]" \
 *       -Dapparatus.jvm=-Dsparkprop.blas.bundled=false                          # system libblas.so.3
 * </pre>
 *
 * Prints the BLAS ({@link BlasInfo#describe()}) and, per product and precision, the median and best
 * of {@code rounds} rounds of about {@code seconds} each.
 */
public final class GemmRate {
  static final int M = 784;
  static final int NH = 50;
  static final int B = 1024;

  private GemmRate() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 0.5;
    BlasInfo info = BundledOpenBlas.install();
    System.out.println("blas: " + info.describe());
    System.out.println("why:  " + info.reason);
    BLAS blas = BLAS.getInstance();
    Random r = new Random(17);
    double[] w1 = fill(new double[M * NH], r, 1.0);
    double[] x = fill(new double[M * B], r, 1.0 / 255);
    double[] dl1 = fill(new double[NH * B], r, 1e-3);
    double[] l1 = new double[NH * B];
    double[] dw1 = new double[M * NH];
    float[] w1f = toFloat(w1);
    float[] xf = toFloat(x);
    float[] dl1f = toFloat(dl1);
    float[] l1f = new float[NH * B];
    float[] dw1f = new float[M * NH];
    double flops = 2.0 * M * NH * B;

    Runnable dTN = () -> blas.dgemm("T", "N", NH, B, M, 1.0, w1, M, x, M, 0.0, l1, NH);
    Runnable dNT = () -> blas.dgemm("N", "T", M, NH, B, 1.0, x, M, dl1, NH, 1.0, dw1, M);
    Runnable sTN = () -> blas.sgemm("T", "N", NH, B, M, 1f, w1f, M, xf, M, 0f, l1f, NH);
    Runnable sNT = () -> blas.sgemm("N", "T", M, NH, B, 1f, xf, M, dl1f, NH, 1f, dw1f, M);
    // Warm-up: JIT, page faults, OpenBLAS buffers.
    for (Runnable k : new Runnable[] {dTN, dNT, sTN, sNT}) time(k, flops, 1, 0.3);
    report("DGEMM T,N  l1 = w1ᵀ·x     50×1024×784 ", time(dTN, flops, rounds, seconds));
    report("DGEMM N,T  dw1 += x·dl1ᵀ  784×50×1024 ", time(dNT, flops, rounds, seconds));
    report("SGEMM T,N  l1 = w1ᵀ·x     50×1024×784 ", time(sTN, flops, rounds, seconds));
    report("SGEMM N,T  dw1 += x·dl1ᵀ  784×50×1024 ", time(sNT, flops, rounds, seconds));
  }

  /**
   * GFLOP/s of each round by the thread's CPU time (what the kernel gets while it runs: robust to other
   * processes taking the core away on a shared machine) and by wall time; each sorted.
   */
  static double[][] time(Runnable kernel, double flops, int rounds, double seconds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] cpu = new double[rounds];
    double[] wall = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long calls = 0;
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long deadline = t0 + (long) (seconds * 1e9);
      long t;
      do {
        kernel.run();
        calls++;
        t = System.nanoTime();
      } while (t < deadline);
      cpu[i] = calls * flops / (threads.getCurrentThreadCpuTime() - c0);
      wall[i] = calls * flops / (t - t0);
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    return new double[][] {cpu, wall};
  }

  private static void report(String what, double[][] rates) {
    double[] cpu = rates[0];
    double[] wall = rates[1];
    System.out.println(String.format(Locale.ROOT,
        "%s CPU-time median %6.1f GFLOP/s (best %6.1f, worst %6.1f); wall median %6.1f", what,
        cpu[cpu.length / 2], cpu[cpu.length - 1], cpu[0], wall[wall.length / 2]));
  }

  private static double[] fill(double[] v, Random r, double scale) {
    for (int i = 0; i < v.length; i++) v[i] = scale * r.nextInt(256);
    return v;
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
    return f;
  }
}
