package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Loss#forwardBackward}, the one call the pass makes per block, gives the bits of {@link
 * Loss#forward} followed by {@link Loss#backward} — the loss sum and every element of out.g — for both
 * losses in both precisions, on logits spread wide enough that softmax's max and exp matter (cross-entropy
 * fuses the two into one pass over the block; a fused kernel that summed, rounded or ordered anything
 * differently would fail here). Cross-entropy's backward alone is that fused pass, so its out.g is also
 * held against softmax − onehot computed here independently, in double.
 */
class LossForwardBackwardTest {
  @Test
  void oneCallGivesTheBitsOfForwardThenBackward() {
    int outputs = 10;
    int cols = 777;
    Random r = new Random(21);
    double[] z = new double[outputs * cols];
    for (int k = 0; k < z.length; k++) z[k] = k % 5 == 0 ? r.nextGaussian() * 40 : r.nextGaussian() * 3;
    byte[] labels = new byte[cols + 3];
    for (int j = 0; j < labels.length; j++) labels[j] = (byte) r.nextInt(outputs);
    for (LossKind kind : LossKind.values()) {
      for (Precision p : Precision.values()) {
        Matrix out = Matrix.of(p, outputs, cols, z);
        Loss separate = Loss.of(kind, p, outputs, cols);
        Matrix want = Matrix.zeros(p, outputs, cols);
        double wantSum = separate.forward(out, labels, 3);
        separate.backward(want, out, labels, 3);
        Loss fused = Loss.of(kind, p, outputs, cols);
        Matrix got = Matrix.zeros(p, outputs, cols);
        double gotSum = fused.forwardBackward(got, out, labels, 3);
        assertEquals(Double.doubleToRawLongBits(wantSum), Double.doubleToRawLongBits(gotSum), kind + " " + p + " loss sum");
        for (int k = 0; k < want.size(); k++) {
          assertEquals(Double.doubleToRawLongBits(want.get(k)), Double.doubleToRawLongBits(got.get(k)),
              kind + " " + p + " out.g element " + k);
        }
        if (kind == LossKind.CROSS_ENTROPY) {
          double[] softmaxMinusOneHot = softmaxMinusOneHot(out, labels, 3);
          double tolerance = p == Precision.FLOAT64 ? 1e-15 : 2e-7; // a few units of the precision's rounding
          for (int k = 0; k < got.size(); k++) {
            assertEquals(softmaxMinusOneHot[k], got.get(k), tolerance, p + " cross-entropy out.g element " + k);
          }
        }
      }
    }
  }

  /** softmax(z[:, j]) − onehot(label_j) per column, in double with Math's exp: a reference written apart from the kernel. */
  private static double[] softmaxMinusOneHot(Matrix z, byte[] labels, int first) {
    int rows = z.rows();
    double[] g = new double[z.size()];
    for (int j = 0; j < z.cols(); j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < rows; i++) max = Math.max(max, z.get(j * rows + i));
      double sum = 0;
      for (int i = 0; i < rows; i++) sum += Math.exp(z.get(j * rows + i) - max);
      for (int i = 0; i < rows; i++) g[j * rows + i] = Math.exp(z.get(j * rows + i) - max) / sum;
      g[j * rows + labels[first + j]] -= 1;
    }
    return g;
  }
}
