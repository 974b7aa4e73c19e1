package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Each layer's backward against central finite differences of its forward, in float64.
 *
 * <p>The scalar under test is {@code L = Σ out ⊙ R} for a fixed random R, so {@code out.g = R} and
 * every gradient a backward returns must equal ∂L/∂(that input) elementwise.
 */
class LayerGradientTest {
  private static final double EPS = 1e-6;
  private static final double RTOL = 1e-7;
  private final Random random = new Random(42);

  private Matrix random(int rows, int cols) {
    Matrix m = Matrix.zeros(Precision.FLOAT64, rows, cols);
    for (int k = 0; k < m.size(); k++) m.set(k, random.nextGaussian());
    return m;
  }

  private static double dot(Matrix a, Matrix b) {
    double s = 0;
    for (int k = 0; k < a.size(); k++) s += a.get(k) * b.get(k);
    return s;
  }

  /** Asserts grad[k] = (L(x+ε e_k) − L(x−ε e_k)) / 2ε for every element of x. */
  private static void assertMatchesFiniteDifferences(String what, Matrix x, Matrix grad, DoubleSupplier loss) {
    double scale = 0;
    for (int k = 0; k < grad.size(); k++) scale = Math.max(scale, Math.abs(grad.get(k)));
    for (int k = 0; k < x.size(); k++) {
      double keep = x.get(k);
      x.set(k, keep + EPS);
      double plus = loss.getAsDouble();
      x.set(k, keep - EPS);
      double minus = loss.getAsDouble();
      x.set(k, keep);
      double fd = (plus - minus) / (2 * EPS);
      assertEquals(fd, grad.get(k), RTOL * Math.max(1, scale), what + "[" + k + "]");
    }
  }

  @Test
  void linearBackwardGivesTheFiniteDifferenceGradientOfInputWeightsAndBias() {
    int nIn = 7, nOut = 4, b = 5;
    Matrix inp = random(nIn, b), w = random(nIn, nOut), bias = random(nOut, 1), r = random(nOut, b);
    Matrix out = Matrix.zeros(Precision.FLOAT64, nOut, b);
    DoubleSupplier loss = () -> {
      Linear.forward(out, inp, w, bias);
      return dot(out, r);
    };
    Matrix dinp = Matrix.zeros(Precision.FLOAT64, nIn, b);
    Matrix dw = Matrix.zeros(Precision.FLOAT64, nIn, nOut);
    Matrix db = Matrix.zeros(Precision.FLOAT64, nOut, 1);
    Linear.backward(dinp, dw, db, r, inp, w);
    assertMatchesFiniteDifferences("inp.g", inp, dinp, loss);
    assertMatchesFiniteDifferences("w.g", w, dw, loss);
    assertMatchesFiniteDifferences("b.g", bias, db, loss);
  }

  @Test
  void linearBackwardAccumulatesParameterGradientsAcrossCalls() {
    Matrix inp = random(6, 3), w = random(6, 2), r = random(2, 3);
    Matrix dw = Matrix.zeros(Precision.FLOAT64, 6, 2), db = Matrix.zeros(Precision.FLOAT64, 2, 1);
    Linear.backward(null, dw, db, r, inp, w);
    double[] once = dw.toDoubles();
    double[] onceB = db.toDoubles();
    Linear.backward(null, dw, db, r, inp, w);
    for (int k = 0; k < once.length; k++) assertEquals(2 * once[k], dw.get(k), 1e-12);
    for (int k = 0; k < onceB.length; k++) assertEquals(2 * onceB[k], db.get(k), 1e-12);
  }

  @Test
  void reluBackwardGivesTheFiniteDifferenceGradientAwayFromTheKink() {
    Matrix inp = random(5, 6), r = random(5, 6);
    for (int k = 0; k < inp.size(); k++) {
      if (Math.abs(inp.get(k)) < 1e-3) inp.set(k, 0.5); // keep ±ε on one side of 0
    }
    Matrix out = Matrix.zeros(Precision.FLOAT64, 5, 6);
    DoubleSupplier loss = () -> {
      Relu.forward(out, inp);
      return dot(out, r);
    };
    Matrix dinp = Matrix.zeros(Precision.FLOAT64, 5, 6);
    Relu.backward(dinp, r, inp);
    assertMatchesFiniteDifferences("relu inp.g", inp, dinp, loss);
    boolean sawZero = false;
    for (int k = 0; k < inp.size(); k++) sawZero |= inp.get(k) < 0 && dinp.get(k) == 0;
    assertTrue(sawZero, "negative inputs must pass no gradient");
  }

  @Test
  void mseBackwardGivesTheFiniteDifferenceGradientOfTheSquaredErrorSum() {
    Matrix out = random(1, 9), target = random(1, 9);
    DoubleSupplier loss = () -> Mse.forward(out, target);
    Matrix dout = Matrix.zeros(Precision.FLOAT64, 1, 9);
    Mse.backward(dout, out, target);
    assertMatchesFiniteDifferences("out.g", out, dout, loss);
  }

  @Test
  void float32LayersAgreeWithFloat64ToSinglePrecision() {
    int nIn = 30, nOut = 8, b = 11;
    Matrix inp = random(nIn, b), w = random(nIn, nOut), bias = random(nOut, 1);
    Matrix out64 = Matrix.zeros(Precision.FLOAT64, nOut, b);
    Linear.forward(out64, inp, w, bias);
    Matrix out32 = Matrix.zeros(Precision.FLOAT32, nOut, b);
    Linear.forward(out32, Matrix.of(Precision.FLOAT32, nIn, b, inp.toDoubles()),
        Matrix.of(Precision.FLOAT32, nIn, nOut, w.toDoubles()), Matrix.of(Precision.FLOAT32, nOut, 1, bias.toDoubles()));
    for (int k = 0; k < out64.size(); k++) assertEquals(out64.get(k), out32.get(k), 1e-5 * nIn);
  }
}
