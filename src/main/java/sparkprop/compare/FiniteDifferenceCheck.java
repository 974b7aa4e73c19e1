package sparkprop.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sparkprop.aggregate.Gradients;
import sparkprop.nn.Mlp;
import sparkprop.nn.MlpPass;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.read.RowChunk;

/**
 * A check of the gradient that does not use the backward formulas: for a few random unit directions
 * u in parameter space, the central difference {@code (L(θ+εu) − L(θ−εu)) / 2ε} of the float64 loss
 * (forward pass only) against the directional derivative {@code ⟨∇L, u⟩} of the gradient under test —
 * the fast mode of PyTorch's gradcheck.
 */
public final class FiniteDifferenceCheck {
  /** One direction's outcome. */
  public static final class Direction {
    public final double finiteDifference;
    public final double analytic;
    /** |fd − ⟨∇L,u⟩| / ‖∇L‖ */
    public final double error;

    Direction(double finiteDifference, double analytic, double error) {
      this.finiteDifference = finiteDifference;
      this.analytic = analytic;
      this.error = error;
    }
  }

  public final double epsilon;
  public final double rtol;
  public final long seed;
  public final List<Direction> directions;
  public final boolean pass;
  public final long millis;

  private FiniteDifferenceCheck(double epsilon, double rtol, long seed, List<Direction> directions, long millis) {
    this.epsilon = epsilon;
    this.rtol = rtol;
    this.seed = seed;
    this.directions = directions;
    this.millis = millis;
    boolean ok = !directions.isEmpty();
    for (Direction d : directions) ok &= d.error <= rtol;
    this.pass = ok;
  }

  /**
   * @param gradient  the gradient under test, of the mean loss over {@code rows}
   * @param count     number of random directions
   * @param epsilon   step ε along each unit direction
   */
  public static FiniteDifferenceCheck run(Parameters theta, Gradients gradient, RowChunk rows, int blockRows,
      PixelScale scale, int count, double epsilon, double rtol, long seed) {
    long start = System.nanoTime();
    Random random = new Random(seed);
    double norm = gradient.norm();
    List<Direction> out = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      double[] u = unitDirection(random, theta.shape().size());
      double plus = meanLoss(theta.plus(epsilon, u), rows, blockRows, scale);
      double minus = meanLoss(theta.plus(-epsilon, u), rows, blockRows, scale);
      double fd = (plus - minus) / (2 * epsilon);
      double analytic = gradient.dot(u);
      double error = norm > 0 ? Math.abs(fd - analytic) / norm : Math.abs(fd - analytic);
      out.add(new Direction(fd, analytic, Double.isNaN(error) ? Double.POSITIVE_INFINITY : error));
    }
    return new FiniteDifferenceCheck(epsilon, rtol, seed, out, (System.nanoTime() - start) / 1_000_000);
  }

  /** The seed's loss at θ, in float64: mean over rows of (out − y)². */
  static double meanLoss(Parameters theta, RowChunk rows, int blockRows, PixelScale scale) {
    MlpPass pass = new MlpPass(new Mlp(theta, Precision.FLOAT64), blockRows, scale, false);
    return pass.squaredErrorSum(rows) / rows.count;
  }

  private static double[] unitDirection(Random random, int size) {
    double[] u = new double[size];
    double s = 0;
    for (int k = 0; k < size; k++) {
      u[k] = random.nextGaussian();
      s += u[k] * u[k];
    }
    double inv = 1 / Math.sqrt(s);
    for (int k = 0; k < size; k++) u[k] *= inv;
    return u;
  }
}
