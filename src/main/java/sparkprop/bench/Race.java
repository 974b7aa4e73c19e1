package sparkprop.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import sparkprop.read.HadoopConf;
import sparkprop.read.IdxDataset;

/**
 * Time to test accuracy, MLlib against sparkprop, in one session on the same rows and partitions.
 * MLlib's {@code MultilayerPerceptronClassifier} with its default l-bfgs (maxIter 100, tol 1e-6,
 * blockSize 128) fits first: its test accuracy is the target. Then sparkprop's declared recipe
 * ({@link RaceRecipe}), once per seed, each until it reaches the target, alternates with MLlib's shorter
 * fits (the points of MLlib's accuracy-against-seconds curve), so that a machine whose load drifts tilts
 * both sides alike. Each side has one untimed warm-up run first. Both sides see the same cached rows in
 * the same partitions, one BLAS thread per task.
 */
final class Race {
  private final JavaSparkContext sc;
  private final TaskClock clock;
  private final BenchPlan plan;
  private final Consumer<String> progress;

  Race(JavaSparkContext sc, TaskClock clock, BenchPlan plan, Consumer<String> progress) {
    this.sc = sc;
    this.clock = clock;
    this.plan = plan;
    this.progress = progress;
  }

  /**
   * The race's test rows: {@code --eval-data}, else a t10k-images-idx3-ubyte[.gz] beside {@code --data}
   * (in its folder, or beside the images file it names); null when there is none.
   */
  static String evalData(BenchPlan plan, HadoopConf conf) {
    if (plan.evalData != null) return plan.evalData;
    try {
      Path data = new Path(plan.data);
      FileSystem fs = data.getFileSystem(conf.get());
      Path folder = fs.getFileStatus(data).isDirectory() ? data : data.getParent();
      for (String name : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte"}) {
        Path p = new Path(folder, name);
        if (fs.exists(p)) return p.toString();
      }
    } catch (java.io.IOException | IllegalArgumentException e) {
      return null;
    }
    return null;
  }

  /**
   * Runs the race; a fit or a run during which other processes used more of the CPUs than the guard
   * allows is run again once the machine is quiet (each timed item is one of the guard's rounds).
   */
  RaceResult run(IdxDataset data, String evalPath, int partitions, HadoopConf conf, LoadGuard guard) {
    IdxDataset test = IdxDataset.open(evalPath, conf.get());
    int[] layers = {data.pixelsPerImage(), RaceRecipe.HIDDEN, RaceRecipe.OUTPUTS};
    try (RaceRows rows = new RaceRows(sc, data, test, partitions, conf)) {
      Dataset<Row> train = rows.train;
      Dataset<Row> testDf = rows.test;
      long testCount = rows.testCount;

      int[] iterations = plan.raceMllibIterations.clone();
      Arrays.sort(iterations);
      int longest = iterations[iterations.length - 1];
      List<RaceResult.MllibFit> fits = new ArrayList<>();
      progress.accept("race: MLlib l-bfgs warm-up fit (maxIter 2, untimed)");
      MllibLbfgs.fit(sc, clock, train, testDf, testCount, layers, plan.seed, 2, plan.mllibBlockSize);
      progress.accept("race: MLlib l-bfgs, maxIter " + longest + " (its test accuracy is the target)");
      RaceResult.MllibFit reference = guarded(guard, () -> MllibLbfgs.fit(sc, clock, train, testDf, testCount, layers,
          plan.seed, longest, plan.mllibBlockSize).fit());
      fits.add(reference);
      double target = reference.accuracy();
      progress.accept(String.format(Locale.ROOT, "race: MLlib reached %.4f in %.1f s; sparkprop's target", target,
          reference.fitSeconds()));

      String recipe = RaceRecipe.command(RaceRecipe.arguments(plan.data, evalPath, layers[0], partitions, 0,
          plan.raceMaxSteps, target)).replace(" --seed 0 ", " --seed S ");
      progress.accept("race: sparkprop warm-up run (2 steps, untimed)");
      SparkpropRun.train(sc, RaceRecipe.options(RaceRecipe.arguments(plan.data, evalPath, layers[0], partitions, 0, 2,
          0)));
      List<RaceResult.Run> runs = new ArrayList<>();
      // train stops at an accuracy below 1: a target of 100% leaves nothing to race to.
      int seeds = target < 1 ? RaceRecipe.SEEDS.length : 0;
      if (seeds == 0) progress.accept("race: MLlib reached 100% test accuracy; no sparkprop run can beat it");
      int turns = Math.max(seeds, iterations.length - 1);
      for (int t = 0; t < turns; t++) {
        if (t < seeds) {
          long seed = RaceRecipe.SEEDS[t];
          List<String> args = RaceRecipe.arguments(plan.data, evalPath, layers[0], partitions, seed, plan.raceMaxSteps,
              target);
          progress.accept("race: " + RaceRecipe.command(args));
          RaceResult.Run run = guarded(guard, () -> SparkpropRun.run(sc, clock, RaceRecipe.options(args)));
          runs.add(run);
          progress.accept(run.reached()
              ? String.format(Locale.ROOT, "race: seed %d reached it before step %d in %.1f s", seed, run.reachedStep(),
                  run.secondsToTarget())
              : String.format(Locale.ROOT, "race: seed %d did not reach it in %d steps (%.4f)%s", seed,
                  run.steps().count(), run.finalAccuracy(), run.stopped() == null ? "" : "; " + run.stopped()));
        }
        int shorter = iterations.length - 2 - t;
        if (shorter >= 0) {
          int k = iterations[shorter];
          progress.accept("race: MLlib l-bfgs, maxIter " + k);
          fits.add(guarded(guard, () -> MllibLbfgs.fit(sc, clock, train, testDf, testCount, layers, plan.seed, k,
              plan.mllibBlockSize).fit()));
        }
      }
      fits.sort(Comparator.comparingInt(RaceResult.MllibFit::maxIter));
      return new RaceResult(layers[0] + "-" + layers[1] + "-" + layers[2], rows.trainCount, testCount,
          test.location(), partitions, plan.mllibBlockSize, target, recipe, fits, runs);
    }
  }

  /** Runs {@code timed} until the guard keeps it: a run disturbed by other processes is run again. */
  private <T> T guarded(LoadGuard guard, java.util.function.Supplier<T> timed) {
    return guard.runKept("race", timed, progress).result();
  }
}
