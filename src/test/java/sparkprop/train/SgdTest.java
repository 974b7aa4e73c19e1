package sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkprop.aggregate.Gradients;
import sparkprop.nn.Layout;

/**
 * torch.optim.SGD's rule, with the expected numbers written from its definition — b = g on the first
 * step, then b = μ·b + g; weight decay adds wd·θ to g first; θ −= lr·b — not from the code.
 */
class SgdTest {
  private static final Layout ONE = new Layout(1, 1); // θ = (w, b)

  /** A loss whose gradient at step t is fixed: g_t = G[t]. */
  private static Optimizer.Evaluator gradients(double[][] g) {
    return (theta, step) -> new Objective.Value(new Gradients(ONE, g[(int) step].clone(), 0.0, 1), null, -1);
  }

  @Test
  void plainStepIsThetaMinusLrTimesGradient() {
    double[] theta = {1.0, -2.0};
    new Sgd(0.5, 0, 0).step(0, theta, gradients(new double[][] {{0.25, 4.0}}));
    assertArrayEquals(new double[] {1.0 - 0.5 * 0.25, -2.0 - 0.5 * 4.0}, theta, 0);
  }

  @Test
  void momentumBufferStartsAsTheGradientThenAccumulates() {
    double mu = 0.9, lr = 0.1;
    double[][] g = {{1.0, 2.0}, {3.0, -1.0}, {0.5, 0.5}};
    double[] theta = {0.0, 0.0};
    Sgd sgd = new Sgd(lr, mu, 0);
    for (int t = 0; t < 3; t++) sgd.step(t, theta, gradients(g));
    // b1 = g1 = (1, 2); b2 = 0.9·b1 + g2 = (3.9, 0.8); b3 = 0.9·b2 + g3 = (4.01, 1.22)
    double[] b1 = {1.0, 2.0};
    double[] b2 = {0.9 * 1.0 + 3.0, 0.9 * 2.0 - 1.0};
    double[] b3 = {0.9 * b2[0] + 0.5, 0.9 * b2[1] + 0.5};
    assertArrayEquals(b3, sgd.buffer(), 1e-15);
    assertArrayEquals(new double[] {-lr * (b1[0] + b2[0] + b3[0]), -lr * (b1[1] + b2[1] + b3[1])}, theta, 1e-15);
  }

  @Test
  void weightDecayAddsWdTimesThetaToTheGradientFirst() {
    double wd = 0.01, lr = 0.1, mu = 0.5;
    double[][] g = {{1.0, 0.0}, {1.0, 0.0}};
    double[] theta = {2.0, 3.0};
    Sgd sgd = new Sgd(lr, mu, wd);
    sgd.step(0, theta, gradients(g));
    // g' = g + wd·θ = (1.02, 0.03); b = g'; θ = (2 − 0.102, 3 − 0.003)
    assertArrayEquals(new double[] {2.0 - lr * 1.02, 3.0 - lr * 0.03}, theta, 1e-15);
    double[] theta1 = theta.clone();
    sgd.step(1, theta, gradients(g));
    double[] gd = {1.0 + wd * theta1[0], wd * theta1[1]};
    double[] b = {mu * 1.02 + gd[0], mu * 0.03 + gd[1]};
    assertArrayEquals(new double[] {theta1[0] - lr * b[0], theta1[1] - lr * b[1]}, theta, 1e-15);
  }

  @Test
  void theMomentumBufferSurvivesACheckpointExactly() {
    Sgd a = new Sgd(0.1, 0.9, 0);
    double[] theta = {0.3, 0.7};
    a.step(0, theta, gradients(new double[][] {{Math.PI, Math.E}}));
    Map<String, byte[]> state = a.state();
    Sgd b = new Sgd(0.1, 0.9, 0);
    b.restore(state);
    assertArrayEquals(a.buffer(), b.buffer(), 0);
    assertEquals(1, state.size());
  }
}
