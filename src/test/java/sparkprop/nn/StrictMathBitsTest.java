package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The element-wise maths gives reproducible bits — the same on every CPU — where {@link Math}'s
 * intrinsics may differ from one CPU to another: in float64 {@link StrictMath}'s (fdlibm's) e^x, log
 * and tanh, bit for bit; in float32 StrictMath's log and tanh and {@link Float32Exp}'s e^x (plain Java
 * arithmetic), bit for bit, and the float32 sigmoid is StrictMath's rounded to float on every input
 * here. Inputs span the range where e^x is finite and beyond; on this machine Math.exp differs from
 * StrictMath.exp on about one in ten of them, so a kernel that went back to Math would fail here (the
 * count is printed).
 */
class StrictMathBitsTest {
  private static final int N = 20_000;

  private static double[] inputs() {
    Random r = new Random(20);
    double[] z = new double[N];
    for (int k = 0; k < N; k++) z[k] = k % 7 == 0 ? r.nextGaussian() * 300 : r.nextGaussian() * 6;
    z[0] = 0;
    z[1] = -0.0;
    z[2] = 800;
    z[3] = -800;
    return z;
  }

  @Test
  void sigmoidAndTanhAreStrictMathsBitsInBothPrecisions() {
    double[] z = inputs();
    int differs = 0;
    for (int k = 0; k < N; k++) if (Math.exp(-z[k]) != StrictMath.exp(-z[k])) differs++;
    System.out.println("StrictMathBitsTest: Math.exp differs from StrictMath.exp on " + differs + " of " + N + " inputs");
    for (Precision p : Precision.values()) {
      Matrix in = Matrix.of(p, 100, N / 100, z);
      Matrix sigmoid = Matrix.zeros(p, 100, N / 100);
      Matrix tanh = Matrix.zeros(p, 100, N / 100);
      Activation.SIGMOID.forward(sigmoid, in);
      Activation.TANH.forward(tanh, in);
      for (int k = 0; k < N; k++) {
        double x = in.get(k); // the input as the precision holds it
        assertSameBits(p, 1.0 / (1.0 + exp(p, -x)), sigmoid.get(k), "sigmoid(" + x + ")");
        assertSameBits(p, 1.0 / (1.0 + StrictMath.exp(-x)), sigmoid.get(k), "sigmoid(" + x + ") against StrictMath's");
        assertSameBits(p, StrictMath.tanh(x), tanh.get(k), "tanh(" + x + ")");
      }
    }
  }

  @Test
  void softmaxCrossEntropyIsStrictMathsBitsInBothPrecisions() {
    double[] z = inputs();
    int outputs = 10;
    int cols = N / outputs;
    byte[] labels = new byte[cols];
    for (int j = 0; j < cols; j++) labels[j] = (byte) (j % outputs);
    for (Precision p : Precision.values()) {
      Matrix logits = Matrix.of(p, outputs, cols, z);
      Loss loss = Loss.of(LossKind.CROSS_ENTROPY, p, outputs, cols);
      Matrix grad = Matrix.zeros(p, outputs, cols);
      double sum = loss.forward(logits, labels, 0);
      loss.backward(grad, logits, labels, 0);
      double want = 0;
      for (int j = 0; j < cols; j++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < outputs; i++) max = Math.max(max, logits.get(i, j));
        double e = 0;
        double[] exps = new double[outputs];
        for (int i = 0; i < outputs; i++) {
          exps[i] = exp(p, logits.get(i, j) - max);
          e += exps[i];
        }
        want += max + StrictMath.log(e) - logits.get(labels[j], j);
        double inv = 1.0 / e;
        for (int i = 0; i < outputs; i++) {
          // softmax: p = e^(z−max) stored at the precision, then times 1/Σ, stored again; minus 1 at the label
          double softmax = round(p, round(p, exps[i]) * inv);
          double g = i == labels[j] ? round(p, softmax - 1.0) : softmax;
          assertSameBits(p, g, grad.get(i, j), "gradient at (" + i + ", " + j + ")");
        }
      }
      assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(sum), p + " summed loss");
    }
  }

  /** The e^x of each precision's kernels. */
  private static double exp(Precision p, double x) {
    return p == Precision.FLOAT64 ? StrictMath.exp(x) : Float32Exp.exp(x);
  }

  private static double round(Precision p, double v) {
    return p == Precision.FLOAT64 ? v : (double) (float) v;
  }

  private static void assertSameBits(Precision p, double want, double got, String what) {
    assertEquals(Double.doubleToRawLongBits(round(p, want)), Double.doubleToRawLongBits(got), p + " " + what);
  }
}
