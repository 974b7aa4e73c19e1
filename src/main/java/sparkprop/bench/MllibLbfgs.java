package sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Spark MLlib's {@code MultilayerPerceptronClassifier} as a user would fit it: solver l-bfgs, MLlib's
 * defaults otherwise (tol 1e-6, blockSize as given), on a cached DataFrame of (label, features); its
 * test accuracy from {@code transform}. A fit's time is fit()'s wall time: MLlib stacks the rows into
 * blocks (a job of its own) and then iterates, one {@code treeAggregate} job per loss-and-gradient.
 */
final class MllibLbfgs {
  private static final String JOB_GROUP = "sparkprop-bench-mllib-lbfgs";
  private static int fits;

  private MllibLbfgs() {}

  /** A fit's measurements and the fitted model. */
  record Fitted(RaceResult.MllibFit fit, MultilayerPerceptronClassificationModel model) {}

  static MultilayerPerceptronClassifier classifier(int[] layers, long seed, int maxIter, int blockSize) {
    return new MultilayerPerceptronClassifier()
        .setLayers(layers)
        .setSolver("l-bfgs")
        .setMaxIter(maxIter)
        .setBlockSize(blockSize)
        .setSeed(seed);
  }

  /** Fits with maxIter = {@code maxIter}, timed; then measures the test accuracy (not timed). */
  static Fitted fit(JavaSparkContext sc, TaskClock clock, Dataset<Row> train, Dataset<Row> test, long testRows,
      int[] layers, long seed, int maxIter, int blockSize) {
    String group = JOB_GROUP + "-" + fits++;
    MachineLoad load = MachineLoad.start();
    sc.setJobGroup(group, "MLlib MLP l-bfgs, timed", false);
    MultilayerPerceptronClassificationModel model;
    long t0 = System.nanoTime();
    try {
      model = classifier(layers, seed, maxIter, blockSize).fit(train);
    } finally {
      sc.clearJobGroup();
    }
    double fitSeconds = (System.nanoTime() - t0) / 1e9;
    double otherLoad = load.shares()[0];
    double[] history = model.summary().objectiveHistory();
    TaskClock.drain(sc);
    List<TaskClock.Job> gradient = new ArrayList<>();
    for (TaskClock.Job j : clock.jobs(group)) {
      if (j.stageNames.stream().anyMatch(n -> n.contains("treeAggregate"))) gradient.add(j);
    }
    double iterating = gradient.isEmpty() ? Double.NaN
        : (gradient.get(gradient.size() - 1).endMillis - gradient.get(0).startMillis) / 1e3;
    RaceResult.MllibFit f = new RaceResult.MllibFit(maxIter, history.length - 1, fitSeconds, iterating,
        gradient.size(), clock.cpuSeconds(group), accuracy(model, test, testRows), history[history.length - 1],
        otherLoad);
    return new Fitted(f, model);
  }

  /** The share of the test rows whose predicted class is their label. */
  static double accuracy(MultilayerPerceptronClassificationModel model, Dataset<Row> test, long testRows) {
    long correct = model.transform(test).filter(functions.col("prediction").equalTo(functions.col("label"))).count();
    return (double) correct / testRows;
  }
}
