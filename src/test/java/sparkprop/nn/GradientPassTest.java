package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import sparkprop.BadInputException;
import sparkprop.rows.RowChunk;

/**
 * Properties of the kernel for every depth, activation and loss: block-size and chunking invariance,
 * and the whole pass's gradient — every tensor — against central differences of its forward pass.
 */
class GradientPassTest {
  static final int M = 20;

  /** Deep and shallow networks, every activation, both losses. */
  static List<Object[]> networks() {
    List<Object[]> out = new ArrayList<>();
    for (Activation a : Activation.values()) {
      out.add(new Object[] {new Layout(M, 6, 1), new Architecture(a, LossKind.MSE)});
      out.add(new Object[] {new Layout(M, 7, 5, 10), new Architecture(a, LossKind.MSE)});
      out.add(new Object[] {new Layout(M, 7, 5, 10), new Architecture(a, LossKind.CROSS_ENTROPY)});
      out.add(new Object[] {new Layout(M, 9, 8, 6, 10), new Architecture(a, LossKind.CROSS_ENTROPY)});
    }
    out.add(new Object[] {new Layout(M, 10), new Architecture(Activation.RELU, LossKind.CROSS_ENTROPY)});
    return out;
  }

  static RowChunk rows(int n, long seed, long firstId) {
    Random r = new Random(seed);
    byte[] pixels = new byte[n * M];
    byte[] labels = new byte[n];
    for (int k = 0; k < pixels.length; k++) pixels[k] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 0);
    for (int k = 0; k < n; k++) labels[k] = (byte) r.nextInt(10);
    return RowChunk.consecutive(M, pixels, labels, firstId);
  }

  static GradientPass pass(Parameters p, Architecture a, Precision precision, int blockRows) {
    return new GradientPass(new Network(p, a, precision), blockRows, PixelScale.BYTE, false);
  }

  static double[] sums(Parameters p, Architecture a, Precision precision, int blockRows, RowChunk... chunks) {
    GradientPass pass = pass(p, a, precision, blockRows);
    for (RowChunk c : chunks) pass.accumulate(c, null);
    return pass.gradientSums();
  }

  @ParameterizedTest
  @MethodSource("networks")
  void gradientSumsDoNotDependOnTheBlockSize(Layout layout, Architecture a) {
    Parameters p = Parameters.random(layout, Init.KAIMING, 1);
    RowChunk data = rows(103, 7, 0);
    double[] one = sums(p, a, Precision.FLOAT64, 1, data);
    for (int b : new int[] {7, 64, 103, 1024}) {
      double[] other = sums(p, a, Precision.FLOAT64, b, data);
      for (int k = 0; k < one.length; k++) assertEquals(one[k], other[k], 1e-12 * (1 + Math.abs(one[k])), "block " + b);
    }
  }

  @ParameterizedTest
  @MethodSource("networks")
  void splittingRowsAcrossChunksAddsUpToTheWhole(Layout layout, Architecture a) {
    Parameters p = Parameters.random(layout, Init.KAIMING, 2);
    RowChunk whole = rows(50, 3, 0);
    double[] expected = sums(p, a, Precision.FLOAT64, 8, whole);
    double[] split = sums(p, a, Precision.FLOAT64, 8, whole.slice(0, 17), whole.slice(17, 50));
    for (int k = 0; k < expected.length; k++) assertEquals(expected[k], split[k], 1e-12 * (1 + Math.abs(expected[k])));
  }

  /**
   * The unscaled sums divided by N·terms are the gradient of the mean loss: for every tensor, central
   * differences of the float64 forward pass alone along a few of its coordinates. A wrong sign, a
   * missing activation derivative or a wrong scale in any layer breaks it by far more than 1e-6.
   */
  @ParameterizedTest
  @MethodSource("networks")
  void everyTensorsGradientMatchesFiniteDifferences(Layout layout, Architecture a) {
    Parameters p = Parameters.random(layout, Init.KAIMING, 4);
    RowChunk data = rows(40, 5, 0);
    GradientPass pass = pass(p, a, Precision.FLOAT64, 16);
    pass.accumulate(data, null);
    double n = (double) data.count * pass.termsPerRow();
    double[] g = pass.gradientSums();
    double scale = 0;
    for (double v : g) scale = Math.max(scale, Math.abs(v / n));
    double eps = 1e-6;
    for (Tensor t : layout.tensors()) {
      for (int i = 0; i < t.length(); i += Math.max(1, t.length() / 5)) {
        int k = t.offset + i;
        double[] e = new double[layout.size()];
        e[k] = 1;
        double fd = (meanLoss(p.plus(eps, e), a, data) - meanLoss(p.plus(-eps, e), a, data)) / (2 * eps);
        assertEquals(fd, g[k] / n, 1e-6 * scale, t.name + "[" + i + "]");
      }
    }
  }

  /** float32 computes the same gradient to single precision: every element within 2e-5 of the largest. */
  @ParameterizedTest
  @MethodSource("networks")
  void float32SumsStayWithinSinglePrecisionOfFloat64(Layout layout, Architecture a) {
    Parameters p = Parameters.random(layout, Init.KAIMING, 5);
    RowChunk data = rows(300, 6, 0);
    double[] g64 = sums(p, a, Precision.FLOAT64, 64, data);
    double[] g32 = sums(p, a, Precision.FLOAT32, 64, data);
    double max = 0;
    for (double v : g64) max = Math.max(max, Math.abs(v));
    for (int k = 0; k < g64.length; k++) assertEquals(g64[k], g32[k], 2e-5 * max, "θ[" + k + "]");
  }

  @Test
  void anEmptyChunkContributesNothing() {
    Parameters p = Parameters.random(new Layout(M, 6, 1), Init.RANDN, 3);
    GradientPass pass = new GradientPass(new Network(p, Architecture.reluMse(), Precision.FLOAT64), 16, PixelScale.BYTE, true);
    pass.accumulate(rows(0, 1, 0), (ids, first, dx) -> { throw new AssertionError("no block expected"); });
    assertEquals(0, pass.rows());
    assertEquals(0.0, pass.lossSum());
    assertArrayEquals(new double[p.layout().size()], pass.gradientSums());
  }

  /** Cross-entropy of huge logits stays finite: the maximum is subtracted before exponentiating. */
  @Test
  void crossEntropyIsStableForHugeLogits() {
    for (Precision precision : Precision.values()) {
      Matrix logits = Matrix.of(precision, 3, 1, new double[] {1000, 0, -1000});
      Loss crossEntropy = Loss.of(LossKind.CROSS_ENTROPY, precision, 3, 1);
      double loss = crossEntropy.forward(logits, new byte[] {1}, 0);
      assertEquals(1000.0, loss, 1e-3, precision.label());
      Matrix g = Matrix.zeros(precision, 3, 1);
      crossEntropy.backward(g, logits, new byte[] {0}, 0);
      assertEquals(0.0, g.get(0), 1e-6);
      assertTrue(Double.isFinite(g.get(2)));
    }
  }

  @Test
  void aLabelWithoutAnOutputIsRefused() {
    Parameters p = Parameters.random(new Layout(M, 4, 5), Init.RANDN, 3);
    GradientPass pass = pass(p, new Architecture(Activation.RELU, LossKind.CROSS_ENTROPY), Precision.FLOAT64, 8);
    RowChunk data = rows(30, 1, 0); // labels 0–9, five outputs
    BadInputException e = assertThrows(BadInputException.class, () -> pass.accumulate(data, null));
    assertTrue(e.getMessage().contains("outputs"), e.getMessage());
  }

  private static double meanLoss(Parameters p, Architecture a, RowChunk data) {
    GradientPass pass = pass(p, a, Precision.FLOAT64, 16);
    return pass.lossSum(data) / ((double) data.count * pass.termsPerRow());
  }
}
