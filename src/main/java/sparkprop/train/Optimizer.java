package sparkprop.train;

import java.util.Map;

/**
 * A rule that moves θ using the distributed gradient. One {@link #step} is one row of the history:
 * it evaluates the loss and gradient at θ (as often as the rule needs) and updates θ in place.
 */
interface Optimizer {
  /** The evaluation at θ before the step's update. */
  interface Evaluator {
    Objective.Value at(double[] theta, long step);
  }

  /**
   * Takes step {@code step} from θ (updated in place) and returns the loss and gradient at θ before
   * the update — what a PyTorch loop that prints the loss before {@code optimizer.step()} records.
   * When {@code f} throws {@link Objective.EmptyBatch} (a mini-batch with no rows) the step is skipped:
   * the rule must let it through with θ and its own state as they were (evaluate before updating).
   */
  Objective.Value step(long step, double[] theta, Evaluator f);

  /**
   * The gradient of {@code v} with weight decay added, as torch.optim.SGD and Adam do before their rule:
   * g + wd·θ, in a fresh array.
   */
  static double[] decayedGradient(Objective.Value v, double[] theta, double weightDecay) {
    double[] g = v.gradients.gradient();
    if (weightDecay != 0) {
      for (int k = 0; k < g.length; k++) g[k] = g[k] + weightDecay * theta[k];
    }
    return g;
  }

  /** The learning rate step {@code step} takes (history.csv's {@code lr}); NaN for a rule without one (L-BFGS's line search chooses its step). */
  default double rate(long step) {
    return Double.NaN;
  }

  /** The rule's state besides θ (momentum buffers, L-BFGS history), for a checkpoint; name → bytes. */
  Map<String, byte[]> state();

  /** Restores what {@link #state()} gave, so that the next step is the one an uninterrupted run takes. */
  void restore(Map<String, byte[]> state);
}
