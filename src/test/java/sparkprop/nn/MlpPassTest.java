package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkprop.read.RowChunk;

/** Properties of the kernel: block-size and chunking invariance, scaling, and the whole pass against finite differences. */
class MlpPassTest {
  private static final MlpShape SHAPE = new MlpShape(20, 6);

  static RowChunk rows(int n, long seed, long firstId) {
    Random r = new Random(seed);
    byte[] pixels = new byte[n * SHAPE.inputs];
    byte[] labels = new byte[n];
    for (int k = 0; k < pixels.length; k++) pixels[k] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 0);
    for (int k = 0; k < n; k++) labels[k] = (byte) r.nextInt(10);
    return RowChunk.consecutive(SHAPE.inputs, pixels, labels, firstId);
  }

  static double[] sums(Parameters p, Precision precision, int blockRows, RowChunk... chunks) {
    MlpPass pass = new MlpPass(new Mlp(p, precision), blockRows, PixelScale.BYTE, false);
    for (RowChunk c : chunks) pass.accumulate(c, null);
    return pass.gradientSums();
  }

  @Test
  void gradientSumsDoNotDependOnTheBlockSize() {
    Parameters p = Parameters.standardNormal(SHAPE, 1);
    RowChunk data = rows(103, 7, 0);
    double[] one = sums(p, Precision.FLOAT64, 1, data);
    for (int b : new int[] {7, 64, 103, 1024}) {
      double[] other = sums(p, Precision.FLOAT64, b, data);
      for (int k = 0; k < one.length; k++) assertEquals(one[k], other[k], 1e-12 * (1 + Math.abs(one[k])), "block " + b);
    }
  }

  @Test
  void splittingRowsAcrossChunksAddsUpToTheWhole() {
    Parameters p = Parameters.standardNormal(SHAPE, 2);
    RowChunk whole = rows(50, 3, 0);
    RowChunk a = sliceOf(whole, 0, 17);
    RowChunk b = sliceOf(whole, 17, 50);
    double[] expected = sums(p, Precision.FLOAT64, 8, whole);
    double[] split = sums(p, Precision.FLOAT64, 8, a, b);
    for (int k = 0; k < expected.length; k++) assertEquals(expected[k], split[k], 1e-12 * (1 + Math.abs(expected[k])));
  }

  @Test
  void anEmptyChunkContributesNothing() {
    Parameters p = Parameters.standardNormal(SHAPE, 3);
    MlpPass pass = new MlpPass(new Mlp(p, Precision.FLOAT64), 16, PixelScale.BYTE, true);
    pass.accumulate(rows(0, 1, 0), (ids, first, dx) -> { throw new AssertionError("no block expected"); });
    assertEquals(0, pass.rows());
    assertEquals(0.0, pass.squaredErrors());
    assertArrayEquals(new double[SHAPE.size()], pass.gradientSums());
  }

  /** The unscaled sums divided by N are the gradient of the mean loss: central differences of the forward pass alone. */
  @Test
  void sumsOverNAreTheGradientOfTheMeanLossByFiniteDifferences() {
    Parameters p = Parameters.standardNormal(SHAPE, 4);
    RowChunk data = rows(40, 5, 0);
    double[] g = sums(p, Precision.FLOAT64, 16, data);
    double eps = 1e-6;
    double norm = 0;
    for (double v : g) norm = Math.max(norm, Math.abs(v / data.count));
    for (int k = 0; k < SHAPE.size(); k += 7) {
      double[] e = new double[SHAPE.size()];
      e[k] = 1;
      double plus = meanLoss(p.plus(eps, e), data);
      double minus = meanLoss(p.plus(-eps, e), data);
      assertEquals((plus - minus) / (2 * eps), g[k] / data.count, 1e-6 * norm, "θ[" + k + "]");
    }
  }

  @Test
  void float32SumsStayWithinSinglePrecisionOfFloat64() {
    Parameters p = Parameters.standardNormal(SHAPE, 5);
    RowChunk data = rows(300, 6, 0);
    double[] g64 = sums(p, Precision.FLOAT64, 64, data);
    double[] g32 = sums(p, Precision.FLOAT32, 64, data);
    double max = 0;
    for (double v : g64) max = Math.max(max, Math.abs(v));
    for (int k = 0; k < g64.length; k++) assertEquals(g64[k], g32[k], 1e-5 * max);
  }

  private static double meanLoss(Parameters p, RowChunk data) {
    return new MlpPass(new Mlp(p, Precision.FLOAT64), 16, PixelScale.BYTE, false).squaredErrorSum(data) / data.count;
  }

  static RowChunk sliceOf(RowChunk c, int from, int to) {
    byte[] px = java.util.Arrays.copyOfRange(c.pixels, from * c.width, to * c.width);
    byte[] lb = java.util.Arrays.copyOfRange(c.labels, from, to);
    return RowChunk.consecutive(c.width, px, lb, c.rowIds[from]);
  }
}
