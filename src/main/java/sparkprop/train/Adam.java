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
 * {@code torch.optim.Adam} (no AMSGrad, not maximizing), elementwise over θ, written as PyTorch's
 * single-tensor implementation writes it:
 *
 * <pre>
 *   g = ∇L(θ) + wd·θ                              (weight decay: L2 added to the gradient)
 *   t = t + 1
 *   m = m + (1−β1)·(g − m)                        (exp_avg.lerp_(g, 1−β1); m starts at 0)
 *   v = β2·v + (1−β2)·g·g                         (exp_avg_sq.mul_(β2).addcmul_(g, g, 1−β2))
 *   denom = √v / √(1 − β2^t) + eps
 *   θ = θ − (lr / (1 − β1^t)) · (m / denom)       (lr: the schedule's rate at this step)
 * </pre>
 *
 * Its checkpointed state is {@code adam-state.npz}: m ({@code exp_avg}) and v ({@code exp_avg_sq}) as
 * float64 arrays in θ's layout, and t ({@code step}), PyTorch's names.
 */
final class Adam implements Optimizer {
  static final String FILE = "adam-state.npz";

  private final LrSchedule lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private double[] m;
  private double[] v;
  private long t;

  Adam(LrSchedule lr, double beta1, double beta2, double eps, double weightDecay) {
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  @Override
  public Objective.Value step(long step, double[] theta, Evaluator f) {
    Objective.Value value = f.at(theta, step);
    double[] g = Optimizer.decayedGradient(value, theta, weightDecay);
    if (m == null) {
      m = new double[theta.length];
      v = new double[theta.length];
    }
    t++;
    double w1 = 1 - beta1; // lerp's weight: below 0.5 for β1 > 0.5, where PyTorch's lerp is start + w·(end − start)
    double w2 = 1 - beta2;
    double stepSize = lr.rate(step) / (1 - Math.pow(beta1, t));
    double correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
    for (int k = 0; k < theta.length; k++) {
      m[k] = Math.abs(w1) < 0.5 ? m[k] + w1 * (g[k] - m[k]) : g[k] - (g[k] - m[k]) * (1 - w1);
      v[k] = v[k] * beta2 + w2 * g[k] * g[k];
      double denom = Math.sqrt(v[k]) / correction2Sqrt + eps;
      theta[k] = theta[k] - stepSize * (m[k] / denom);
    }
    return value;
  }

  @Override
  public double rate(long step) {
    return lr.rate(step);
  }

  @Override
  public Map<String, byte[]> state() {
    Map<String, byte[]> out = new HashMap<>();
    if (m != null) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      NpzWriter.write(b, List.of(NpyArray.of("exp_avg", new int[] {m.length}, m),
          NpyArray.of("exp_avg_sq", new int[] {v.length}, v), NpyArray.of("step", new int[0], new double[] {t})));
      out.put(FILE, b.toByteArray());
    }
    return out;
  }

  @Override
  public void restore(Map<String, byte[]> state) {
    byte[] bytes = state.get(FILE);
    if (bytes == null) {
      m = null;
      v = null;
      t = 0;
      return;
    }
    Map<String, NpyArray> a = NpzReader.read(new ByteArrayInputStream(bytes), FILE);
    m = a.get("exp_avg").data();
    v = a.get("exp_avg_sq").data();
    t = (long) a.get("step").data()[0];
  }

  /** {@code --betas B1,B2}: the decay rates of the gradient's mean and of its square. */
  record Betas(double beta1, double beta2) {}

  /** {@code --betas B1,B2}: two numbers in [0, 1), as torch.optim.Adam accepts. */
  static final class BetasConverter implements picocli.CommandLine.ITypeConverter<Betas> {
    @Override
    public Betas convert(String text) {
      String[] parts = text.split(",", -1);
      if (parts.length == 2) {
        try {
          double b1 = Double.parseDouble(parts[0].trim());
          double b2 = Double.parseDouble(parts[1].trim());
          if (b1 >= 0 && b1 < 1 && b2 >= 0 && b2 < 1) return new Betas(b1, b2);
        } catch (NumberFormatException e) {
          // refused below
        }
      }
      throw new picocli.CommandLine.TypeConversionException("'" + text + "' is not two numbers in [0, 1) such as 0.9,0.999");
    }
  }
}
