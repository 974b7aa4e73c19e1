package sparkprop.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import sparkprop.partition.RowPartitions;
import sparkprop.partition.SelectedRows;
import sparkprop.read.HadoopConf;
import sparkprop.read.IdxDataset;
import sparkprop.rows.RowChunk;
import sparkprop.train.TrainOptions;

/**
 * Time to test accuracy, MLlib against sparkprop, in one session on the same rows and partitions.
 * MLlib's longest fit (maxIter = the largest of {@code --race-mllib-iterations}) runs first: its test
 * accuracy is the target. Then sparkprop's candidates, each until it reaches the target, alternate with
 * MLlib's shorter fits (the points of MLlib's accuracy-against-seconds curve), so that a machine whose
 * load drifts tilts both sides alike. Each side has one untimed warm-up run first.
 */
final class TrainRace {
  /** The race's report, and MLlib's longest fit (the MLlib gap line is measured at it). */
  final RaceReport report = new RaceReport();
  MultilayerPerceptronClassificationModel mllibModel;

  private final JavaSparkContext sc;
  private final TaskClock clock;
  private final BenchOptions o;
  private final Consumer<String> progress;
  /** The test rows' location, for sparkprop's runs. */
  private String evalPath;

  TrainRace(JavaSparkContext sc, TaskClock clock, BenchOptions o, Consumer<String> progress) {
    this.sc = sc;
    this.clock = clock;
    this.o = o;
    this.progress = progress;
  }

  /**
   * The race's test rows: {@code --eval-data}, else a t10k-images-idx3-ubyte[.gz] beside {@code --data}
   * (in its folder, or beside the images file it names); null when there is none.
   */
  static String evalData(BenchOptions o, HadoopConf conf) {
    if (o.evalData != null) return o.evalData;
    try {
      Path data = new Path(o.data);
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
  void run(IdxDataset data, String evalPath, int partitions, HadoopConf conf, LoadGuard guard) {
    this.evalPath = evalPath;
    IdxDataset test = IdxDataset.open(evalPath, conf.get());
    int[] layers = {data.pixelsPerImage(), o.hidden, 10};
    report.inputs = layers[0];
    report.hidden = layers[1];
    report.outputs = layers[2];
    report.blockSize = o.mllibBlockSize;
    report.partitions = partitions;
    report.testData = test.location();
    JavaRDD<RowChunk> trainRows = RowPartitions.of(sc, data, partitions, conf).persist(StorageLevel.MEMORY_ONLY());
    JavaRDD<RowChunk> testRows = RowPartitions.of(sc, test, partitions, conf).persist(StorageLevel.MEMORY_ONLY());
    SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    Dataset<Row> train = MllibMlp.dataFrame(spark, trainRows).persist(StorageLevel.MEMORY_ONLY());
    Dataset<Row> testDf = MllibMlp.dataFrame(spark, testRows).persist(StorageLevel.MEMORY_ONLY());
    try {
      report.trainRows = SelectedRows.count(trainRows);
      report.testRows = SelectedRows.count(testRows);
      train.count();
      testDf.count();

      int[] iterations = o.raceMllibIterations.clone();
      Arrays.sort(iterations);
      int longest = iterations[iterations.length - 1];
      progress.accept("race: MLlib l-bfgs warm-up fit (maxIter 2, untimed)");
      MllibLbfgs.fit(sc, clock, train, testDf, report.testRows, layers, o.seed, 2, o.mllibBlockSize);
      progress.accept("race: MLlib l-bfgs, maxIter " + longest + " (its test accuracy is the target)");
      MllibLbfgs.Fitted first = guarded(guard, () -> MllibLbfgs.fit(sc, clock, train, testDf, report.testRows, layers,
          o.seed, longest, o.mllibBlockSize));
      mllibModel = first.model;
      report.mllib.add(first.fit);
      report.target = first.fit.accuracy;
      progress.accept(String.format(java.util.Locale.ROOT, "race: MLlib reached %.4f in %.1f s; sparkprop's target",
          first.fit.accuracy, first.fit.fitSeconds));

      List<Integer> shorter = new ArrayList<>();
      for (int k = iterations.length - 2; k >= 0; k--) shorter.add(iterations[k]);
      if (!o.raceCandidates.isEmpty()) {
        progress.accept("race: sparkprop warm-up run (2 steps, untimed)");
        SparkpropLbfgs.train(sc, options(o.raceCandidates.get(0), 2, 0));
      }
      int turns = Math.max(o.raceCandidates.size(), shorter.size());
      for (int t = 0; t < turns; t++) {
        if (t < o.raceCandidates.size()) {
          RaceReport.Settings s = o.raceCandidates.get(t);
          progress.accept("race: sparkprop l-bfgs, " + s.label() + ", at most " + o.raceMaxSteps + " steps");
          RaceReport.Candidate c = guarded(guard,
              () -> SparkpropLbfgs.run(sc, clock, options(s, o.raceMaxSteps, report.target), s));
          report.candidates.add(c);
          progress.accept(c.reachedStep >= 0
              ? String.format(java.util.Locale.ROOT, "race: reached it at step %d in %.1f s", c.reachedStep,
                  c.secondsToTarget)
              : String.format(java.util.Locale.ROOT, "race: not reached in %d steps (%.4f)", c.steps,
                  c.finalAccuracy));
        }
        if (t < shorter.size()) {
          progress.accept("race: MLlib l-bfgs, maxIter " + shorter.get(t));
          int k = shorter.get(t);
          report.mllib.add(guarded(guard, () -> MllibLbfgs.fit(sc, clock, train, testDf, report.testRows, layers,
              o.seed, k, o.mllibBlockSize)).fit);
        }
      }
      report.mllib.sort(java.util.Comparator.comparingInt(f -> f.maxIter));
    } finally {
      train.unpersist(true);
      testDf.unpersist(true);
      trainRows.unpersist(true);
      testRows.unpersist(true);
    }
  }

  /** Runs {@code timed} until the guard keeps it: a run disturbed by other processes is run again. */
  private <T> T guarded(LoadGuard guard, java.util.function.Supplier<T> timed) {
    return guard.runKept("race", timed, progress).result();
  }

  private TrainOptions options(RaceReport.Settings s, int steps, double target) {
    return SparkpropLbfgs.options(o.data, evalPath, report.partitions, new int[] {report.inputs, report.hidden,
        report.outputs}, s, o.seed, o.blockRows, o.treeDepth, steps, target);
  }
}
