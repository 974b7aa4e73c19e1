package sparkprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sparkprop.nn.Activation;
import sparkprop.nn.Init;
import sparkprop.nn.LossKind;
import sparkprop.nn.Precision;
import sparkprop.train.OptimizerKind;
import sparkprop.train.TrainOptions;

/** The race's verdict is the median seed of one declared recipe, never the best run; the recipe is train's options as typed. */
class RaceResultTest {
  @Test
  void theVerdictIsTheMedianSeedNeverTheFastest() {
    RaceResult r = race(12.0, 10.0, 30.0);
    assertEquals(100, r.reference().maxIter(), "the longest fit sets the target");
    assertEquals(12.0, r.medianSeconds(), 0.0);
    assertEquals(40.0 / 12.0, r.speedup(), 1e-12, "MLlib's fit over the median, not over the fastest seed (4x)");
    assertEquals(30.0 / 12.0, r.iteratingSpeedup(), 1e-12);
    double[] spread = r.sortedSeconds();
    assertEquals(10.0, spread[0], 0.0);
    assertEquals(30.0, spread[2], 0.0);
    assertEquals(3, r.reachedCount());
  }

  @Test
  void aSeedThatNeverReachesTheTargetCountsAsInfinitelySlow() {
    RaceResult one = race(12.0, Double.POSITIVE_INFINITY, 10.0);
    assertEquals(12.0, one.medianSeconds(), 0.0, "one seed short of the target: the median is the slower of the two others");
    assertEquals(2, one.reachedCount());
    RaceResult two = race(Double.POSITIVE_INFINITY, 10.0, Double.POSITIVE_INFINITY);
    assertEquals(Double.POSITIVE_INFINITY, two.medianSeconds(), 0.0);
    assertEquals(0.0, two.speedup(), 0.0, "the median seed did not reach it: no speed-up to claim");
    assertEquals(1, two.reachedCount());
  }

  @Test
  void theRecipeIsTrainsClassifierRecipeAsAUserTypesItWithTrainsDefaultChecks() {
    List<String> args = RaceRecipe.arguments("/data/fashion", "/data/fashion/t10k-images-idx3-ubyte.gz", 784, 2, 1,
        300, 0.8693);
    TrainOptions o = RaceRecipe.options(args);
    assertEquals(List.of(784, 50, 10), java.util.Arrays.stream(o.model.layers).boxed().toList());
    assertEquals(Activation.SIGMOID, o.model.activation);
    assertEquals(LossKind.CROSS_ENTROPY, o.model.loss);
    assertEquals(Init.KAIMING, o.model.init);
    assertEquals(OptimizerKind.LBFGS, o.optimizer);
    assertEquals(30, o.lbfgsCorrections);
    assertEquals(Precision.FLOAT32, o.model.precision);
    assertEquals(2, o.data.partitions);
    assertEquals(1, o.model.seed);
    assertEquals(300, o.steps);
    assertEquals(0.8693, o.targetAccuracy, 0.0);
    assertEquals(2, o.evalEvery);
    assertEquals(new TrainOptions().checkEvery, o.checkEvery, "train's default checks stay on");
    assertEquals(new TrainOptions().referenceRows, o.referenceRows);
    String command = RaceRecipe.command(args);
    assertTrue(command.startsWith("./submit.sh train --data /data/fashion --eval-data ") && command.contains(
        " --activation sigmoid --loss cross-entropy --init kaiming --optimizer lbfgs --lbfgs-corrections 30"
            + " --precision float32 "), command);
  }

  private static RaceResult race(double... seconds) {
    List<RaceResult.MllibFit> fits = List.of(new RaceResult.MllibFit(25, 25, 12.0, 9.0, 26, 20.0, 0.80, 0.6, 0.0),
        new RaceResult.MllibFit(100, 100, 40.0, 30.0, 101, 70.0, 0.87, 0.4, 0.0));
    List<RaceResult.Run> runs = new java.util.ArrayList<>();
    for (int k = 0; k < seconds.length; k++) {
      boolean reached = Double.isFinite(seconds[k]);
      runs.add(new RaceResult.Run(k, reached ? 80 : -1, seconds[k], reached ? 0.87 : 0.85,
          new RaceResult.Steps(reached ? 80 : 300, 0.5, 0.13, 3.0, 2, 90, 0.06, 0.11),
          new RaceResult.Curve(new double[] {0}, new double[] {0.1}), null, 0.0));
    }
    return new RaceResult("784-50-10", 60_000, 10_000, "t10k", 2, 128, 0.87, "./submit.sh train ...", fits, runs);
  }
}
