package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each layer's and loss's backward against central finite differences of its forward, in float64
 * and float32 alike.
 *
 * <p>For a layer, the scalar under test is {@code L = Σ out ⊙ R} for a fixed random R, so
 * {@code out.g = R} and every gradient a backward returns must equal ∂L/∂(that input) elementwise.
 * The differences are always taken in float64 (a float32 forward cannot resolve ε); the float32
 * backward, computed on the same values rounded to float, must match them to single precision —
 * 1e-4 of the largest element, where a wrong term errs by order one.
 */
class LayerGradientTest {
  private static final double EPS = 1e-6;
  private final Random random = new Random(42);

  private Matrix random(int rows, int cols) {
    Matrix m = Matrix.zeros(Precision.FLOAT64, rows, cols);
    for (int k = 0; k < m.size(); k++) m.set(k, random.nextGaussian());
    return m;
  }

  private static Matrix in(Precision p, Matrix m) {
    return Matrix.of(p, m.rows(), m.cols(), m.toDoubles());
  }

  private static double dot(Matrix a, Matrix b) {
    double s = 0;
    for (int k = 0; k < a.size(); k++) s += a.get(k) * b.get(k);
    return s;
  }

  private static double rtol(Precision p) {
    return p == Precision.FLOAT64 ? 1e-7 : 1e-4;
  }

  /** Asserts grad[k] = (L(x+ε e_k) − L(x−ε e_k)) / 2ε for every element of the float64 x. */
  private static void assertMatchesFiniteDifferences(String what, Matrix x, Matrix grad, DoubleSupplier loss, double rtol) {
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
      assertEquals(fd, grad.get(k), rtol * Math.max(1, scale), what + "[" + k + "]");
    }
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void denseBackwardGivesTheFiniteDifferenceGradientOfInputWeightsAndBias(Precision p) {
    int nIn = 7, nOut = 4, b = 5;
    Matrix inp = random(nIn, b), w = random(nIn, nOut), bias = random(nOut, 1), r = random(nOut, b);
    Matrix out = Matrix.zeros(Precision.FLOAT64, nOut, b);
    DoubleSupplier loss = () -> {
      new Dense(w, bias, null, null).forward(out, inp);
      return dot(out, r);
    };
    Matrix dinp = Matrix.zeros(p, nIn, b);
    Matrix dw = Matrix.zeros(p, nIn, nOut);
    Matrix db = Matrix.zeros(p, nOut, 1);
    new Dense(in(p, w), in(p, bias), dw, db).backward(dinp, in(p, r), in(p, inp));
    assertMatchesFiniteDifferences("inp.g", inp, dinp, loss, rtol(p));
    assertMatchesFiniteDifferences("w.g", w, dw, loss, rtol(p));
    assertMatchesFiniteDifferences("b.g", bias, db, loss, rtol(p));
  }

  @Test
  void denseBackwardAccumulatesParameterGradientsAcrossCalls() {
    Matrix inp = random(6, 3), w = random(6, 2), r = random(2, 3);
    Matrix dw = Matrix.zeros(Precision.FLOAT64, 6, 2), db = Matrix.zeros(Precision.FLOAT64, 2, 1);
    Dense layer = new Dense(w, random(2, 1), dw, db);
    layer.backward(null, r, inp);
    double[] once = dw.toDoubles();
    double[] onceB = db.toDoubles();
    layer.backward(null, r, inp);
    for (int k = 0; k < once.length; k++) assertEquals(2 * once[k], dw.get(k), 1e-12);
    for (int k = 0; k < onceB.length; k++) assertEquals(2 * onceB[k], db.get(k), 1e-12);
  }

  /** Weights as views into one flat θ: a layer reads and writes exactly its own slice. */
  @Test
  void layersAreViewsIntoTheFlatParametersAndGradient() {
    Layout layout = new Layout(3, 2, 2);
    double[] theta = new double[layout.size()];
    for (int k = 0; k < theta.length; k++) theta[k] = k + 1;
    Network net = new Network(new Parameters(layout, theta), Architecture.reluMse(), Precision.FLOAT64);
    Matrix gradient = Matrix.zeros(Precision.FLOAT64, layout.size(), 1);
    Dense second = net.layer(2, gradient);
    assertEquals(theta[layout.weight(2).offset], second.w.get(0));
    assertEquals(theta[layout.bias(2).offset + 1], second.b.get(1));
    second.db.set(1, 7.0);
    assertEquals(7.0, gradient.get(layout.bias(2).offset + 1));
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void activationBackwardGivesTheFiniteDifferenceGradient(Activation f) {
    for (Precision p : Precision.values()) {
      Matrix z = random(5, 6), r = random(5, 6);
      for (int k = 0; k < z.size(); k++) {
        if (Math.abs(z.get(k)) < 1e-3) z.set(k, 0.5); // keep ±ε on one side of relu's kink
      }
      Matrix a = Matrix.zeros(Precision.FLOAT64, 5, 6);
      DoubleSupplier loss = () -> {
        f.forward(a, z);
        return dot(a, r);
      };
      Matrix z32 = in(p, z);
      Matrix a32 = Matrix.zeros(p, 5, 6);
      f.forward(a32, z32);
      Matrix dz = Matrix.zeros(p, 5, 6);
      f.backward(dz, in(p, r), z32, a32);
      assertMatchesFiniteDifferences(f.label() + " " + p.label() + " z.g", z, dz, loss, rtol(p));
      if (f == Activation.RELU) {
        boolean sawZero = false;
        for (int k = 0; k < z.size(); k++) sawZero |= z.get(k) < 0 && dz.get(k) == 0;
        assertTrue(sawZero, "negative inputs must pass no gradient");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(LossKind.class)
  void lossBackwardGivesTheFiniteDifferenceGradientOfTheLossSum(LossKind kind) {
    for (int outputs : kind == LossKind.MSE ? new int[] {1, 10} : new int[] {10}) {
      for (Precision p : Precision.values()) {
        int b = 9;
        byte[] labels = new byte[b + 2];
        for (int j = 0; j < labels.length; j++) labels[j] = (byte) random.nextInt(10);
        Matrix out = random(outputs, b);
        Loss exact = Loss.of(kind, Precision.FLOAT64, outputs, b);
        DoubleSupplier loss = () -> exact.forward(out, labels, 2);
        Loss loss32 = Loss.of(kind, p, outputs, b);
        Matrix out32 = in(p, out);
        loss32.forward(out32, labels, 2);
        Matrix dout = Matrix.zeros(p, outputs, b);
        loss32.backward(dout, out32, labels, 2);
        assertMatchesFiniteDifferences(kind.label() + " " + outputs + " outputs " + p.label() + " out.g", out, dout, loss,
            rtol(p));
      }
    }
  }

  /** The seed's MSE on one output: Σ (out − digit)², the digit as a number. */
  @Test
  void mseOnOneOutputRegressesOnTheDigitsValue() {
    Loss mse = Loss.of(LossKind.MSE, Precision.FLOAT64, 1, 2);
    Matrix out = Matrix.of(Precision.FLOAT64, 1, 2, new double[] {5, 1});
    assertEquals(1.0 + 1.0, mse.forward(out, new byte[] {6, 2}, 0), 0);
  }

  /** F.cross_entropy of logits (0, ln 3) at label 1 is −log(3/4). */
  @Test
  void crossEntropyIsMinusLogSoftmaxOfTheLabel() {
    Loss ce = Loss.of(LossKind.CROSS_ENTROPY, Precision.FLOAT64, 2, 1);
    Matrix out = Matrix.of(Precision.FLOAT64, 2, 1, new double[] {0, Math.log(3)});
    assertEquals(-Math.log(0.75), ce.forward(out, new byte[] {1}, 0), 1e-15);
  }
}
