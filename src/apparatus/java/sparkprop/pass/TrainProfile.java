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
 * rows (ReLU, cross-entropy, no periodic checks), and {@code race}, the bench race's recipe (sigmoid,
 * cross-entropy, L-BFGS with 30 corrections, train's default checks every 50 steps); per step its time
 * and how much of it Spark's jobs (the passes) took, from the listener, and for the steps: passes per
 * step, each pass's wall time against its tasks' run and CPU time (the rest: task launch and the
 * result path), the time outside the jobs (the driver's update and L-BFGS), and the checks' steps
 * against the others. KernelProfile's {@code classifier} splits a task's kernel into GEMM and
 * element-wise work.
 *
 * <pre>
 *   mvn -q -Papparatus process-test-classes -Dapparatus="TrainProfile [steps] [lbfgs|sgd|race]…"
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
      o.model.activation = kind.equals("race") ? Activation.SIGMOID : Activation.RELU;
      o.model.loss = LossKind.CROSS_ENTROPY;
      o.model.init = Init.KAIMING;
      o.model.precision = Precision.FLOAT32;
      o.model.seed = 1;
      o.steps = steps;
      o.checkEvery = 0;
      o.progressEvery = 100_000;
      o.referenceRows = 1000;
      if (kind.equals("race")) {
        o.optimizer = OptimizerKind.LBFGS;
        o.lbfgsCorrections = 30;
        o.checkEvery = 50;
        o.referenceRows = 0;
      } else if (kind.equals("lbfgs")) {
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
      breakdown(recs, jobs, end - stepsMs, o.checkEvery);
    }
    sc.stop();
  }

  /**
   * Where the steps' time goes: per step, the passes (jobs) and within a pass the slower task's run
   * time (its CPU time beside it) against the job's wall time — the difference is launching the tasks
   * and returning their results; the time outside the jobs is the driver's (L-BFGS, the update). The
   * steps that ran a check are shown apart: their extra time, spread over checkEvery steps, is the
   * checks' amortised cost.
   */
  private static void breakdown(List<StepRecord> recs, List<PassProfile.Job> jobs, double windowStart, int checkEvery) {
    double jobWall = 0;
    double slowestRun = 0;
    double slowestCpu = 0;
    int passes = 0;
    for (PassProfile.Job j : jobs) {
      if (j.start < windowStart || j.tasks.isEmpty()) continue;
      passes++;
      jobWall += j.end - j.start;
      long run = 0;
      long cpu = 0;
      for (PassProfile.Task t : j.tasks) {
        run = Math.max(run, t.run);
        cpu = Math.max(cpu, t.cpu / 1_000_000);
      }
      slowestRun += run;
      slowestCpu += cpu;
    }
    double checked = 0;
    double plain = 0;
    int nChecked = 0;
    int nPlain = 0;
    for (int k = 1; k < recs.size(); k++) {
      StepRecord r = recs.get(k);
      if (checkEvery > 0 && r.step % checkEvery == 0) {
        checked += r.seconds * 1e3;
        nChecked++;
      } else {
        plain += r.seconds * 1e3;
        nPlain++;
      }
    }
    int steps = recs.size() - 1;
    System.out.printf(Locale.ROOT, "  per step (%d steps): %.2f passes; per pass %.1f ms wall, slower task run %.1f ms"
            + " (CPU %.1f ms): launch and result path %.1f ms; outside the jobs (driver) %.1f ms per step%n",
        steps, passes / (double) steps, jobWall / passes, slowestRun / passes, slowestCpu / passes,
        (jobWall - slowestRun) / passes, (sum(recs) - jobWall) / steps);
    if (nChecked > 0) {
      System.out.printf(Locale.ROOT, "  steps with a check: %d, %.1f ms mean; others %.1f ms: checks amortised"
          + " %.1f ms per step%n", nChecked, checked / nChecked, plain / nPlain,
          (checked / nChecked - plain / nPlain) / checkEvery);
    }
  }

  private static double sum(List<StepRecord> recs) {
    double ms = 0;
    for (int k = 1; k < recs.size(); k++) ms += recs.get(k).seconds * 1e3;
    return ms;
  }
}
