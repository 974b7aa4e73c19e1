package sparkprop.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
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
 * the fast mode of PyTorch's gradcheck. A direction passes when {@code |fd − ⟨∇L,u⟩| ≤ rtol·‖∇L‖ +
 * floor}, the floor being the rounding of the two losses and of the gradient ({@link
 * Tolerances#finiteDifferenceFloor}): at a stationary point ‖∇L‖ is itself rounding and the relative
 * part alone would fail.
 */
public final class FiniteDifferenceCheck {
  /** One direction's outcome. */
  public static final class Direction {
    public final double finiteDifference;
    public final double analytic;
    /** |fd − ⟨∇L,u⟩| / ‖∇L‖ (|fd − ⟨∇L,u⟩| when ‖∇L‖ = 0; ∞ for NaN) */
    public final double error;
    /** |fd − ⟨∇L,u⟩| ≤ rtol·‖∇L‖ + floor */
    public final boolean pass;

    Direction(double finiteDifference, double analytic, double error, boolean pass) {
      this.finiteDifference = finiteDifference;
      this.analytic = analytic;
      this.error = error;
      this.pass = pass;
    }
  }

  public final double epsilon;
  public final double rtol;
  /** The absolute floor of |fd − ⟨∇L,u⟩|: {@link Tolerances#finiteDifferenceFloor}. */
  public final double floor;
  /** ‖∇L‖ of the gradient under test. */
  public final double gradientNorm;
  public final long seed;
  public final List<Direction> directions;
  public final boolean pass;

  private FiniteDifferenceCheck(double epsilon, double rtol, double floor, double gradientNorm, long seed,
      List<Direction> directions) {
    this.epsilon = epsilon;
    this.rtol = rtol;
    this.floor = floor;
    this.gradientNorm = gradientNorm;
    this.seed = seed;
    this.directions = directions;
    boolean ok = !directions.isEmpty();
    for (Direction d : directions) ok &= d.pass;
    this.pass = ok;
  }

  /**
   * @param gradient      the gradient under test, of the mean loss over {@code rows}
   * @param absoluteTerms S of the reference's gradient and loss over the same rows (the floor's scale)
   * @param stopped       asked before each direction: true once the run is being stopped (a signal
   *                      stopped the Spark context), when the check ends with a {@link CancellationException}
   *                      instead of finishing driver-only work that no stopped job would interrupt
   */
  public static FiniteDifferenceCheck run(Parameters theta, Architecture architecture, Gradients gradient,
      Gradients absoluteTerms, RowChunk rows, int blockRows, PixelScale scale, Settings settings,
      BooleanSupplier stopped) {
    int count = settings.directions;
    double epsilon = settings.epsilon;
    Random random = new Random(settings.seed);
    double norm = gradient.norm();
    double rtol = settings.tolerances.finiteDifferenceRtol;
    long terms = (long) rows.count * architecture.loss.termsPerRow(theta.layout());
    double floor = settings.tolerances.finiteDifferenceFloor(absoluteTerms.loss, terms, epsilon, absoluteTerms.norm());
    List<Direction> out = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      if (stopped.getAsBoolean()) throw new CancellationException("finite differences stopped at direction " + d + " of " + count);
      double[] u = unitDirection(random, theta.layout().size());
      double plus = meanLoss(theta.plus(epsilon, u), architecture, rows, blockRows, scale);
      double minus = meanLoss(theta.plus(-epsilon, u), architecture, rows, blockRows, scale);
      double fd = (plus - minus) / (2 * epsilon);
      double analytic = gradient.dot(u);
      double difference = Math.abs(fd - analytic);
      double error = norm > 0 ? difference / norm : difference;
      out.add(new Direction(fd, analytic, Double.isNaN(error) ? Double.POSITIVE_INFINITY : error,
          difference <= rtol * norm + floor));
    }
    return new FiniteDifferenceCheck(epsilon, rtol, floor, norm, settings.seed, out);
  }

  /** How many directions, the step, the tolerances (of the gradient's precision) and the directions' seed. */
  public static final class Settings {
    final int directions;
    final double epsilon;
    final Tolerances tolerances;
    final long seed;

    public Settings(int directions, double epsilon, Tolerances tolerances, long seed) {
      this.directions = directions;
      this.epsilon = epsilon;
      this.tolerances = tolerances;
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
