package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float32 sigmoid computed in stages ({@link Sigmoid}, through {@link Activation#forward}) is the
 * element-by-element formula {@code (float) (1.0f / (1.0f + Float32Exp.exp(-z)))} bit for bit — NaN
 * payloads included — on every kind of float: ±0, subnormals, ±∞, NaNs, the edges of Float32Exp's
 * range, the points where x·32/ln2 rounds half-way, and a stride through all 2^32 bit patterns (the
 * whole range once exhaustively by hand: {@code SigmoidProfile exhaustive}); and the float64 sigmoid
 * is StrictMath's formula bit for bit. Blocks start at odd offsets and end mid-stage, as views do.
 */
class SigmoidTest {
  @Test
  void float32StagesAreTheScalarFormulaOnEveryKindOfFloat() {
    List<Float> special = new ArrayList<>();
    for (int bits : new int[] {0, 0x80000000, 1, 0x80000001, 0x007FFFFF, 0x807FFFFF, 0x00400000, 0x00800000,
        0x80800000, 0x7F7FFFFF, 0xFF7FFFFF, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7F800001,
        0xFF800001, 0x7FC00123, 0xFFFFFFFF, 0x7FFFFFFF}) {
      special.add(Float.intBitsToFloat(bits));
    }
    for (float edge : new float[] {708f, 709f, 88.72f, 103.97f, 87.33f, 0.5f, 1e-8f, 1e30f}) {
      for (float v : new float[] {edge, -edge}) {
        float up = v;
        float down = v;
        for (int k = 0; k < 40; k++) {
          special.add(up);
          special.add(down);
          up = Math.nextUp(up);
          down = Math.nextDown(down);
        }
      }
    }
    for (int k = -40_000; k <= 40_000; k++) { // x·32/ln2 = k + ½, where rint rounds half to even
      double x = (k + 0.5) / Float32Exp.K_PER_X;
      special.add((float) -x);
      special.add(Math.nextUp((float) -x));
      special.add(Math.nextDown((float) -x));
    }
    float[] z = new float[special.size()];
    for (int k = 0; k < z.length; k++) z[k] = special.get(k);
    assertSameBits(z);
  }

  @Test
  void float32StagesAreTheScalarFormulaOnAStrideThroughAllFloats() {
    int stride = 97;
    float[] z = new float[1 << 20];
    long bits = new SplittableRandom(21).nextInt(stride);
    while (bits < (1L << 32)) {
      int count = 0;
      for (; count < z.length && bits < (1L << 32); count++, bits += stride) z[count] = Float.intBitsToFloat((int) bits);
      assertSameBits(java.util.Arrays.copyOf(z, count));
    }
  }

  @Test
  void float64IsStrictMathsFormula() {
    SplittableRandom r = new SplittableRandom(64);
    double[] v = new double[100_003];
    for (int k = 0; k < v.length; k++) v[k] = k % 3 == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextGaussian() * 20;
    Float64Matrix z = (Float64Matrix) Matrix.of(Precision.FLOAT64, 1, v.length, v);
    Float64Matrix a = new Float64Matrix(1, v.length);
    Activation.SIGMOID.forward(a, z);
    for (int k = 0; k < v.length; k++) {
      double want = 1.0 / (1.0 + StrictMath.exp(-v[k]));
      assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(a.data[k]), "sigmoid(" + v[k] + ")");
    }
  }

  /** Activation.SIGMOID.forward over z as a view at offset 3 of a larger block, against the formula. */
  private static void assertSameBits(float[] z) {
    int at = 3;
    Float32Matrix zs = new Float32Matrix(1, z.length + at + 5);
    Float32Matrix as = new Float32Matrix(1, z.length + at + 7);
    System.arraycopy(z, 0, zs.data, at, z.length);
    Activation.SIGMOID.forward(as.view(at + 1, 1, z.length), zs.view(at, 1, z.length));
    for (int k = 0; k < z.length; k++) {
      float want = (float) (1.0f / (1.0f + Float32Exp.exp(-z[k])));
      int got = Float.floatToRawIntBits(as.data[at + 1 + k]);
      if (got != Float.floatToRawIntBits(want)) {
        assertEquals(Integer.toHexString(Float.floatToRawIntBits(want)), Integer.toHexString(got),
            "sigmoid(" + z[k] + ", bits " + Integer.toHexString(Float.floatToRawIntBits(z[k])) + ")");
      }
    }
  }
}
