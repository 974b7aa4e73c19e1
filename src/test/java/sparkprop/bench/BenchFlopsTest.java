package sparkprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import sparkprop.nn.Layout;

/** The FLOP count of any network, and the seed's as earlier runs counted it. */
class BenchFlopsTest {
  @Test
  void theSeedsCountIsTheEarlierOnePlusTheOutputBias() {
    long n = 60_000;
    int m = 784;
    int nh = 50;
    for (boolean dx : new boolean[] {true, false}) {
      double earlier = 2.0 * n * m * nh * (dx ? 3 : 2) + 8.0 * n * nh; // BenchReport.passFlops before any network
      assertEquals(earlier + 2.0 * n, BenchReport.passFlops(n, Layout.regressor(m, nh), dx), 1e-6);
    }
    assertEquals(14.14e9, BenchReport.passFlops(n, Layout.regressor(m, nh), true), 0.01e9, "BENCHMARKS.md's 14.14 GFLOP");
  }

  @Test
  void everyLayerCountsItsProducts() {
    Layout l = new Layout(784, 128, 64, 10);
    long n = 1000;
    double forward = 2.0 * n * (784 * 128 + 128 * 64 + 64 * 10);
    double inputSideOfHidden = 2.0 * n * (128 * 64 + 64 * 10);
    double withoutDx = 2 * forward + inputSideOfHidden;
    assertEquals(withoutDx, GemmProbe.flops(n, l, false), 1e-6);
    assertEquals(withoutDx + 2.0 * n * 784 * 128, GemmProbe.flops(n, l, true), 1e-6);
    assertEquals(withoutDx + 2.0 * n * (128 + 64 + 10), BenchReport.passFlops(n, l, false), 1e-6);
  }

  @Test
  void theProbeRunsEveryLayer() {
    long[] t = GemmProbe.run(sparkprop.nn.Precision.FLOAT32, new int[] {20, 7, 5, 3}, 16, 40, true);
    assertEquals(2, t.length);
    assertEquals(true, t[0] > 0 && t[1] >= 0);
  }
}
