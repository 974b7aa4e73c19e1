package sparkprop.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import sparkprop.BadInputException;
import sparkprop.aggregate.TreeSum;
import sparkprop.model.Model;
import sparkprop.nn.Init;
import sparkprop.nn.Layout;
import sparkprop.nn.Precision;
import sparkprop.partition.RowPartitions;
import sparkprop.partition.SelectedRows;
import sparkprop.read.HadoopConf;
import sparkprop.read.IdxDataset;
import sparkprop.rows.RowChunk;
import sparkprop.read.RowSource;

/** One bench run: every measurement, in order, into a {@link BenchReport}. */
final class BenchRun {
  private static final Precision[] PRECISIONS = {Precision.FLOAT64, Precision.FLOAT32};
  private static final boolean[] INPUT_GRADIENT = {true, false};

  private final JavaSparkContext sc;
  private final BenchOptions o;
  private final PrintStream log;
  private final long start = System.nanoTime();
  private final BenchReport r = new BenchReport();
  private final TaskClock clock = new TaskClock();
  private final HadoopConf conf;
  private final IdxDataset data;
  private final int m;
  /** Rows of the main measurements, and how many of the data's rows they use (they repeat beyond). */
  private final long n;
  private final long used;
  /** The seed's m-nh-1 (the headline), and the second network (null: skipped). */
  private final BenchNet seedNet;
  private final BenchNet deepNet;
  private final int slots;
  private final int partitions;
  /** Local mode on a shared machine: rounds disturbed by other processes are run again. */
  private final LoadGuard guardSettings;

  BenchRun(JavaSparkContext sc, BenchOptions o, PrintStream log) {
    this.sc = sc;
    this.o = o;
    this.log = log;
    this.conf = new HadoopConf(sc.hadoopConfiguration());
    this.data = IdxDataset.open(o.data, conf.get());
    this.m = data.pixelsPerImage();
    this.n = o.rows > 0 ? o.rows : data.rows();
    this.used = Math.min(n, data.rows());
    this.seedNet = BenchNet.seed(m, o.hidden, o.seed);
    int[] deep = o.deepLayers == null ? new int[] {m, 128, 64, 10} : o.deepLayers;
    if (deep.length > 0 && deep[0] != m) {
      throw new BadInputException("--deep-layers: the first size must be the data's " + m + " pixels, not " + deep[0]);
    }
    this.deepNet = deep.length == 0 ? null : BenchNet.classifier(deep, o.deepActivation, o.seed);
    this.slots = sc.defaultParallelism();
    this.partitions = o.partitions > 0 ? o.partitions : slots;
    this.guardSettings = sc.master().startsWith("local") && o.maxOtherLoad < 1
        ? new LoadGuard(o.maxOtherLoad, o.maxRetries, 120_000)
        : LoadGuard.OFF;
  }

  /** Runs {@code section} under a fresh guard and records how busy the machine was meanwhile. */
  private void section(String name, java.util.function.Consumer<LoadGuard> section) {
    LoadGuard guard = guardSettings.next();
    MachineLoad load = MachineLoad.start();
    section.accept(guard);
    double[] shares = load.shares();
    r.otherLoad.put(name, new double[] {shares[0], shares[1], guard.busiestKept(), guard.discarded()});
  }

  BenchReport measure() {
    BenchEnvironment.describe(r, sc, o, data, n, m, partitions, slots);
    r.network = seedNet.describe();
    r.deepNetwork = deepNet == null ? null : deepNet.describe();
    sc.sc().addSparkListener(clock);
    try {
      mainAndMllib();
      raceAndGap();
      if (o.trainSteps[0] + o.trainSteps[1] > 0) {
        section("train_steps", guard -> r.trainSteps.addAll(TrainSteps.measure(sc, clock, o, m, partitions, guard,
            line -> progress("%s", line))));
      }
      if (o.aggregationPartitions.length > 0) {
        section("aggregation", guard -> {
          for (int p : o.aggregationPartitions) aggregation(p, guard);
        });
      }
      List<int[]> trees = o.treeLayers != null ? o.treeLayers
          : List.of(new int[] {m, o.hidden, 10}, new int[] {m, 1024, 1024, 10});
      if (!trees.isEmpty() && o.treePartitions.length > 0) {
        section("tree", guard -> {
          for (int[] sizes : trees) {
            BenchNet net = new BenchNet(new Layout(sizes), MllibGap.mllibArchitecture(), Init.KAIMING, o.seed);
            progress("cluster model inputs: %s, %d rows, partitions %s", net.describe(), o.treeRows,
                Arrays.toString(o.treePartitions));
            r.treeCost.addAll(TreeCost.measure(sc, clock, data, conf, net, o.treeRows, o.treePartitions, o.treeDepth,
                o.blockRows, o.treePasses, guard));
          }
        });
      }
      r.clusterModel = ClusterModel.fit(r.treeCost, slots, o.treeDepth, !sc.master().startsWith("local"));
      if (o.sweepRows.length > 0) {
        section("scaling", guard -> {
          for (long size : o.sweepRows) scaling(size, guard);
        });
      }
    } finally {
      sc.sc().removeSparkListener(clock);
    }
    r.blasLibrary = BenchEnvironment.blasLibrary();
    r.totalSeconds = (System.nanoTime() - start) / 1e9;
    Targets.evaluate(r);
    return r;
  }

  /**
   * The main measurements on cached rows (as the check caches them): float64/float32 × x.g on/off in
   * turns, each pass followed by a round of the GEMM probe on its shapes; then the block sizes, the
   * same way; then MLlib's MLP on the same cached rows.
   */
  private void mainAndMllib() {
    RowSource source = n == data.rows() ? data : new RepeatedRows(data, used, n);
    JavaRDD<RowChunk> parts = RowPartitions.of(sc, source, partitions, conf).persist(StorageLevel.MEMORY_ONLY());
    try {
      long counted = SelectedRows.count(parts);
      if (counted != n) throw new IllegalStateException(counted + " rows cached, " + n + " expected");
      r.taskOpenblasThreads = GemmProbe.taskOpenblasThreads(sc, slots);

      progress("gradient passes: %d x 4 configurations, in turns", o.passes);
      List<Series> main = passesWithProbes(parts, new int[] {o.blockRows}, seedNet);
      section("passes", guard -> Series.inTurns(main, o.warmup, o.passes, guard));
      for (Series s : main) r.main.add(BenchReport.Pass.of(s, partitions, o.warmup, slots));

      if (o.blockSizes.length > 0) {
        progress("block sizes %s: %d x %d configurations, in turns", Arrays.toString(o.blockSizes), o.blockPasses,
            4 * o.blockSizes.length);
        List<Series> blocks = passesWithProbes(parts, o.blockSizes, seedNet);
        section("block_sizes", guard -> Series.inTurns(blocks, 1, o.blockPasses, guard));
        for (Series s : blocks) r.blockSizes.add(BenchReport.Pass.of(s, partitions, 1, slots));
      }

      if (deepNet != null) {
        progress("%s: %d x 4 configurations, in turns", deepNet.describe(), o.passes);
        List<Series> deep = passesWithProbes(parts, new int[] {o.blockRows}, deepNet);
        section("deep_passes", guard -> Series.inTurns(deep, o.warmup, o.passes, guard));
        for (Series s : deep) r.deep.add(BenchReport.Pass.of(s, partitions, o.warmup, slots));
      }

      if (o.mllib) {
        progress("MLlib MultilayerPerceptronClassifier, %d iterations", o.mllibIterations);
        section("mllib", guard -> r.mllib = MllibMlp.measure(sc, clock, parts, m, o.hidden, o.seed,
            o.mllibIterations, o.mllibBlockSize, guard));
      }
    } finally {
      parts.unpersist(true);
    }
  }

  /**
   * The race against MLlib's l-bfgs to its test accuracy, then MLlib's gradient error against the
   * partition count, at the model MLlib fitted in the race (a random Kaiming m-nh-10 without the race).
   */
  private void raceAndGap() {
    String evalPath = o.race ? TrainRace.evalData(o, conf) : null;
    TrainRace race = null;
    if (!o.race) {
      r.raceSkipped = "--race false";
    } else if (evalPath == null) {
      r.raceSkipped = "no test rows: give --eval-data (no t10k-images-idx3-ubyte[.gz] beside --data)";
    } else {
      race = new TrainRace(sc, clock, o, line -> progress("%s", line));
      TrainRace running = race;
      section("race", guard -> running.run(data, evalPath, partitions, conf, guard));
      r.race = race.report;
    }
    if (r.raceSkipped != null) progress("race skipped: %s", r.raceSkipped);
    if (o.gapPartitions.length > 0) {
      Model model;
      if (race != null && race.mllibModel != null) {
        model = MllibGap.of(race.mllibModel);
        r.mllibGapModel = "MLlib's l-bfgs fit of the race, maxIter " + race.report.reference().maxIter + " ("
            + model.layout() + ", sigmoid, softmax)";
      } else {
        BenchNet random = new BenchNet(new Layout(m, o.hidden, 10), MllibGap.mllibArchitecture(), Init.KAIMING, o.seed);
        model = new Model(random.theta, random.architecture, null);
        r.mllibGapModel = "random " + random.layout + " (kaiming, seed " + o.seed + "), sigmoid, softmax";
      }
      r.mllibGapBlockSize = o.mllibBlockSize;
      progress("MLlib's gradient error at %s partitions, blockSize %d", Arrays.toString(o.gapPartitions),
          o.mllibBlockSize);
      section("mllib_gap", guard -> r.mllibGap.addAll(MllibGap.measure(sc, data, conf, model, o.mllibBlockSize,
          o.gapPartitions)));
    }
  }

  /** For each block size: float64/float32 × x.g on/off, each with its GEMM probe. */
  private List<Series> passesWithProbes(JavaRDD<RowChunk> parts, int[] blockSizes, BenchNet net) {
    long rowsPerTask = (n + partitions - 1) / partitions;
    List<Series> out = new ArrayList<>();
    for (int block : blockSizes) {
      for (Precision p : PRECISIONS) {
        for (boolean dx : INPUT_GRADIENT) {
          out.add(Series.passes(sc, clock, parts, n, net, p, dx, block, o.treeDepth,
              new GemmProbe(sc, slots, p, net.layout, block, rowsPerTask, dx)));
        }
      }
    }
    return out;
  }

  /** The aggregation's share of a pass at P partitions: full passes and compute-only passes in turns. */
  private void aggregation(int p, LoadGuard guard) {
    long size = o.aggregationRows > 0 ? o.aggregationRows : n;
    progress("aggregation at %d partitions, %d rows", p, size);
    JavaRDD<RowChunk> rows = RowPartitions.of(sc, new RepeatedRows(data, Math.min(size, data.rows()), size), p, conf)
        .persist(StorageLevel.MEMORY_ONLY());
    try {
      SelectedRows.count(rows);
      Series full = Series.passes(sc, clock, rows, size, seedNet, Precision.FLOAT64, true, o.blockRows, o.treeDepth,
          null);
      Series computeOnly = Series.computeOnly(sc, clock, rows, size, seedNet, Precision.FLOAT64, true, o.blockRows);
      Series.inTurns(List.of(full, computeOnly), o.warmup, o.passes, guard);
      BenchReport.Aggregation a = new BenchReport.Aggregation();
      a.partitions = p;
      a.rows = size;
      a.fanIn = TreeSum.fanIn(p, o.treeDepth);
      for (int nodes = p; nodes > a.fanIn; nodes = (nodes + a.fanIn - 1) / a.fanIn) a.shuffles++;
      a.pass = full.seconds();
      a.computeOnly = computeOnly.seconds();
      a.passCpu = full.cpuSeconds();
      a.computeOnlyCpu = computeOnly.cpuSeconds();
      double[] difference = new double[o.passes];
      for (int k = 0; k < difference.length; k++) difference[k] = full.seconds(k) - computeOnly.seconds(k);
      a.difference = new Samples(difference);
      a.treeSumAlone = Series.treeSumAlone(sc, rows, seedNet, Precision.FLOAT64, true, o.blockRows, o.treeDepth, 1,
          o.passes);
      r.aggregation.add(a);
    } finally {
      rows.unpersist(true);
    }
  }

  /**
   * How the cost grows with the data: the data's rows repeated to {@code size}, made inside the
   * partitions; cached when they fit the storage memory, and streamed (made again on every pass) in
   * any case, the two in turns.
   */
  private void scaling(long size, LoadGuard guard) {
    RepeatedRows repeated = new RepeatedRows(data, Math.min(size, data.rows()), size);
    double bytes = CacheStorage.cachedBytes(size, m);
    boolean fits = bytes <= 0.8 * CacheStorage.freeStorage(sc);
    boolean cache = o.sweepMode.equals("cache") || (o.sweepMode.equals("auto") && fits);
    boolean stream = !o.sweepMode.equals("cache");
    progress("scaling: %d rows (%.2f GB as bytes; %s)", size, bytes / 1e9,
        cache && stream ? "cached and streamed, in turns" : cache ? "cached" : "streamed: it does not fit the cache");
    JavaRDD<RowChunk> cached = null;
    try {
      List<Series> series = new ArrayList<>();
      List<String> modes = new ArrayList<>();
      if (cache) {
        cached = RowPartitions.of(sc, repeated, partitions, conf).persist(StorageLevel.MEMORY_ONLY());
        SelectedRows.count(cached);
        modes.add(CacheStorage.fullyCached(sc, cached) ? "cache" : "cache-partial");
        series.add(Series.passes(sc, clock, cached, size, seedNet, Precision.FLOAT64, true, o.blockRows, o.treeDepth,
            null));
      }
      if (stream) {
        modes.add("stream");
        series.add(Series.passes(sc, clock, RowPartitions.of(sc, repeated, partitions, conf), size, seedNet,
            Precision.FLOAT64, true, o.blockRows, o.treeDepth, null));
      }
      Series.inTurns(series, o.sweepWarmup, o.sweepPasses, guard);
      for (int k = 0; k < series.size(); k++) {
        BenchReport.Sweep w = new BenchReport.Sweep();
        w.rows = size;
        w.mode = modes.get(k);
        w.partitions = partitions;
        w.seconds = series.get(k).seconds();
        w.cpuSeconds = series.get(k).cpuSeconds();
        w.deterministic = series.get(k).deterministic();
        r.sweep.add(w);
      }
    } finally {
      if (cached != null) cached.unpersist(true);
    }
  }

  private void progress(String format, Object... args) {
    log.printf("bench [%4.0f s]: %s%n", (System.nanoTime() - start) / 1e9, String.format(format, args));
  }
}
