package sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import sparkprop.rows.RowChunk;

/**
 * Spark MLlib's own MLP on the same rows, partitions and session, as the peer of the gradient pass:
 * {@code MultilayerPerceptronClassifier} with layers m-nh-10 and the "gd" solver, on a cached
 * DataFrame of (label, features) with features = pixel/255 as dense vectors.
 *
 * <p>Each "gd" iteration is one full-batch gradient (MLlib's {@code GradientDescent} with
 * miniBatchFraction 1: a broadcast of the weights, one {@code treeAggregate} job, an update on the
 * driver), the same work as one sparkprop pass plus a weight update. A fit first stacks the rows
 * into blocks and caches them (a {@code count} job) before iterating, so the time per iteration is
 * taken two ways:
 * <ul>
 *   <li>from the listener bus: the time between the ends of consecutive {@code treeAggregate} jobs of
 *       one fit (broadcast, job and driver update included), and each job's task CPU time, from the
 *       second job on;
 *   <li>as a cross-check, {@code (fit(maxIter = k+1) − fit(maxIter = 1)) / k}, which cancels the
 *       set-up both fits share.
 * </ul>
 */
final class MllibMlp {
  /** The job group of the timed fit (and a try number), which tells its jobs from every other job on the bus. */
  private static final String JOB_GROUP = "sparkprop-bench-mllib";

  private MllibMlp() {}

  static final class Result {
    final Samples secondsPerIteration;
    /** Task CPU time of each gradient job (Σ over its tasks), from the second job on. */
    final Samples cpuSecondsPerIteration;
    final double differenceSecondsPerIteration;
    final double fitOneSeconds;
    final double fitManySeconds;
    final int iterations;
    /** treeAggregate jobs the timed fit ran (maxIter + 1 of them were seen with Spark 4.2). */
    final int gradientJobs;
    final int blockSize;
    final int[] layers;

    Result(Samples secondsPerIteration, Samples cpuSecondsPerIteration, double differenceSecondsPerIteration,
        double fitOneSeconds, double fitManySeconds, int iterations, int gradientJobs, int blockSize, int[] layers) {
      this.secondsPerIteration = secondsPerIteration;
      this.cpuSecondsPerIteration = cpuSecondsPerIteration;
      this.differenceSecondsPerIteration = differenceSecondsPerIteration;
      this.fitOneSeconds = fitOneSeconds;
      this.fitManySeconds = fitManySeconds;
      this.iterations = iterations;
      this.gradientJobs = gradientJobs;
      this.blockSize = blockSize;
      this.layers = layers;
    }
  }

  /** The rows as MLlib wants them: a DataFrame of (label: double, features: vector), one row per image. */
  static Dataset<Row> dataFrame(SparkSession spark, JavaRDD<RowChunk> chunks) {
    JavaRDD<Row> rows = chunks.mapPartitions(it -> {
      List<Row> out = new ArrayList<>();
      while (it.hasNext()) {
        RowChunk c = it.next();
        for (int r = 0; r < c.count; r++) {
          double[] f = new double[c.width];
          for (int i = 0; i < c.width; i++) f[i] = c.pixel(r, i) / 255.0;
          out.add(RowFactory.create((double) c.labels[r], Vectors.dense(f)));
        }
      }
      return out.iterator();
    }, true);
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    return spark.createDataFrame(rows, schema);
  }

  static Result measure(JavaSparkContext sc, TaskClock clock, JavaRDD<RowChunk> chunks, int m, int nh, long seed,
      int iterations, int blockSize, LoadGuard guard) {
    SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    Dataset<Row> df = dataFrame(spark, chunks).persist(StorageLevel.MEMORY_ONLY());
    int[] layers = {m, nh, 10};
    try {
      df.count();
      fit(df, layers, seed, 2, blockSize); // warm-up: JIT, class loading
      long t0 = System.nanoTime();
      fit(df, layers, seed, 1, blockSize);
      double one = (System.nanoTime() - t0) / 1e9;

      double many;
      String group;
      int attempt = 0;
      while (true) {
        group = JOB_GROUP + "-" + attempt++;
        MachineLoad load = MachineLoad.start();
        sc.setJobGroup(group, "MLlib MLP, timed", false);
        try {
          t0 = System.nanoTime();
          fit(df, layers, seed, iterations + 1, blockSize);
          many = (System.nanoTime() - t0) / 1e9;
        } finally {
          sc.clearJobGroup();
        }
        if (guard.keep(load)) break;
      }
      TaskClock.drain(sc);
      List<TaskClock.Job> gradientJobs = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (TaskClock.Job j : clock.jobs(group)) {
        seen.addAll(j.stageNames);
        if (j.stageNames.stream().anyMatch(n -> n.contains("treeAggregate") && n.contains("GradientDescent"))) {
          gradientJobs.add(j);
        }
      }
      if (gradientJobs.size() < iterations + 1) {
        throw new IllegalStateException("MLlib ran " + gradientJobs.size() + " gradient jobs, fewer than "
            + (iterations + 1) + " (stages seen: " + seen + ")");
      }
      // From the second gradient job on: the gap between consecutive jobs' ends, and each job's task CPU.
      double[] gaps = new double[gradientJobs.size() - 1];
      double[] cpu = new double[gaps.length];
      for (int k = 0; k < gaps.length; k++) {
        gaps[k] = (gradientJobs.get(k + 1).endMillis - gradientJobs.get(k).endMillis) / 1e3;
        cpu[k] = gradientJobs.get(k + 1).cpuNanos / 1e9;
      }
      return new Result(new Samples(gaps), new Samples(cpu), (many - one) / iterations, one, many, iterations,
          gradientJobs.size(), blockSize, layers);
    } finally {
      df.unpersist(true);
    }
  }

  private static void fit(Dataset<Row> df, int[] layers, long seed, int maxIter, int blockSize) {
    new MultilayerPerceptronClassifier()
        .setLayers(layers)
        .setSolver("gd")
        .setMaxIter(maxIter)
        .setTol(0.0) // never stop early: every fit runs maxIter iterations
        .setBlockSize(blockSize)
        .setSeed(seed)
        .fit(df);
  }
}
