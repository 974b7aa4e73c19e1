package sparkprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import sparkprop.nn.Activation;
import sparkprop.nn.Matrix;
import sparkprop.nn.Precision;

/**
 * The kernel's branch-free ReLU (a change made for the benchmark) against the plain formulas it
 * replaced, bit for bit, on the values where the two could part: NaNs of either sign, ±0, ±∞,
 * subnormals and the largest finite numbers.
 */
class KernelBitsTest {
  private static final double[] SPECIAL = {
    Double.NaN, Double.longBitsToDouble(0xFFF8000000000000L), Double.longBitsToDouble(0x7FF0000000000001L),
    0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE,
    Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 1.0, -1.0, 1e-300, -1e-300, 3.5, -2.25,
    Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE
  };

  @Test
  void reluAndMaskMatchTheTernaries() {
    int n = SPECIAL.length;
    double[] x = new double[n * n];
    double[] g = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        x[i * n + j] = SPECIAL[i];
        g[i * n + j] = SPECIAL[j];
      }
    }
    for (Precision p : Precision.values()) {
      Matrix in = Matrix.of(p, n, n, x);
      Matrix grad = Matrix.of(p, n, n, g);
      Matrix relu = Matrix.zeros(p, n, n);
      Matrix mask = Matrix.zeros(p, n, n);
      Activation.RELU.forward(relu, in);
      Activation.RELU.backward(mask, grad, in, relu);
      for (int k = 0; k < n * n; k++) {
        double xi = in.get(k);
        double want = xi > 0 ? xi : 0.0;
        double wantMask = xi > 0 ? grad.get(k) : 0.0;
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(relu.get(k)),
            p + " relu(" + xi + ")");
        assertEquals(Double.doubleToRawLongBits(wantMask), Double.doubleToRawLongBits(mask.get(k)),
            p + " mask(" + xi + ", " + grad.get(k) + ")");
      }
    }
  }

  @Test
  void float32BlockSumsAddInDouble() {
    Matrix block = Matrix.of(Precision.FLOAT32, 2, 2, new double[] {0.1, -3, 1e-8, 7});
    Matrix sum = Matrix.of(Precision.FLOAT64, 2, 2, new double[] {1, 1, 1, 1});
    block.addTo(sum);
    for (int k = 0; k < 4; k++) assertEquals(1.0 + (double) (float) new double[] {0.1, -3, 1e-8, 7}[k], sum.get(k));
  }
}
