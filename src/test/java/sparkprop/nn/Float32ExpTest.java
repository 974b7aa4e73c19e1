package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Float32Exp's documented error: relative error below 2^−46 against StrictMath.exp (itself within 1
 * ulp of e^x) wherever e^x is a normal double, so a float32 value computed from it and rounded once is
 * StrictMath's float on all but about one input in 2^21; and its edges (NaN, ±∞, the ends of its range).
 */
class Float32ExpTest {
  private static final double BOUND = Math.scalb(1.0, -46);

  @Test
  void relativeErrorIsBelowTwoToTheMinus46AcrossTheRange() {
    SplittableRandom r = new SplittableRandom(46);
    double worst = 0;
    for (int i = 0; i < 2_000_000; i++) {
      double x = i % 2 == 0 ? r.nextDouble(-708, 709) : (float) (r.nextGaussian() * 10); // any double, a float logit
      double want = StrictMath.exp(x);
      worst = Math.max(worst, Math.abs(Float32Exp.exp(x) - want) / want);
    }
    System.out.println("Float32ExpTest: worst relative error 2^" + Math.log(worst) / Math.log(2));
    assertTrue(worst < BOUND, "worst relative error " + worst);
  }

  @Test
  void aFloatSigmoidFromItIsStrictMathsFloat() {
    SplittableRandom r = new SplittableRandom(21);
    int differ = 0;
    for (int i = 0; i < 1_000_000; i++) {
      float z = (float) (r.nextGaussian() * 8);
      float want = (float) (1.0 / (1.0 + StrictMath.exp(-z)));
      float got = (float) (1.0 / (1.0 + Float32Exp.exp(-z)));
      if (want != got) differ++;
      assertTrue(Math.abs(want - got) <= Math.ulp(want), "sigmoid(" + z + ") " + got + " against " + want);
    }
    assertTrue(differ <= 2, differ + " of 10^6 sigmoids are not StrictMath's float (expected about 0.5)");
  }

  @Test
  void edges() {
    assertEquals(1.0, Float32Exp.exp(0.0));
    assertEquals(1.0, Float32Exp.exp(-0.0));
    assertTrue(Double.isNaN(Float32Exp.exp(Double.NaN)));
    assertEquals(0.0, Float32Exp.exp(Double.NEGATIVE_INFINITY));
    assertEquals(Double.POSITIVE_INFINITY, Float32Exp.exp(Double.POSITIVE_INFINITY));
    assertEquals(0.0, Float32Exp.exp(-708.5));
    assertEquals(Double.POSITIVE_INFINITY, Float32Exp.exp(709.5));
    for (double x : new double[] {-707.9, -103.9, 88.7, 708.9}) {
      assertEquals(1.0, Float32Exp.exp(x) / StrictMath.exp(x), BOUND, "e^" + x);
    }
  }
}
