package sparkprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.GradientPass;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Matrix;
import sparkprop.nn.Network;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.rows.RowChunk;

/** {@link MllibModel#toTheta}, MLlib's flat weights as θ, without Spark. */
class MllibModelLayoutTest {

  @Test
  void transposesEachWeightMatrixAndKeepsTheBiases() {
    // 2-3-2. MLlib: W1 (3×2, column-major) = [[1, 4], [2, 5], [3, 6]] as 1..6, b1 = 7 8 9,
    // W2 (2×3, column-major) = [[10, 12, 14], [11, 13, 15]] as 10..15, b2 = 16 17.
    double[] mllib = new double[17];
    for (int k = 0; k < mllib.length; k++) mllib[k] = k + 1;
    Layout layout = new Layout(2, 3, 2);
    // sparkprop: w1 = W1ᵀ (2×3, column-major): columns (1, 4), (2, 5), (3, 6); w2 = W2ᵀ (3×2): (10, 12, 14), (11, 13, 15).
    double[] expected = {1, 4, 2, 5, 3, 6, 7, 8, 9, 10, 12, 14, 11, 13, 15, 16, 17};
    assertArrayEquals(expected, MllibModel.toTheta(layout, mllib));
  }

  @Test
  void weightCountIsMllibs() {
    assertEquals((784 + 1) * 12 + (12 + 1) * 10, MllibModel.weightCount(new int[] {784, 12, 10}));
    assertEquals(new Layout(784, 16, 12, 10).size(), MllibModel.weightCount(new int[] {784, 16, 12, 10}));
    assertThrows(IllegalArgumentException.class, () -> MllibModel.toTheta(new Layout(2, 3, 2), new double[16]));
  }

  /**
   * sparkprop's forward pass over the converted θ is MLlib's network evaluated from its own flat
   * vector by MLlib's definition: z = W·x + b with W(o, i) at o + i·n_out, sigmoid between layers.
   */
  @Test
  void theForwardPassIsMllibsNetwork() {
    int[] layers = {5, 4, 3, 6};
    Random random = new Random(3);
    double[] mllib = new double[(int) MllibModel.weightCount(layers)];
    for (int k = 0; k < mllib.length; k++) mllib[k] = random.nextGaussian();
    int rows = 9;
    byte[] pixels = new byte[rows * layers[0]];
    random.nextBytes(pixels);
    RowChunk chunk = RowChunk.consecutive(layers[0], pixels, new byte[rows], 0);

    Layout layout = new Layout(layers);
    GradientPass pass = new GradientPass(new Network(new Parameters(layout, MllibModel.toTheta(layout, mllib)),
        new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY), Precision.FLOAT64), 16, PixelScale.BYTE, false);
    Matrix out = pass.outputs(chunk, 0, rows);
    for (int r = 0; r < rows; r++) {
      double[] a = new double[layers[0]];
      for (int i = 0; i < a.length; i++) a[i] = chunk.pixel(r, i) / 255.0;
      int at = 0;
      for (int k = 1; k < layers.length; k++) {
        int in = layers[k - 1];
        int n = layers[k];
        double[] z = new double[n];
        for (int o = 0; o < n; o++) {
          double s = mllib[at + in * n + o]; // b(o)
          for (int i = 0; i < in; i++) s += mllib[at + o + i * n] * a[i]; // W(o, i)·x(i)
          z[o] = k < layers.length - 1 ? 1 / (1 + Math.exp(-s)) : s;
        }
        at += in * n + n;
        a = z;
      }
      for (int o = 0; o < a.length; o++) assertEquals(a[o], out.get(o, r), 1e-12 * (1 + Math.abs(a[o])), "row " + r + " output " + o);
    }
  }
}
