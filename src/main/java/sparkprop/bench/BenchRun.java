package sparkprop.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import sparkprop.nn.Activation;
import sparkprop.nn.Precision;
import sparkprop.partition.RowPartitions;
import sparkprop.partition.SelectedRows;
import sparkprop.read.HadoopConf;
import sparkprop.read.IdxDataset;
import sparkprop.rows.RowChunk;

/** One bench run: the pass table, MLlib's gd, the race, in order, into a {@link BenchReport}. */
final class BenchRun {
  private static final Precision[] PRECISIONS = {Precision.FLOAT64, Precision.FLOAT32};
  private static final boolean[] INPUT_GRADIENT = {true, false};

  final JavaSparkContext sc;
  final BenchPlan plan;
  private final PrintStream log;
  private final long start = System.nanoTime();
  final BenchReport r;
  final TaskClock clock = new TaskClock();
  final HadoopConf conf;
  final IdxDataset data;
  final int m;
  /** The regressor m-nh-1 (the headline), and the second network (null: skipped). */
  final BenchNet regressorNet;
  private final BenchNet deepNet;
  final int slots;
  final int partitions;
  /** Local mode on a shared machine: rounds disturbed by other processes are run again. */
  private final LoadGuard guardSettings;

  BenchRun(JavaSparkContext sc, BenchPlan plan, PrintStream log) {
    this(sc, plan, log, new BenchReport());
  }

  /** A run that fills {@code r} (the apparatus's report extends the bench's). */
  BenchRun(JavaSparkContext sc, BenchPlan plan, PrintStream log, BenchReport r) {
    this.sc = sc;
    this.r = r;
    this.plan = plan;
    this.log = log;
    this.conf = new HadoopConf(sc.hadoopConfiguration());
    this.data = IdxDataset.open(plan.data, conf.get());
    this.m = data.pixelsPerImage();
    this.regressorNet = BenchNet.regressor(m, plan.hidden, plan.seed);
    this.deepNet = plan.deep ? BenchNet.classifier(new int[] {m, 128, 64, 10}, Activation.RELU, plan.seed) : null;
    this.slots = sc.defaultParallelism();
    this.partitions = plan.partitions > 0 ? plan.partitions : slots;
    this.guardSettings = sc.master().startsWith("local") && plan.maxOtherLoad < 1
        ? new LoadGuard(plan.maxOtherLoad, plan.maxRetries, 120_000)
        : LoadGuard.OFF;
  }

  /** Runs {@code section} under a fresh guard and records how busy the machine was meanwhile. */
  void section(String name, Consumer<LoadGuard> section) {
    LoadGuard guard = guardSettings.next();
    MachineLoad load = MachineLoad.start();
    section.accept(guard);
    double[] shares = load.shares();
    r.otherLoad.put(name, new double[] {shares[0], shares[1], guard.busiestKept(), guard.discarded()});
  }

  /** Everything a bench run measures, with the listener that times tasks. */
  BenchReport measure() {
    return measuring(() -> {
      passesAndMllib();
      race();
    });
  }

  /** The environment, then {@code sections} with the task clock listening, then the total time. */
  BenchReport measuring(Runnable sections) {
    BenchEnvironment.describe(r, sc, plan, data, m, partitions, slots);
    r.network = regressorNet.describe();
    r.deepNetwork = deepNet == null ? null : deepNet.describe();
    sc.sc().addSparkListener(clock);
    try {
      sections.run();
    } finally {
      sc.sc().removeSparkListener(clock);
    }
    r.blasLibrary = BenchEnvironment.blasLibrary();
    r.totalSeconds = (System.nanoTime() - start) / 1e9;
    return r;
  }

  /**
   * The pass table on cached rows (as the check caches them): float64/float32 × x.g on/off in turns,
   * each pass followed by a round of the GEMM probe on its shapes; the second network the same way;
   * then MLlib's MLP on the same cached rows.
   */
  void passesAndMllib() {
    JavaRDD<RowChunk> parts = RowPartitions.of(sc, data, partitions, conf).persist(StorageLevel.MEMORY_ONLY());
    try {
      long counted = SelectedRows.count(parts);
      if (counted != data.rows()) throw new IllegalStateException(counted + " rows cached, " + data.rows() + " expected");
      r.taskOpenblasThreads = GemmProbe.taskOpenblasThreads(sc, slots);

      progress("gradient passes: %d x 4 configurations, in turns", plan.passes);
      List<Series> main = passesWithProbes(parts, plan.blockRows, regressorNet);
      section("passes", guard -> Series.inTurns(main, plan.warmup, plan.passes, guard));
      for (Series s : main) r.main.add(BenchReport.Pass.of(s, partitions, plan.warmup, slots));

      progress("the screen's passes: a round's placed pass (%d replicas) against one pass, %d x each, in turns",
          ScreenPassCost.REPLICAS, plan.passes);
      section("screen_pass", guard -> r.screenPass = ScreenPassCost.measure(sc, parts, regressorNet, plan, partitions));

      if (deepNet != null) {
        progress("%s: %d x 4 configurations, in turns", deepNet.describe(), plan.passes);
        List<Series> deep = passesWithProbes(parts, plan.blockRows, deepNet);
        section("deep_passes", guard -> Series.inTurns(deep, plan.warmup, plan.passes, guard));
        for (Series s : deep) r.deep.add(BenchReport.Pass.of(s, partitions, plan.warmup, slots));
      }

      if (plan.mllibIterations > 0) {
        progress("MLlib MultilayerPerceptronClassifier, %d iterations", plan.mllibIterations);
        section("mllib", guard -> r.mllib = MllibMlp.measure(sc, clock, parts, m, plan.hidden, plan.seed,
            plan.mllibIterations, plan.mllibBlockSize, guard));
      }
    } finally {
      parts.unpersist(true);
    }
  }

  /** The race against MLlib's l-bfgs to its test accuracy, when asked for and test rows are there. */
  void race() {
    String evalPath = plan.race ? Race.evalData(plan, conf) : null;
    if (!plan.race) {
      r.raceSkipped = "--race false";
    } else if (evalPath == null) {
      r.raceSkipped = "no test rows: give --eval-data (no t10k-images-idx3-ubyte[.gz] beside --data)";
    } else {
      Race race = new Race(sc, clock, plan, line -> progress("%s", line));
      section("race", guard -> r.race = race.run(data, evalPath, partitions, conf, guard));
    }
    if (r.raceSkipped != null) progress("race skipped: %s", r.raceSkipped);
  }

  /** float64/float32 × x.g on/off at {@code blockRows}, each with its GEMM probe. */
  List<Series> passesWithProbes(JavaRDD<RowChunk> parts, int blockRows, BenchNet net) {
    long rows = data.rows();
    long rowsPerTask = (rows + partitions - 1) / partitions;
    List<Series> out = new ArrayList<>();
    for (Precision p : PRECISIONS) {
      for (boolean dx : INPUT_GRADIENT) {
        out.add(Series.passes(sc, clock, parts, rows, net, p, dx, blockRows, plan.treeDepth,
            new GemmProbe(sc, slots, p, net.layout, blockRows, rowsPerTask, dx)));
      }
    }
    return out;
  }

  void progress(String format, Object... args) {
    log.printf("bench [%4.0f s]: %s%n", (System.nanoTime() - start) / 1e9, String.format(format, args));
  }
}
