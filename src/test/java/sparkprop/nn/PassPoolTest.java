package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import sparkprop.rows.RowChunk;

/** A pass from the pool computes, bit for bit, what a new one does: restarted at its θ with zero sums. */
class PassPoolTest {
  @Test
  void aPooledPassComputesWhatANewOneDoes() {
    Layout layout = new Layout(GradientPassTest.M, 7, 5, 10);
    Architecture a = new Architecture(Activation.RELU, LossKind.CROSS_ENTROPY);
    RowChunk data = GradientPassTest.rows(50, 9, 0);
    for (Precision precision : Precision.values()) {
      Parameters first = Parameters.random(layout, Init.KAIMING, 1);
      Parameters second = Parameters.random(layout, Init.KAIMING, 2);
      GradientPass used = PassPool.borrow(first, a, precision, 8, PixelScale.BYTE, false);
      used.accumulate(data, null);
      PassPool.release(used);
      GradientPass again = PassPool.borrow(second, a, precision, 8, PixelScale.BYTE, false);
      assertSame(used, again, "the idle pass of this shape");
      again.accumulate(data, null);
      GradientPass fresh = new GradientPass(new Network(second, a, precision), 8, PixelScale.BYTE, false);
      fresh.accumulate(data, null);
      assertArrayEquals(fresh.gradientSums(), again.gradientSums());
      assertEquals(fresh.lossSum(), again.lossSum(), 0.0);
      assertEquals(fresh.rows(), again.rows());
      PassPool.release(again);
      GradientPass otherShape = PassPool.borrow(second, a, precision, 16, PixelScale.BYTE, false);
      assertNotSame(again, otherShape);
      PassPool.release(otherShape);
    }
  }
}
