package sparkprop.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sparkprop.aggregate.GradientSum;
import sparkprop.compare.Tolerances;
import sparkprop.nn.Layout;
import sparkprop.nn.Precision;
import sparkprop.pass.InjectedFault;

/**
 * Who is named: one flipped mantissa bit makes its executor the minority against two agreeing computations,
 * measured as 2^39 ulps in the tensor it hit; kernels that differ are held to the tolerance, not to the bits.
 */
class AttributionTest {
  private static final Layout LAYOUT = new Layout(4, 3, 1);
  private static final ExecutorFacts KERNEL = new ExecutorFacts("cpu", "JNIBLAS BUNDLED", "0.3.31", "Haswell", "jvm 17");
  private static final Tolerances TOL = Tolerances.of(Precision.FLOAT64, 100);

  private static GradientSum sum() {
    double[] theta = new double[LAYOUT.size()];
    for (int k = 0; k < theta.length; k++) theta[k] = Math.sin(k + 1) * 3;
    return new GradientSum(LAYOUT, theta, 12.5, 100, 1);
  }

  private static Replica on(String id, String host, GradientSum s, ExecutorFacts f) {
    return new Replica(0, new Executor(id, host), f, s);
  }

  @Test
  void aFlippedBitIsTheMinorityAndItsSizeIsNamedInUlps() {
    GradientSum bad = sum();
    int at = InjectedFault.flipMantissaBit(bad.sums(), LAYOUT.tensor("w1"));
    Attribution a = Attribution.of(List.of(on("1", "a", sum(), KERNEL), on("2", "b", bad, KERNEL), on("3", "c", sum(), KERNEL)), TOL);
    assertEquals(1, a.outliers.size());
    Attribution.Outlier o = a.outliers.get(0);
    assertEquals("2", o.replica().executor().id());
    assertEquals("w1", o.difference().tensor());
    assertEquals(at - LAYOUT.tensor("w1").offset, o.difference().index());
    assertEquals(1L << 39, o.difference().ulps());
    assertTrue(o.difference().bitwise());
  }

  @Test
  void oneUlpIsADisagreementOnOneKernelButNotAcrossKernels() {
    GradientSum nudged = sum();
    nudged.sums()[5] = Math.nextUp(nudged.sums()[5]);
    ExecutorFacts otherCore = new ExecutorFacts("cpu2", "JNIBLAS BUNDLED", "0.3.31", "SkylakeX", "jvm 17");
    assertEquals(1, Attribution.difference(on("1", "a", sum(), KERNEL), on("2", "b", nudged, KERNEL), TOL).ulps());
    assertNull(Attribution.difference(on("1", "a", sum(), KERNEL), on("2", "b", nudged, otherCore), TOL));
  }

  @Test
  void withoutAMajorityEveryComputationIsUndecided() {
    GradientSum b = sum();
    b.sums()[0] += 1;
    GradientSum c = sum();
    c.sums()[1] += 1;
    Attribution a = Attribution.of(List.of(on("1", "a", sum(), KERNEL), on("2", "b", b, KERNEL), on("3", "c", c, KERNEL)), TOL);
    assertNull(a.majority);
    assertEquals(3, a.outliers.size());
    assertTrue(a.outliers.stream().allMatch(Attribution.Outlier::undecided));
  }
}
