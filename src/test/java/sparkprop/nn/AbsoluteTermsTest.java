package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sparkprop.rows.RowChunk;

/**
 * S, the sum over rows of each gradient element's per-row terms' absolute values, as the reference's
 * pass accumulates it beside the gradient: it is Σ_rows |gradient of that row alone|, it does not
 * depend on the blocks, and asking for it leaves the gradient bitwise as it was.
 */
class AbsoluteTermsTest {
  private static final int ROWS = 37;

  static java.util.List<Object[]> networks() {
    return GradientPassTest.networks();
  }

  private static GradientPass pass(Parameters p, Architecture a, Precision precision, int blockRows, boolean input) {
    return new GradientPass(new Network(p, a, precision), blockRows, PixelScale.BYTE, input);
  }

  @ParameterizedTest
  @MethodSource("networks")
  void sIsTheSumOverRowsOfEachRowsAbsoluteGradient(Layout layout, Architecture a) {
    Parameters p = Parameters.random(layout, Init.KAIMING, 5);
    RowChunk data = GradientPassTest.rows(ROWS, 11, 0);
    double[] expected = new double[layout.size()];
    double[] expectedRow = new double[ROWS];
    double expectedLoss = 0;
    for (int r = 0; r < ROWS; r++) {
      GradientPass one = pass(p, a, Precision.FLOAT64, 4, false);
      one.accumulate(data.slice(r, r + 1), null);
      double[] g = one.gradientSums();
      for (int k = 0; k < g.length; k++) expected[k] += Math.abs(g[k]);
      expectedLoss += Math.abs(one.lossSum());
      expectedRow[r] = inputScale(p, layout, g);
    }
    for (int blockRows : new int[] {1, 8, 64}) {
      GradientPass withS = pass(p, a, Precision.FLOAT64, blockRows, true).withAbsoluteTerms();
      double[] rowS = new double[ROWS];
      withS.accumulate(data, (ids, first, block) -> {
        for (int j = 0; j < block.cols(); j++) rowS[first + j] = withS.inputAbsoluteTerms(j);
      });
      double[] s = withS.absoluteTermSums();
      for (int k = 0; k < s.length; k++) assertEquals(expected[k], s[k], 1e-12 * (1 + expected[k]), "block " + blockRows + " [" + k + "]");
      assertEquals(expectedLoss, withS.absoluteLossSum(), 1e-12 * expectedLoss);
      for (int r = 0; r < ROWS; r++) assertEquals(expectedRow[r], rowS[r], 1e-12 * (1 + expectedRow[r]), "row " + r);
    }
  }

  /**
   * A row's S of x.g from its definition, max_i Σ_j |w1_ij|·|z1.g_j|: for one row, z1.g is b1's gradient.
   */
  private static double inputScale(Parameters p, Layout layout, double[] rowGradient) {
    Tensor w1 = layout.weight(1);
    Tensor b1 = layout.bias(1);
    double[] theta = p.theta();
    double max = 0;
    for (int i = 0; i < w1.rows; i++) {
      double s = 0;
      for (int j = 0; j < w1.cols; j++) {
        s += Math.abs(theta[w1.offset + i + j * w1.rows]) * Math.abs(rowGradient[b1.offset + j]);
      }
      max = Math.max(max, s);
    }
    return max;
  }

  @ParameterizedTest
  @MethodSource("networks")
  void askingForSLeavesTheGradientBitwiseUnchanged(Layout layout, Architecture a) {
    Parameters p = Parameters.random(layout, Init.KAIMING, 6);
    RowChunk data = GradientPassTest.rows(ROWS, 12, 0);
    for (Precision precision : Precision.values()) {
      GradientPass plain = pass(p, a, precision, 8, false);
      GradientPass withS = pass(p, a, precision, 8, false).withAbsoluteTerms();
      plain.accumulate(data, null);
      withS.accumulate(data, null);
      assertArrayEquals(plain.gradientSums(), withS.gradientSums(), precision.label());
      assertEquals(plain.lossSum(), withS.lossSum());
      double[] s = withS.absoluteTermSums();
      double[] g = withS.gradientSums();
      for (int k = 0; k < s.length; k++) {
        assertTrue(s[k] >= Math.abs(g[k]) * (1 - 1e-5), precision.label() + " S ≥ |Σ terms| at " + k);
      }
    }
  }
}
