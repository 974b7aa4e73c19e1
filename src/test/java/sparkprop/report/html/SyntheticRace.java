package sparkprop.report.html;

import java.util.ArrayList;
import java.util.List;
import sparkprop.bench.RaceResult;

/**
 * A {@link RaceResult} made up without Spark, shaped as BENCHMARKS.md's Fashion-MNIST race: MLlib's
 * fits at maxIter 25/50/75/100 (79.86 % … 86.91 % in 9.7 … 35.8 s), and sparkprop runs whose test
 * accuracy rises as 1 − e^(−seconds/τ) towards a ceiling, one evaluation per step.
 */
public final class SyntheticRace {
  public static final double TARGET = 0.8691;
  public static final String FAST = "float32, 30 corrections, kaiming";
  public static final String SLOW = "float32, 20 corrections, kaiming";
  public static final String NEVER = "float64, 20 corrections, randn";

  private SyntheticRace() {}

  /** Two runs that reach the target (the fastest in 10.9 s, before step 104: 3.28×) and one that never does. */
  public static RaceResult reached() {
    return race(List.of(run(FAST, 0.105, 200, 0.89, 3.0), run(SLOW, 0.160, 200, 0.885, 4.5),
        run(NEVER, 0.300, 300, 0.80, 8.0)));
  }

  /** No run reaches the target. */
  public static RaceResult notReached() {
    return race(List.of(run(NEVER, 0.300, 40, 0.80, 4.0)));
  }

  public static RaceResult race(List<RaceResult.Run> runs) {
    List<RaceResult.MllibFit> fits = List.of(
        new RaceResult.MllibFit(25, 25, 9.7, 6.1, 0.7986, 0.02),
        new RaceResult.MllibFit(50, 50, 15.7, 11.9, 0.8414, 0.01),
        new RaceResult.MllibFit(75, 75, 24.5, 20.3, 0.8588, 0.03),
        new RaceResult.MllibFit(100, 100, 35.8, 30.8, TARGET, 0.02));
    return new RaceResult("784-50-10", 60_000, 10_000, "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz", 2,
        128, TARGET, fits, runs);
  }

  /**
   * A run of {@code steps} steps of {@code stepSeconds} each, evaluated before every step and after
   * the last, stopping at the first evaluation at or above the target.
   */
  public static RaceResult.Run run(String label, double stepSeconds, int steps, double ceiling, double tau) {
    List<double[]> points = new ArrayList<>();
    long reached = -1;
    for (int k = 0; k <= steps; k++) {
      double s = k * stepSeconds;
      double a = 0.10 + (ceiling - 0.10) * (1 - Math.exp(-s / tau));
      points.add(new double[] {s, a});
      if (a >= TARGET) {
        reached = k;
        break;
      }
    }
    double[] seconds = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] accuracy = points.stream().mapToDouble(p -> p[1]).toArray();
    int made = reached >= 0 ? (int) reached : steps;
    return new RaceResult.Run(label, reached, reached >= 0 ? seconds[(int) reached] : Double.NaN, made, 1.2 * stepSeconds,
        stepSeconds, accuracy[accuracy.length - 1], seconds, accuracy, null, 0.03);
  }
}
