package sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkprop.Apparatus;
import sparkprop.read.HadoopConf;
import sparkprop.read.IdxDataset;

/**
 * The race as BENCHMARKS.md's earlier runs had it, run by hand: MLlib's l-bfgs (maxIter 100) sets the
 * target, then several sparkprop settings — precision, L-BFGS corrections, initialisation — each
 * trained to it once, evaluated before every step, checked against the reference before the first step
 * only. It picks settings; it is not the bench's verdict, which runs one declared recipe over seeds.
 *
 * <pre>
 *   mvn -q -Papparatus process-test-classes -Dapparatus="RaceCandidates --data /usr/share/datasets/fashion-mnist
 *       --candidates float32:20,float32:10,float32:30,float64:20"
 * </pre>
 */
@Command(name = "RaceCandidates", mixinStandardHelpOptions = true)
final class RaceCandidates {
  @Option(names = "--data", description = "training rows (IDX; default data/mnist-sample)")
  String data = "data/mnist-sample";

  @Option(names = "--eval-data", description = "test rows (default: t10k-images-idx3-ubyte[.gz] beside --data)")
  String evalData;

  @Option(names = "--partitions", description = "partitions (default: the task slots)")
  int partitions;

  @Option(names = "--candidates", split = ",", description = "PRECISION:CORRECTIONS[:INIT] each"
      + " (default float32:20,float32:10,float32:30,float64:20)")
  List<String> candidates = List.of("float32:20", "float32:10", "float32:30", "float64:20");

  @Option(names = "--seed", description = "the runs' and MLlib's seed (default 0)")
  long seed;

  @Option(names = "--max-steps", description = "steps before a run gives up (default 300)")
  int maxSteps = 300;

  @Option(names = "--mllib-iterations", description = "MLlib's maxIter, whose accuracy is the target (default 100)")
  int mllibIterations = 100;

  public static void main(String[] args) {
    RaceCandidates c = new RaceCandidates();
    CommandLine cl = new CommandLine(c);
    cl.parseArgs(args);
    if (cl.isUsageHelpRequested()) {
      cl.usage(System.out);
      return;
    }
    try (JavaSparkContext sc = Apparatus.spark("sparkprop race candidates")) {
      c.run(sc);
    }
  }

  private void run(JavaSparkContext sc) {
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    BenchPlan plan = new BenchPlan();
    plan.data = data;
    plan.evalData = evalData;
    String eval = Race.evalData(plan, conf);
    if (eval == null) throw new IllegalArgumentException("no test rows: give --eval-data");
    int p = partitions > 0 ? partitions : sc.defaultParallelism();
    IdxDataset train = IdxDataset.open(data, conf.get());
    IdxDataset test = IdxDataset.open(eval, conf.get());
    int[] layers = {train.pixelsPerImage(), RaceRecipe.HIDDEN, RaceRecipe.OUTPUTS};
    TaskClock clock = new TaskClock();
    sc.sc().addSparkListener(clock);
    try (RaceRows rows = new RaceRows(sc, train, test, p, conf)) {
      Dataset<Row> trainDf = rows.train;
      Dataset<Row> testDf = rows.test;
      long testCount = rows.testCount;
      MllibLbfgs.fit(sc, clock, trainDf, testDf, testCount, layers, seed, 2, 128); // warm-up
      RaceResult.MllibFit ref = MllibLbfgs.fit(sc, clock, trainDf, testDf, testCount, layers, seed, mllibIterations,
          128).fit();
      System.out.printf(Locale.ROOT, "MLlib l-bfgs maxIter %d: %.4f in %.1f s (iterating %.1f s): the target%n",
          mllibIterations, ref.accuracy(), ref.fitSeconds(), ref.iteratingSeconds());
      SparkpropRun.train(sc, RaceRecipe.options(arguments("float32:20", eval, layers[0], p, 2, 0))); // warm-up
      List<String> lines = new ArrayList<>();
      for (String candidate : candidates) {
        RaceResult.Run r = SparkpropRun.run(sc, clock, RaceRecipe.options(arguments(candidate, eval, layers[0], p,
            maxSteps, ref.accuracy())));
        lines.add(String.format(Locale.ROOT, "  %-22s %s; median step %.3f s, %d passes; %.2fx MLlib's fit",
            candidate, r.reached() ? String.format(Locale.ROOT, "reached before step %d in %.1f s", r.reachedStep(),
                r.secondsToTarget()) : "not reached in " + r.steps().count() + " steps (" + r.finalAccuracy() + ")",
            r.steps().medianSeconds(), r.steps().passes(), ref.fitSeconds() / r.secondsToTarget()));
        System.out.println(lines.get(lines.size() - 1));
      }
    } finally {
      sc.sc().removeSparkListener(clock);
    }
  }

  /** train's options for one candidate: evaluated before every step, checked before the first step only. */
  private List<String> arguments(String candidate, String eval, int inputs, int p, int steps, double target) {
    String[] f = candidate.split(":");
    return List.of("--data", data, "--eval-data", eval, "--layers", inputs + "-" + RaceRecipe.HIDDEN + "-"
        + RaceRecipe.OUTPUTS, "--activation", "sigmoid", "--loss", "cross-entropy", "--init",
        f.length > 2 ? f[2] : "kaiming", "--optimizer", "lbfgs", "--lbfgs-corrections", f[1], "--precision", f[0],
        "--eval-every", "1", "--check-every", "0", "--partitions", Integer.toString(p), "--seed", Long.toString(seed),
        "--steps", Integer.toString(steps), "--target-accuracy", Double.toString(target));
  }
}
