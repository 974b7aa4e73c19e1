package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Loss#forwardBackward}, the one call the pass makes per block, gives the bits of {@link
 * Loss#forward} followed by {@link Loss#backward} — the loss sum and every element of out.g — for both
 * losses in both precisions, on logits spread wide enough that softmax's max and exp matter (cross-entropy
 * fuses the two into one pass over the block; a fused kernel that summed, rounded or ordered anything
 * differently would fail here).
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
      }
    }
  }
}
