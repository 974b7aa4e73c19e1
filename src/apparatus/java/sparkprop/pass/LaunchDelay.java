package sparkprop.pass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import sparkprop.app.DataOptions;
import sparkprop.app.PreparedRows;
import sparkprop.blas.BundledOpenBlas;
import sparkprop.nn.Architecture;
import sparkprop.nn.Init;
import sparkprop.nn.Layout;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.read.HadoopConf;

/**
 * Where a pass's time goes between its Spark job's start and its first task's launch (not a test: run
 * by hand like {@link PassProfile}): the float32 seed pass without x.g over Fashion-MNIST's cached
 * rows, 2 partitions, local[2], timing per pass job start → stage submitted → first task launched,
 * in milliseconds: {@code mvn -q -Papparatus process-test-classes -Dapparatus="LaunchDelay [passes]"}; Spark
 * settings as {@code -Dapparatus.jvm="-Dspark.k=v …"}.
 */
public final class LaunchDelay {
  private LaunchDelay() {}

  static final class Times extends SparkListener {
    final List<long[]> jobs = new ArrayList<>();
    long[] current;

    @Override
    public synchronized void onJobStart(SparkListenerJobStart e) {
      current = new long[] {e.time(), -1, -1};
      jobs.add(current);
    }

    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted e) {
      if (current != null && current[1] < 0 && e.stageInfo().submissionTime().isDefined()) {
        current[1] = (Long) e.stageInfo().submissionTime().get();
      }
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart e) {
      if (current != null && current[2] < 0) current[2] = e.taskInfo().launchTime();
    }
  }

  public static void main(String[] args) throws Exception {
    BundledOpenBlas.install();
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    JavaSparkContext sc = sparkprop.Apparatus.spark("launch-delay", "local[2]");
    Times times = new Times();
    sc.sc().addSparkListener(times);
    DataOptions o = new DataOptions();
    o.data = PassProfile.DATA;
    o.partitions = 2;
    PreparedRows rows = PreparedRows.open(sc, o, new HadoopConf(sc.hadoopConfiguration()));
    Parameters theta = Parameters.random(Layout.regressor(784, 50), Init.RANDN, 1);
    PassSettings settings = new PassSettings(Architecture.reluMse(), Precision.FLOAT32, 1024, PixelScale.BYTE, 2, false);
    long[] wall = new long[passes];
    for (int k = -5; k < passes; k++) {
      long t0 = System.nanoTime();
      DistributedPass.run(sc, rows.rows, theta, settings, PartitionHook.NONE);
      if (k >= 0) wall[k] = System.nanoTime() - t0;
    }
    sc.sc().listenerBus().waitUntilEmpty(60_000L);
    List<long[]> jobs = times.jobs.subList(times.jobs.size() - passes, times.jobs.size());
    long[] submit = new long[passes];
    long[] launch = new long[passes];
    for (int k = 0; k < passes; k++) {
      submit[k] = jobs.get(k)[1] - jobs.get(k)[0];
      launch[k] = jobs.get(k)[2] - jobs.get(k)[1];
    }
    System.out.println("pass wall ms " + median(wall) / 1e6 + "; job start -> stage submitted ms: median "
        + median(submit) + " " + Arrays.toString(submit) + "; stage submitted -> first launch ms: median "
        + median(launch) + " " + Arrays.toString(launch));
    sc.stop();
  }

  private static long median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
