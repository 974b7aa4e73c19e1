package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import sparkprop.aggregate.GradientSum;

/** θ and partial sums cross Java serialization bit for bit, NaN payloads and signed zeros included. */
class RawDoublesTest {
  private static final double[] SPECIAL = {0.0, -0.0, 1.0, -1.5e-300, Double.MIN_VALUE, Double.MAX_VALUE,
    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.longBitsToDouble(0x7FF0000000000001L),
    Double.longBitsToDouble(0xFFF8000000000123L), Math.PI};

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  private static long[] bits(double[] values) {
    long[] out = new long[values.length];
    for (int k = 0; k < values.length; k++) out[k] = Double.doubleToRawLongBits(values[k]);
    return out;
  }

  @Test
  void thetaAndSumsKeepEveryBit() throws Exception {
    Layout layout = new Layout(3, 2, 2); // 6 + 2 + 4 + 2 = 14 values
    double[] theta = new double[layout.size()];
    for (int k = 0; k < theta.length; k++) theta[k] = SPECIAL[k % SPECIAL.length];
    Parameters p = roundTrip(new Parameters(layout, theta));
    assertEquals(layout, p.layout());
    assertArrayEquals(bits(theta), bits(p.theta()));
    GradientSum s = roundTrip(new GradientSum(layout, theta.clone(), -0.0, 7, 2));
    assertArrayEquals(bits(theta), bits(s.sums()));
    assertEquals(7, s.rows());
    assertEquals(2, s.termsPerRow);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(s.lossSum()));
  }

  @Test
  void aLengthThatDoesNotFitTheLayoutIsRefused() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      RawDoubles.write(out, new double[5]);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThrows(InvalidObjectException.class, () -> RawDoubles.read(in, 6));
    }
  }
}
