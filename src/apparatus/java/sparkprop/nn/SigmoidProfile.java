package sparkprop.nn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The float32 sigmoid alone (a harness run by hand, not a test): ns per element of its forward and
 * backward over a 50 × 30,000 block of the race's hidden layer (z ~ N(0, 4²)), thread CPU time,
 * medians after warm-up rounds, in turns — the element-by-element formula on Float32Exp (the kernel
 * before {@link Sigmoid}), Activation's forward as shipped (Sigmoid's stages) over the whole block and
 * over 1,024-row blocks as the pass calls it, the backward, and the rounding step of e^x alone both
 * ways ({@code (int) Math.rint} against the 1.5·2^52 add's raw bits).
 * {@code mvn -q -Papparatus process-test-classes -Dapparatus="SigmoidProfile [rounds]"}; with
 * {@code exhaustive} instead of rounds it compares the stages with the formula on all 2^32 floats.
 */
public final class SigmoidProfile {
  private static final int HIDDEN = 50;
  private static final int ROWS = 30_000;
  private static final int BLOCK_ROWS = 1024;

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("exhaustive")) {
      exhaustive();
      return;
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int n = HIDDEN * ROWS;
    Float32Matrix z = new Float32Matrix(HIDDEN, ROWS);
    Float32Matrix a = new Float32Matrix(HIDDEN, ROWS);
    Float32Matrix g = new Float32Matrix(HIDDEN, ROWS);
    Float32Matrix dz = new Float32Matrix(HIDDEN, ROWS);
    Random r = new Random(21);
    for (int k = 0; k < n; k++) {
      z.data[k] = (float) (r.nextGaussian() * 4);
      g.data[k] = (float) r.nextGaussian();
    }
    int[] sink = new int[n];
    Map<String, Runnable> cases = new LinkedHashMap<>();
    cases.put("forward, element by element (before)", () -> {
      for (int k = 0; k < n; k++) a.data[k] = (float) (1.0f / (1.0f + Float32Exp.exp(-z.data[k])));
    });
    cases.put("forward, Sigmoid's stages (after)", () -> Activation.SIGMOID.forward(a, z));
    cases.put("forward, stages per 1,024-row block", () -> {
      for (int first = 0; first < ROWS; first += BLOCK_ROWS) {
        int b = Math.min(BLOCK_ROWS, ROWS - first);
        Activation.SIGMOID.forward(a.view(first * HIDDEN, HIDDEN, b), z.view(first * HIDDEN, HIDDEN, b));
      }
    });
    cases.put("backward a·(1−a)·g", () -> Activation.SIGMOID.backward(dz, g, z, a));
    cases.put("rounding alone: (int) Math.rint", () -> {
      for (int k = 0; k < n; k++) sink[k] = (int) Math.rint(-z.data[k] * Float32Exp.K_PER_X) & 31;
    });
    cases.put("rounding alone: 1.5·2^52's bits", () -> {
      for (int k = 0; k < n; k++) sink[k] = (int) Double.doubleToRawLongBits(-z.data[k] * Float32Exp.K_PER_X + 0x1.8p52) & 31;
    });
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, List<Double>> t = new LinkedHashMap<>();
    for (int round = -5; round < rounds; round++) {
      for (Map.Entry<String, Runnable> e : cases.entrySet()) {
        long c0 = mx.getCurrentThreadCpuTime();
        e.getValue().run();
        double ns = (double) (mx.getCurrentThreadCpuTime() - c0) / n;
        if (round >= 0) t.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(ns);
      }
    }
    System.out.printf(Locale.ROOT, "float32 sigmoid over %d x %d, thread CPU ns per element, %d rounds after 5 warm-up%n",
        HIDDEN, ROWS, rounds);
    for (Map.Entry<String, List<Double>> e : t.entrySet()) {
      double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(Locale.ROOT, "%-38s median %6.2f  min %6.2f  max %6.2f  (%.1f ms per 1.5 M)%n", e.getKey(),
          v[v.length / 2], v[0], v[v.length - 1], v[v.length / 2] * n / 1e6);
    }
  }

  /** Every float's sigmoid through the stages against the formula, 2^20 at a time; prints the count that differ. */
  private static void exhaustive() {
    int chunk = 1 << 20;
    Float32Matrix z = new Float32Matrix(1, chunk);
    Float32Matrix a = new Float32Matrix(1, chunk);
    long differ = 0;
    long t0 = System.nanoTime();
    for (long first = 0; first < (1L << 32); first += chunk) {
      for (int k = 0; k < chunk; k++) z.data[k] = Float.intBitsToFloat((int) (first + k));
      Activation.SIGMOID.forward(a, z);
      for (int k = 0; k < chunk; k++) {
        float want = (float) (1.0f / (1.0f + Float32Exp.exp(-z.data[k])));
        if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(a.data[k])) {
          if (differ++ < 10) System.out.println("differs: z bits " + Integer.toHexString((int) (first + k)));
        }
      }
    }
    System.out.printf(Locale.ROOT, "all 2^32 floats: %d differ from the formula (%.0f s)%n", differ, (System.nanoTime() - t0) / 1e9);
  }
}
