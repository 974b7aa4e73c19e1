package sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkprop.aggregate.Gradients;
import sparkprop.nn.Layout;

/**
 * torch.optim.Adam's rule on two parameters, with the expected numbers from its definition, not from
 * the code: on the first step m̂ = g and v̂ = g², so with eps = 0 each parameter moves by lr against
 * its gradient's sign; weight decay adds wd·θ to the gradient (L2, not AdamW's decoupled decay).
 */
class AdamTest {
  private static final Layout ONE = new Layout(1, 1); // θ = (w, b)

  private static Optimizer.Evaluator gradients(double[][] g) {
    return (theta, step) -> new Objective.Value(new Gradients(ONE, g[(int) step].clone(), 0.0, 1), null, -1);
  }

  @Test
  void theFirstStepMovesEachParameterByLrAgainstItsGradientsSign() {
    double[] theta = {1.0, -2.0};
    new Adam(LrSchedule.constant(0.1), 0.9, 0.999, 0, 0).step(0, theta, gradients(new double[][] {{0.003, -40.0}}));
    assertArrayEquals(new double[] {0.9, -1.9}, theta, 1e-15);
  }

  @Test
  void twoStepsFollowTheBiasCorrectedMoments() {
    double lr = 0.01, b1 = 0.8, b2 = 0.9, eps = 1e-3;
    double[][] g = {{1.0, -0.5}, {3.0, 2.0}};
    double[] theta = {0.0, 0.0};
    Adam adam = new Adam(LrSchedule.constant(lr), b1, b2, eps, 0);
    adam.step(0, theta, gradients(g));
    adam.step(1, theta, gradients(g));
    double[] expected = new double[2];
    for (int k = 0; k < 2; k++) {
      double m1 = 0.2 * g[0][k];
      double v1 = 0.1 * g[0][k] * g[0][k];
      double step1 = lr * (m1 / 0.2) / (Math.sqrt(v1 / 0.1) + eps);
      double m2 = 0.8 * m1 + 0.2 * g[1][k];
      double v2 = 0.9 * v1 + 0.1 * g[1][k] * g[1][k];
      double step2 = lr * (m2 / (1 - 0.64)) / (Math.sqrt(v2 / (1 - 0.81)) + eps);
      expected[k] = -step1 - step2;
    }
    assertArrayEquals(expected, theta, 1e-15);
  }

  @Test
  void weightDecayIsAddedToTheGradient() {
    double[] theta = {2.0, -3.0};
    new Adam(LrSchedule.constant(0.5), 0.9, 0.999, 0, 0.01).step(0, theta, gradients(new double[][] {{0.0, 0.0}}));
    assertArrayEquals(new double[] {1.5, -2.5}, theta, 1e-15, "g = wd·θ: each moves by lr against θ's sign");
  }

  @Test
  void theStateSurvivesACheckpointAndTheNextStepIsByteIdentical() {
    double[][] g = {{Math.PI, -Math.E}, {0.7, 0.01}, {-1.3, 2.9}};
    Adam a = new Adam(LrSchedule.constant(0.01), 0.9, 0.999, 1e-8, 0.001);
    double[] theta = {0.3, 0.7};
    a.step(0, theta, gradients(g));
    a.step(1, theta, gradients(g));
    Map<String, byte[]> state = a.state();
    assertEquals(1, state.size());
    Adam b = new Adam(LrSchedule.constant(0.01), 0.9, 0.999, 1e-8, 0.001);
    b.restore(state);
    double[] thetaB = theta.clone();
    a.step(2, theta, gradients(g));
    b.step(2, thetaB, gradients(g));
    assertArrayEquals(theta, thetaB, 0);
    assertArrayEquals(a.state().get(Adam.FILE), b.state().get(Adam.FILE));
  }
}
