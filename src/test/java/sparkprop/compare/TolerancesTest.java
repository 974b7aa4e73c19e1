package sparkprop.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sparkprop.nn.Precision;

/**
 * The comparison's rule, |a − b| ≤ rtol·max|b| + c·ε·S per element: its floor scales with each
 * element's S and with the precision's ε, and not with the tensor's largest reference value.
 */
class TolerancesTest {
  private static final Tolerances F64 = Tolerances.of(Precision.FLOAT64);
  private static final Tolerances F32 = Tolerances.of(Precision.FLOAT32);

  /** One element b with its difference d and its S, under t's gradient rule. */
  private static boolean passes(Tolerances t, double b, double d, double s) {
    return Tolerances.within(t.discrepancy(new double[] {b + d}, new double[] {b}, new double[] {s}), t.gradientRtol);
  }

  @Test
  void theIssuesStationaryB2PassesOnItsFloorAndFailsWithoutOne() {
    // b2 at the issue's stationary point: 4.3e-17 apart on 1.4e-15, relative 3e-2; its rows' terms 2·|out − t| ≈ 5.
    double b = 1.3642420526593924e-15;
    double d = 4.263256414560605e-17;
    assertFalse(Tolerances.within(Discrepancy.of(new double[] {b + d}, new double[] {b}), F64.gradientRtol));
    assertTrue(passes(F64, b, d, 5.0));
  }

  @Test
  void theFloorIsCTimesTheUnitRoundoffTimesS() {
    assertEquals(Math.pow(2, -53), F64.unitRoundoff);
    assertEquals(Math.pow(2, -24), F32.unitRoundoff);
    assertEquals(Tolerances.FLOOR_C * Math.pow(2, -53) * 7.5, F64.floor(7.5));
    assertEquals(Tolerances.FLOOR_C * Math.pow(2, -24) * 7.5, F32.floor(7.5));
    assertEquals(0, F64.floor(0));
  }

  @Test
  void inFloat64TheFloorGrowsWithTheSquareRootOfTheRowsSummedInFloat32ItDoesNot() {
    // float64 adds every compared row in one chain; float32 adds equal blocks in float and carries them in double.
    assertEquals(100 * F64.floor(7.5), Tolerances.of(Precision.FLOAT64, 10_000).floor(7.5), 1e-28);
    assertEquals(F32.floor(7.5), Tolerances.of(Precision.FLOAT32, 10_000).floor(7.5));
    // x.g of a row is no sum over rows.
    assertEquals(F64.floor(7.5), Tolerances.of(Precision.FLOAT64, 10_000).rowFloor(7.5));
  }

  @Test
  void theFloorScalesWithSAndWithEpsilonNotWithTheLargestReference() {
    double s = 3.0;
    double floor = F64.floor(s);
    // b = 0: the relative part is nothing, the floor all there is.
    assertTrue(passes(F64, 0, 0.99 * floor, s));
    assertFalse(passes(F64, 0, 1.01 * floor, s));
    // Twice S, twice the floor.
    assertTrue(passes(F64, 0, 1.98 * floor, 2 * s));
    assertFalse(passes(F64, 0, 2.02 * floor, 2 * s));
    // float32's ε is 2^29 float64's: the same S allows 2^29 times the difference.
    assertTrue(passes(F32, 0, 0.99 * floor * Math.pow(2, 29), s));
    assertFalse(passes(F32, 0, 1.01 * floor * Math.pow(2, 29), s));
    // A larger reference adds only its relative part: what it allows beyond rtol·max|b| is the same floor.
    double large = F64.floor(1e3);
    for (double b : new double[] {1e-20, 1e-6, 1e-3, 1.0}) {
      double relative = F64.gradientRtol * b;
      assertTrue(passes(F64, b, relative + 0.9 * large, 1e3), "b = " + b);
      assertFalse(passes(F64, b, relative + 1.1 * large, 1e3), "b = " + b);
    }
  }

  @Test
  void eachElementHasItsOwnFloorNotTheTensorsLargest() {
    double[] b = {1.0, 0.0};
    double[] s = {1e6, 0.0};                      // element 0's floor ≈ 4.4e-10, element 1's nothing
    double[] a = {1.0, 1e-13};                    // within rtol · max|b| = 1e-12
    assertTrue(Tolerances.within(F64.discrepancy(a, b, s), F64.gradientRtol));
    a[1] = 1e-11;                                 // beyond 1e-12 and element 1's own floor of 0
    Discrepancy d = F64.discrepancy(a, b, s);
    assertTrue(d.maxFloor() > 1e-11, "the tensor's largest floor would cover it");
    assertFalse(Tolerances.within(d, F64.gradientRtol));
  }

  @Test
  void theStatisticsMergeToTheVerdictOfTheWhole() {
    double[] a = {1.0 + 1e-13, 2e-15, 5e-16, -3.0};
    double[] b = {1.0, 0.0, 0.0, -3.0 - 2e-12};
    double[] s = {2.0, 4.0, 0.1, 3.0};
    Discrepancy whole = F64.discrepancy(a, b, s);
    Discrepancy merged = new Discrepancy();
    for (int k = 0; k < a.length; k++) {
      merged.merge(F64.discrepancy(new double[] {a[k]}, new double[] {b[k]}, new double[] {s[k]}));
    }
    assertEquals(whole.maxExcessOverFloor(), merged.maxExcessOverFloor());
    assertEquals(whole.maxFloor(), merged.maxFloor());
    assertEquals(whole.maxDiffOverFloor(), merged.maxDiffOverFloor());
    assertEquals(Tolerances.within(whole, 1e-12), Tolerances.within(merged, 1e-12));
    assertEquals(Tolerances.within(whole, 1e-13), Tolerances.within(merged, 1e-13));
  }

  @Test
  void aNonFiniteNumberFailsWhateverTheFloor() {
    assertFalse(Tolerances.within(F64.discrepancy(new double[] {Double.NaN}, new double[] {0}, new double[] {1e300}),
        F64.gradientRtol));
    assertFalse(Tolerances.within(F64.discrepancy(new double[] {1}, new double[] {Double.POSITIVE_INFINITY},
        new double[] {1e300}), F64.gradientRtol));
  }

  @Test
  void theFiniteDifferenceFloorIsTheLossesRoundingOverTheStepPlusTheGradients() {
    double u64 = Math.pow(2, -53);
    // 400 terms: the loss's rounding grows like √400 = 20 times ε·S.
    assertEquals(Tolerances.FLOOR_C * (u64 * 20 * 8.6 / 1e-6 + u64 * 2.0), F64.finiteDifferenceFloor(8.6, 400, 1e-6, 2.0),
        1e-24);
    // The losses are float64 whatever the gradient's precision; the gradient's part takes its own ε.
    assertEquals(Tolerances.FLOOR_C * (u64 * 20 * 8.6 / 1e-6 + Math.pow(2, -24) * 2.0),
        F32.finiteDifferenceFloor(8.6, 400, 1e-6, 2.0), 1e-20);
  }
}
