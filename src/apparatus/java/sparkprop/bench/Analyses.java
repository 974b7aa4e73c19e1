package sparkprop.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import sparkprop.Apparatus;
import sparkprop.aggregate.TreeShape;
import sparkprop.aggregate.TreeSum;
import sparkprop.model.Model;
import sparkprop.nn.Init;
import sparkprop.nn.Layout;
import sparkprop.nn.Precision;
import sparkprop.partition.RowPartitions;
import sparkprop.partition.SelectedRows;
import sparkprop.rows.RowChunk;

/**
 * The analyses behind BENCHMARKS.md, run by hand (not a test, not part of {@code bench}): the bench's
 * pass table and MLlib comparison at chosen sizes, then block sizes, MLlib's gradient error by
 * partition count, training steps against their passes, the aggregation's share, the cluster model's
 * inputs and its fit, the scaling sweep, and the targets judged on all of it. Prints the tables and
 * writes {@code OUT/analyses.json} (bench.json's keys and one per analysis; OUT: {@code --out}, default
 * analyses-out).
 *
 * <pre>
 *   mvn -q -Papparatus process-test-classes -Dapparatus="Analyses --data /usr/share/datasets/fashion-mnist"
 * </pre>
 *
 * Options: {@code -Dapparatus="Analyses --help"}; on a cluster, {@code cluster.ClusterScaling} runs it.
 */
public final class Analyses {
  private final BenchRun run;
  private final AnalysisOptions o;
  private final AnalysisReport r;

  Analyses(JavaSparkContext sc, AnalysisOptions o, PrintStream log) {
    this.o = o;
    this.r = new AnalysisReport();
    this.run = new BenchRun(sc, o.plan(), log, r);
  }

  public static void main(String[] args) throws Exception {
    try (JavaSparkContext sc = Apparatus.spark("sparkprop analyses")) {
      run(sc, args);
    }
  }

  /** Parses {@code args}, runs the analyses on {@code sc}, prints the tables, writes OUT/analyses.json. */
  public static void run(JavaSparkContext sc, String[] args) throws java.io.IOException {
    AnalysisOptions o = new AnalysisOptions();
    CommandLine cl = new CommandLine(o);
    CommandLine.ParseResult given = cl.parseArgs(args);
    if (cl.isUsageHelpRequested()) {
      cl.usage(System.out);
      return;
    }
    o.applyQuick(given::hasMatchedOption);
    AnalysisReport r = new Analyses(sc, o, System.out).measure();
    r.command = "Analyses " + String.join(" ", args);
    // Not the bench's own output folder by default: a file of another program in it would make the
    // bench refuse to replace it.
    Path out = Files.createDirectories(Path.of(given.hasMatchedOption("--out") ? o.bench.out : "analyses-out"));
    Files.write(out.resolve("analyses.json"), AnalysisJson.render(r));
    System.out.print(AnalysisTable.render(r));
    System.out.println("written: " + out.resolve("analyses.json"));
  }

  AnalysisReport measure() {
    run.measuring(() -> {
      run.passesAndMllib();
      run.race(); // without --race it records why, as bench.json says
      if (o.blockSizes.length > 0) run.section("block_sizes", guard -> blockSizes(guard));
      if (o.gapPartitions.length > 0) mllibGap();
      if (o.trainSteps[0] + o.trainSteps[1] > 0) {
        run.section("train_steps", guard -> r.trainSteps.addAll(TrainSteps.measure(run.sc, run.clock, o, run.m,
            run.partitions, guard, line -> run.progress("%s", line))));
      }
      if (o.aggregationPartitions.length > 0) {
        run.section("aggregation", guard -> {
          for (int p : o.aggregationPartitions) aggregation(p, guard);
        });
      }
      List<int[]> trees = o.treeLayers != null ? o.treeLayers
          : List.of(new int[] {run.m, o.hidden, 10}, new int[] {run.m, 1024, 1024, 10});
      if (!trees.isEmpty() && o.treePartitions.length > 0) {
        run.section("tree", guard -> {
          for (int[] sizes : trees) {
            BenchNet net = new BenchNet(new Layout(sizes), MllibGap.mllibArchitecture(), Init.KAIMING, o.seed);
            run.progress("cluster model inputs: %s, %d rows, partitions %s", net.describe(), o.treeRows,
                Arrays.toString(o.treePartitions));
            r.treeCost.addAll(TreeCost.measure(run.sc, run.clock, run.data, run.conf, net, o.treeRows,
                o.treePartitions, o.treeDepth, o.blockRows, o.treePasses, guard));
          }
        });
      }
      r.clusterModel = ClusterModel.fit(r.treeCost, run.slots, o.treeDepth, !run.sc.master().startsWith("local"));
      if (o.sweepRows.length > 0) {
        run.section("scaling", guard -> {
          for (long size : o.sweepRows) scaling(size, guard);
        });
      }
    });
    Targets.evaluate(r);
    return r;
  }

  /** For each block size: float64/float32 × x.g on/off, each with its GEMM probe, in turns. */
  private void blockSizes(LoadGuard guard) {
    JavaRDD<RowChunk> parts = RowPartitions.of(run.sc, run.data, run.partitions, run.conf)
        .persist(StorageLevel.MEMORY_ONLY());
    try {
      SelectedRows.count(parts);
      run.progress("block sizes %s: %d x %d configurations, in turns", Arrays.toString(o.blockSizes), o.blockPasses,
          4 * o.blockSizes.length);
      List<Series> blocks = new ArrayList<>();
      for (int block : o.blockSizes) blocks.addAll(run.passesWithProbes(parts, block, run.regressorNet));
      Series.inTurns(blocks, 1, o.blockPasses, guard);
      for (Series s : blocks) r.blockSizes.add(BenchReport.Pass.of(s, run.partitions, 1, run.slots));
    } finally {
      parts.unpersist(true);
    }
  }

  /**
   * MLlib's gradient error against the partition count, at the model MLlib's l-bfgs fits on these rows
   * with its defaults (maxIter 100), as the race's longest fit.
   */
  private void mllibGap() {
    JavaRDD<RowChunk> parts = RowPartitions.of(run.sc, run.data, run.partitions, run.conf)
        .persist(StorageLevel.MEMORY_ONLY());
    Model model;
    try {
      int[] layers = {run.m, o.hidden, 10};
      run.progress("MLlib l-bfgs fit (maxIter 100) for the gradient-error model");
      SparkSession spark = SparkSession.builder().sparkContext(run.sc.sc()).getOrCreate();
      model = MllibGap.of(MllibLbfgs.classifier(layers, o.seed, 100, o.mllibBlockSize)
          .fit(MllibMlp.dataFrame(spark, parts)));
    } finally {
      parts.unpersist(true);
    }
    r.mllibGapModel = "MLlib's l-bfgs fit, maxIter 100 (" + model.layout() + ", sigmoid, softmax)";
    r.mllibGapBlockSize = o.mllibBlockSize;
    run.progress("MLlib's gradient error at %s partitions, blockSize %d", Arrays.toString(o.gapPartitions),
        o.mllibBlockSize);
    run.section("mllib_gap", guard -> r.mllibGap.addAll(MllibGap.measure(run.sc, run.data, run.conf, model,
        o.mllibBlockSize, o.gapPartitions)));
  }

  /** The aggregation's share of a pass at P partitions: full passes and compute-only passes in turns. */
  private void aggregation(int p, LoadGuard guard) {
    long size = o.aggregationRows > 0 ? o.aggregationRows : run.data.rows();
    run.progress("aggregation at %d partitions, %d rows", p, size);
    JavaRDD<RowChunk> rows = RowPartitions.of(run.sc, new RepeatedRows(run.data, Math.min(size, run.data.rows()), size),
        p, run.conf).persist(StorageLevel.MEMORY_ONLY());
    try {
      SelectedRows.count(rows);
      Series full = Series.passes(run.sc, run.clock, rows, size, run.regressorNet, Precision.FLOAT64, true, o.blockRows,
          o.treeDepth, null);
      ComputeOnly computeOnly = new ComputeOnly(run.sc, run.clock, rows, run.regressorNet, Precision.FLOAT64, true,
          o.blockRows);
      Series.inTurns(List.of(full, computeOnly), o.warmup, run.plan.passes, guard);
      AnalysisReport.Aggregation a = new AnalysisReport.Aggregation();
      TreeShape shape = TreeShape.of(p, o.treeDepth);
      a.partitions = p;
      a.rows = size;
      a.fanIn = shape.fanIn;
      a.shuffles = TreeSum.shuffles(shape, false);
      a.pass = full.seconds();
      a.computeOnly = computeOnly.seconds();
      a.passCpu = full.cpuSeconds();
      a.computeOnlyCpu = computeOnly.cpuSeconds();
      double[] difference = new double[run.plan.passes];
      for (int k = 0; k < difference.length; k++) difference[k] = full.seconds(k) - computeOnly.seconds(k);
      a.difference = new Samples(difference);
      a.treeSumAlone = ComputeOnly.treeSumAlone(run.sc, rows, run.regressorNet, Precision.FLOAT64, true, o.blockRows,
          o.treeDepth, 1, run.plan.passes);
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
    RepeatedRows repeated = new RepeatedRows(run.data, Math.min(size, run.data.rows()), size);
    double bytes = CacheStorage.cachedBytes(size, run.m);
    boolean fits = bytes <= 0.8 * CacheStorage.freeStorage(run.sc);
    boolean cache = o.sweepMode.equals("cache") || (o.sweepMode.equals("auto") && fits);
    boolean stream = !o.sweepMode.equals("cache");
    run.progress("scaling: %d rows (%.2f GB as bytes; %s)", size, bytes / 1e9,
        cache && stream ? "cached and streamed, in turns" : cache ? "cached" : "streamed: it does not fit the cache");
    JavaRDD<RowChunk> cached = null;
    try {
      List<Series> series = new ArrayList<>();
      List<String> modes = new ArrayList<>();
      if (cache) {
        cached = RowPartitions.of(run.sc, repeated, run.partitions, run.conf).persist(StorageLevel.MEMORY_ONLY());
        SelectedRows.count(cached);
        modes.add(CacheStorage.fullyCached(run.sc, cached) ? "cache" : "cache-partial");
        series.add(Series.passes(run.sc, run.clock, cached, size, run.regressorNet, Precision.FLOAT64, true, o.blockRows,
            o.treeDepth, null));
      }
      if (stream) {
        modes.add("stream");
        series.add(Series.passes(run.sc, run.clock, RowPartitions.of(run.sc, repeated, run.partitions, run.conf), size,
            run.regressorNet, Precision.FLOAT64, true, o.blockRows, o.treeDepth, null));
      }
      Series.inTurns(series, o.sweepWarmup, o.sweepPasses, guard);
      for (int k = 0; k < series.size(); k++) {
        AnalysisReport.Sweep w = new AnalysisReport.Sweep();
        w.rows = size;
        w.mode = modes.get(k);
        w.partitions = run.partitions;
        w.seconds = series.get(k).seconds();
        w.cpuSeconds = series.get(k).cpuSeconds();
        w.deterministic = series.get(k).deterministic();
        r.sweep.add(w);
      }
    } finally {
      if (cached != null) cached.unpersist(true);
    }
  }
}
