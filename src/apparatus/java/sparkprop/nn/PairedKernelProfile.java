package sparkprop.nn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntFunction;
import sparkprop.blas.BundledOpenBlas;
import sparkprop.rows.RowChunk;

/**
 * The race's float32 kernel (784-50-10 sigmoid, cross-entropy, 1,024-row blocks, converted rows
 * cached) on one partition of {@code rows} rows, alone on one thread and then two at once on two
 * threads over two partitions, as a {@code local[2]} pass runs its two tasks (a harness run by hand,
 * not a test): the cached pass and its first layer's GEMMs alone, thread CPU time, in turns. Where
 * two at once cost more CPU than one alone, the difference is the two cores contending (caches,
 * memory), not work that either task does: the part of a task's CPU that {@link KernelProfile}, one
 * thread, cannot see.
 * {@code mvn -q -Papparatus process-test-classes -Dapparatus="PairedKernelProfile [rows] [rounds]"}
 */
public final class PairedKernelProfile {
  public static void main(String[] args) throws Exception {
    BundledOpenBlas.install();
    System.out.println(Blas.describe());
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    Architecture arch = new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY);
    Parameters theta = Parameters.random(new Layout(784, 50, 10), Init.RANDN, 1);
    RowChunk[] chunks = {chunk(rows, 3), chunk(rows, 4)};
    Matrix[] converted = new Matrix[2];
    for (int t = 0; t < 2; t++) {
      converted[t] = Matrix.zeros(Precision.FLOAT32, 784, rows);
      converted[t].loadColumns(chunks[t].pixels, 0, rows, PixelScale.BYTE);
    }
    Map<String, IntFunction<Runnable>> cases = new LinkedHashMap<>();
    cases.put("f32 cached pass", t -> () -> {
      GradientPass g = PassPool.borrow(theta, arch, Precision.FLOAT32, 1024, PixelScale.BYTE, false);
      g.accumulate(chunks[t], null);
      PassPool.release(g);
    });
    cases.put("f32 gemm streamed", t -> () -> KernelProfile.gemmsStreamed(Precision.FLOAT32, converted[t], false));
    Map<String, List<Double>> times = new LinkedHashMap<>();
    for (int k = -3; k < rounds; k++) {
      for (Map.Entry<String, IntFunction<Runnable>> e : cases.entrySet()) {
        double alone = run(new Runnable[] {e.getValue().apply(0)})[0];
        double[] paired = run(new Runnable[] {e.getValue().apply(0), e.getValue().apply(1)});
        if (k < 0) continue;
        times.computeIfAbsent(e.getKey() + " alone", x -> new ArrayList<>()).add(alone);
        times.computeIfAbsent(e.getKey() + " paired", x -> new ArrayList<>()).add(Math.max(paired[0], paired[1]));
      }
    }
    for (Map.Entry<String, List<Double>> e : times.entrySet()) {
      double[] a = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(Locale.ROOT, "%-28s cpu ms median %8.2f  q1 %8.2f  q3 %8.2f%n", e.getKey(), a[a.length / 2],
          a[a.length / 4], a[3 * a.length / 4]);
    }
  }

  /** Each job on its own thread, started together; each thread's CPU time in ms. */
  private static double[] run(Runnable[] jobs) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] ms = new double[jobs.length];
    CyclicBarrier start = new CyclicBarrier(jobs.length);
    Thread[] threads = new Thread[jobs.length];
    for (int t = 0; t < jobs.length; t++) {
      int i = t;
      threads[t] = new Thread(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        long c0 = mx.getCurrentThreadCpuTime();
        jobs[i].run();
        ms[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
      });
      threads[t].start();
    }
    for (Thread th : threads) th.join();
    return ms;
  }

  private static RowChunk chunk(int rows, long seed) {
    Random r = new Random(seed);
    byte[] px = new byte[rows * 784];
    for (int k = 0; k < px.length; k++) px[k] = (byte) (r.nextInt(3) == 0 ? 0 : r.nextInt(256));
    byte[] labels = new byte[rows];
    for (int k = 0; k < rows; k++) labels[k] = (byte) r.nextInt(10);
    return RowChunk.consecutive(784, px, labels, 0);
  }
}
