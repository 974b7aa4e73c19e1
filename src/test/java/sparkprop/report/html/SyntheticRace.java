package sparkprop.report.html;

import java.util.ArrayList;
import java.util.List;
import sparkprop.bench.RaceResult;

/**
 * A {@link RaceResult} made up without Spark, shaped as a Fashion-MNIST race: MLlib's fits at maxIter
 * 25/50/75/100 (79.86 % … 86.91 % in 9.7 … 35.8 s), and three seeds of one recipe whose test accuracy
 * rises as 1 − e^(−seconds/τ) towards a ceiling, one evaluation every 2 steps.
 */
public final class SyntheticRace {
  public static final double TARGET = 0.8691;
  public static final String RECIPE = "./submit.sh train --data /usr/share/datasets/fashion-mnist --layers 784-50-10"
      + " --activation sigmoid --loss cross-entropy --init kaiming --optimizer lbfgs --lbfgs-corrections 30"
      + " --precision float32 --eval-every 2 --partitions 2 --seed S --steps 300 --target-accuracy 0.8691";

  private SyntheticRace() {}

  /** Three seeds that reach the target, the median (seed 1) in 7.9 s: 4.5× MLlib's 35.8 s fit. */
  public static RaceResult reached() {
    return race(List.of(run(0, 0.085, 300, 0.90, 2.2), run(1, 0.090, 300, 0.895, 2.3), run(2, 0.100, 300, 0.89, 2.5)));
  }

  /** One seed reaches the target, two never do: the median seed did not. */
  public static RaceResult notReached() {
    return race(List.of(run(0, 0.105, 300, 0.90, 2.6), run(1, 0.300, 40, 0.80, 4.0), run(2, 0.300, 40, 0.80, 4.0)));
  }

  public static RaceResult race(List<RaceResult.Run> runs) {
    List<RaceResult.MllibFit> fits = List.of(
        new RaceResult.MllibFit(25, 25, 9.7, 6.1, 26, 18.0, 0.7986, 0.58, 0.02),
        new RaceResult.MllibFit(50, 50, 15.7, 11.9, 51, 30.0, 0.8414, 0.45, 0.01),
        new RaceResult.MllibFit(75, 75, 24.5, 20.3, 76, 44.0, 0.8588, 0.40, 0.03),
        new RaceResult.MllibFit(100, 100, 35.8, 30.8, 101, 60.0, TARGET, 0.37, 0.02));
    return new RaceResult("784-50-10", 60_000, 10_000, "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz", 2,
        128, TARGET, RECIPE, fits, runs);
  }

  /**
   * A run of at most {@code steps} steps of {@code stepSeconds} each, evaluated every 2 steps and
   * after the last, stopping at the first evaluation at or above the target.
   */
  public static RaceResult.Run run(long seed, double stepSeconds, int steps, double ceiling, double tau) {
    List<double[]> points = new ArrayList<>();
    long reached = -1;
    for (int k = 0; k <= steps; k++) {
      double s = k * stepSeconds;
      double a = 0.10 + (ceiling - 0.10) * (1 - Math.exp(-s / tau));
      boolean evaluated = k % 2 == 0 || k == steps;
      points.add(new double[] {s, evaluated ? a : Double.NaN});
      if (evaluated && a >= TARGET) {
        reached = k;
        break;
      }
    }
    double[] seconds = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] accuracy = points.stream().mapToDouble(p -> p[1]).toArray();
    int made = reached >= 0 ? (int) reached : steps;
    return new RaceResult.Run(seed, reached, reached >= 0 ? seconds[(int) reached] : Double.POSITIVE_INFINITY,
        accuracy[accuracy.length - 1], new RaceResult.Steps(made, 1.2 * stepSeconds, stepSeconds, 0.02 * made,
            1 + made / 50, made + made / 10, 0.8 * stepSeconds, 1.5 * stepSeconds),
        new RaceResult.Curve(seconds, accuracy), null, 0.03);
  }
}
