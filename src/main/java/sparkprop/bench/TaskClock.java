package sparkprop.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * What Spark's listener bus says about the bench's jobs: for each job, its group, its stages' names,
 * when it started and ended, and the CPU time its tasks spent ({@code executorCpuTime}, summed over
 * tasks). Task CPU time barely moves when other processes share the machine, unlike wall time, so the
 * bench reports it beside every wall time.
 */
final class TaskClock extends SparkListener {
  /** One job as the bus reported it. */
  static final class Job {
    final int id;
    final String group;
    final List<String> stageNames = new ArrayList<>();
    final long startMillis;
    long endMillis = -1;
    long cpuNanos;

    Job(int id, String group, long startMillis) {
      this.id = id;
      this.group = group;
      this.startMillis = startMillis;
    }
  }

  private final Map<Integer, Job> jobs = new TreeMap<>();
  private final Map<Integer, Job> stageJob = new HashMap<>();

  @Override
  public synchronized void onJobStart(SparkListenerJobStart start) {
    String group = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
    Job job = new Job(start.jobId(), group, start.time());
    for (StageInfo s : scala.jdk.javaapi.CollectionConverters.asJava(start.stageInfos())) {
      job.stageNames.add(s.name());
      stageJob.putIfAbsent(s.stageId(), job);
    }
    jobs.put(start.jobId(), job);
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    Job job = stageJob.get(end.stageId());
    TaskMetrics metrics = end.taskMetrics();
    if (job != null && metrics != null) job.cpuNanos += metrics.executorCpuTime();
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd end) {
    Job job = jobs.get(end.jobId());
    if (job != null) job.endMillis = end.time();
  }

  /**
   * Waits until the bus has delivered every event posted so far (the bus is asynchronous). Uses Spark's
   * own {@code LiveListenerBus.waitUntilEmpty}, which is {@code private[spark]} in Scala but public to
   * Java; the bench alone relies on it.
   */
  static void drain(JavaSparkContext sc) {
    try {
      sc.sc().listenerBus().waitUntilEmpty(60_000L);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain in 60 s", e);
    }
  }

  /** The jobs of one group, in id order. */
  synchronized List<Job> jobs(String group) {
    List<Job> out = new ArrayList<>();
    for (Job j : jobs.values()) if (group.equals(j.group)) out.add(j);
    return out;
  }

  /** Σ task CPU time of the group's jobs, seconds. */
  synchronized double cpuSeconds(String group) {
    long nanos = 0;
    for (Job j : jobs(group)) nanos += j.cpuNanos;
    return nanos / 1e9;
  }
}
