package sparkprop.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzReader;
import sparkprop.read.npz.NpzWriter;

/**
 * {@code torch.optim.SGD} (no dampening, no Nesterov), elementwise over θ:
 *
 * <pre>
 *   g = ∇L(θ) + wd·θ                          (weight decay adds wd·θ to the gradient first)
 *   b = g             on the first step       (the momentum buffer; none when μ = 0)
 *   b = μ·b + g       afterwards
 *   θ = θ − lr·b      (lr: the schedule's rate at this step)
 * </pre>
 *
 * Its checkpointed state is {@code momentum.npz}: the buffer as one float64 array in θ's layout.
 */
final class Sgd implements Optimizer {
  private final LrSchedule lr;
  private final double momentum;
  private final double weightDecay;
  private double[] buffer;

  Sgd(double lr, double momentum, double weightDecay) {
    this(LrSchedule.constant(lr), momentum, weightDecay);
  }

  Sgd(LrSchedule lr, double momentum, double weightDecay) {
    this.lr = lr;
    this.momentum = momentum;
    this.weightDecay = weightDecay;
  }

  @Override
  public Objective.Value step(long step, double[] theta, Evaluator f) {
    Objective.Value v = f.at(theta, step);
    double[] g = Optimizer.decayedGradient(v, theta, weightDecay);
    double[] d = g;
    if (momentum != 0) {
      if (buffer == null) {
        buffer = g.clone();
      } else {
        for (int k = 0; k < g.length; k++) buffer[k] = momentum * buffer[k] + g[k];
      }
      d = buffer;
    }
    double rate = lr.rate(step);
    for (int k = 0; k < theta.length; k++) theta[k] = theta[k] - rate * d[k];
    return v;
  }

  @Override
  public double rate(long step) {
    return lr.rate(step);
  }

  static final String FILE = "momentum.npz";

  @Override
  public Map<String, byte[]> state() {
    Map<String, byte[]> out = new HashMap<>();
    if (buffer != null) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      NpzWriter.write(b, List.of(NpyArray.of("momentum", new int[] {buffer.length}, buffer)));
      out.put(FILE, b.toByteArray());
    }
    return out;
  }

  @Override
  public void restore(Map<String, byte[]> state) {
    byte[] bytes = state.get(FILE);
    if (bytes == null) {
      buffer = null;
      return;
    }
    buffer = NpzReader.read(new ByteArrayInputStream(bytes), FILE).get("momentum").data();
  }

  /** The momentum buffer, for tests; null before the first step or without momentum. */
  double[] buffer() {
    return buffer == null ? null : buffer.clone();
  }
}
