package sparkprop.pass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.blas.BundledOpenBlas;
import sparkprop.nn.Activation;
import sparkprop.nn.Init;
import sparkprop.nn.LossKind;
import sparkprop.nn.Precision;
import sparkprop.train.OptimizerKind;
import sparkprop.train.RunFolder;
import sparkprop.train.StepRecord;
import sparkprop.train.TrainJob;
import sparkprop.train.TrainOptions;
import sparkprop.train.TrainResult;

/**
 * Training steps on Fashion-MNIST's 60,000 rows, 784-50-10 float32, 2 partitions, as {@code train}
 * runs them (a harness run by hand, not a test): full-batch L-BFGS and SGD on mini-batches of 1,024
 * rows; per step its time and how much of it Spark's jobs (the passes) took, from the listener.
 *
 * <pre>
 *   mvn -q -Papparatus process-test-classes -Dapparatus="TrainProfile [steps] [lbfgs|sgd]…"
 * </pre>
 */
public final class TrainProfile {
  public static void main(String[] args) throws Exception {
    BundledOpenBlas.install();
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    List<String> kinds = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("lbfgs", "sgd");
    JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("train-profile")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1").set("spark.plugins", "sparkprop.blas.BlasPlugin"));
    sc.setLogLevel("WARN");
    PassProfile.Listener listener = new PassProfile.Listener();
    sc.sc().addSparkListener(listener);
    for (String kind : kinds) {
      TrainOptions o = new TrainOptions();
      o.data.data = PassProfile.DATA;
      o.data.partitions = 2;
      o.model.layers = new int[] {784, 50, 10};
      o.model.activation = Activation.RELU;
      o.model.loss = LossKind.CROSS_ENTROPY;
      o.model.init = Init.KAIMING;
      o.model.precision = Precision.FLOAT32;
      o.model.seed = 1;
      o.steps = steps;
      o.checkEvery = 0;
      o.progressEvery = 100_000;
      o.referenceRows = 1000;
      if (kind.equals("lbfgs")) {
        o.optimizer = OptimizerKind.LBFGS;
      } else {
        o.optimizer = OptimizerKind.SGD;
        o.lr = 0.1;
        o.batchRows = 1024;
      }
      java.nio.file.Path dir = Files.createTempDirectory("train-profile");
      FileSystem fs = FileSystem.getLocal(sc.hadoopConfiguration());
      PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      int before = listener.count();
      TrainResult r = new TrainJob(sc, o, new RunFolder(fs, new org.apache.hadoop.fs.Path(dir.toUri()), null), quiet).run();
      sc.sc().listenerBus().waitUntilEmpty(60_000L);
      List<PassProfile.Job> jobs = listener.since(before);
      System.out.printf(Locale.ROOT, "%s: %d steps, %s, stopped %s%n", kind, r.records().size(), r.seconds, r.stopped);
      // Steps run back to back after the preparation: the window of steps 1… ends with the last job and
      // is as long as their times add up to; the jobs that start in it are those steps' passes.
      List<StepRecord> recs = r.records();
      double stepsMs = 0;
      PassProfile.Stats st = new PassProfile.Stats();
      for (int k = 1; k < recs.size(); k++) {
        stepsMs += recs.get(k).seconds * 1e3;
        st.begin();
        st.add("step ms", recs.get(k).seconds * 1e3);
      }
      long end = jobs.get(jobs.size() - 1).end;
      double inJobs = 0;
      int passes = 0;
      for (PassProfile.Job j : jobs) {
        if (j.start >= end - stepsMs) {
          inJobs += j.end - j.start;
          passes++;
        }
      }
      st.print(kind + " step times (steps 1…)");
      System.out.printf(Locale.ROOT, "  steps 1…: %.0f ms in all, %d passes (Spark jobs) %.0f ms: outside the jobs %.1f%%%n",
          stepsMs, passes, inJobs, 100 * (1 - inJobs / stepsMs));
    }
    sc.stop();
  }
}
