package sparkprop.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sparkprop.aggregate.Gradients;
import sparkprop.nn.Architecture;
import sparkprop.nn.GradientPass;
import sparkprop.nn.Network;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.rows.RowChunk;

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

  private FiniteDifferenceCheck(double epsilon, double rtol, long seed, List<Direction> directions) {
    this.epsilon = epsilon;
    this.rtol = rtol;
    this.seed = seed;
    this.directions = directions;
    boolean ok = !directions.isEmpty();
    for (Direction d : directions) ok &= d.error <= rtol;
    this.pass = ok;
  }

  /**
   * @param gradient  the gradient under test, of the mean loss over {@code rows}
   * @param count     number of random directions
   * @param epsilon   step ε along each unit direction
   */
  public static FiniteDifferenceCheck run(Parameters theta, Architecture architecture, Gradients gradient,
      RowChunk rows, int blockRows, PixelScale scale, Settings settings) {
    int count = settings.directions;
    double epsilon = settings.epsilon;
    Random random = new Random(settings.seed);
    double norm = gradient.norm();
    List<Direction> out = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      double[] u = unitDirection(random, theta.layout().size());
      double plus = meanLoss(theta.plus(epsilon, u), architecture, rows, blockRows, scale);
      double minus = meanLoss(theta.plus(-epsilon, u), architecture, rows, blockRows, scale);
      double fd = (plus - minus) / (2 * epsilon);
      double analytic = gradient.dot(u);
      double error = norm > 0 ? Math.abs(fd - analytic) / norm : Math.abs(fd - analytic);
      out.add(new Direction(fd, analytic, Double.isNaN(error) ? Double.POSITIVE_INFINITY : error));
    }
    return new FiniteDifferenceCheck(epsilon, settings.rtol, settings.seed, out);
  }

  /** How many directions, the step, the tolerance and the directions' seed. */
  public static final class Settings {
    final int directions;
    final double epsilon;
    final double rtol;
    final long seed;

    public Settings(int directions, double epsilon, double rtol, long seed) {
      this.directions = directions;
      this.epsilon = epsilon;
      this.rtol = rtol;
      this.seed = seed;
    }
  }

  /** The loss at θ, in float64: the mean of the loss terms over the rows. */
  public static double meanLoss(Parameters theta, Architecture architecture, RowChunk rows, int blockRows,
      PixelScale scale) {
    GradientPass pass = new GradientPass(new Network(theta, architecture, Precision.FLOAT64), blockRows, scale, false);
    return pass.lossSum(rows) / ((double) rows.count * pass.termsPerRow());
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
