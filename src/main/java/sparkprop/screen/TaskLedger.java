package sparkprop.screen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Where the screen's tasks really ran, from Spark's listener bus (never from the placement asked for):
 * every job started with the local property {@value #TAG} has its stages remembered, and each
 * successful task end of those stages records the executor and host of {@code taskInfo} by the task's
 * partition (a slot of the placed pass), with its run time for the cost. Executors removed while the
 * screen runs are remembered as lost.
 */
final class TaskLedger extends SparkListener {
  static final String TAG = "sparkprop.screen.pass";

  /** Where one slot's successful attempt ran, and how long its executor ran it. */
  record Ran(String executorId, String host, long runMillis) {}

  private final Map<Integer, String> stageTags = new HashMap<>();
  private final Map<String, Map<Integer, Ran>> ran = new HashMap<>();
  private final Map<String, Integer> failedAttempts = new HashMap<>();
  private final Map<String, String> lost = new LinkedHashMap<>();
  private final Map<String, String> added = new LinkedHashMap<>();
  private long runMillis;

  @Override
  public synchronized void onJobStart(SparkListenerJobStart job) {
    String tag = job.properties() == null ? null : job.properties().getProperty(TAG);
    if (tag == null) return;
    for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())) stageTags.put((Integer) stage, tag);
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    String tag = stageTags.get(end.stageId());
    if (tag == null) return;
    TaskInfo info = end.taskInfo();
    long run = end.taskMetrics() == null ? info.duration() : end.taskMetrics().executorRunTime();
    runMillis += run;
    if (info.successful()) {
      ran.computeIfAbsent(tag, t -> new HashMap<>()).put(info.partitionId(), new Ran(info.executorId(), info.host(), run));
    } else {
      failedAttempts.merge(tag, 1, Integer::sum);
    }
  }

  @Override
  public synchronized void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    lost.put(removed.executorId(), removed.reason());
  }

  @Override
  public synchronized void onExecutorAdded(SparkListenerExecutorAdded a) {
    added.put(a.executorId(), a.executorInfo().executorHost());
  }

  /**
   * The slots of pass {@code tag} by where they ran, waiting up to {@code waitMillis} for the listener
   * bus to deliver all {@code slots} task ends (it runs behind the job); a slot missing then is null.
   */
  List<Ran> placements(String tag, int slots, long waitMillis) throws InterruptedException {
    long deadline = System.nanoTime() + waitMillis * 1_000_000;
    while (true) {
      synchronized (this) {
        Map<Integer, Ran> m = ran.getOrDefault(tag, Map.of());
        if (m.size() >= slots || System.nanoTime() > deadline) {
          List<Ran> out = new ArrayList<>();
          for (int j = 0; j < slots; j++) out.add(m.get(j));
          return out;
        }
      }
      Thread.sleep(20);
    }
  }

  synchronized int failedAttempts(String tag) {
    return failedAttempts.getOrDefault(tag, 0);
  }

  /** Executors removed while the screen ran, with Spark's reason. */
  synchronized Map<String, String> lost() {
    return new LinkedHashMap<>(lost);
  }

  /** The executor time of every attempt of the screen's tasks (failed ones too): the screen's cost. */
  synchronized long runMillis() {
    return runMillis;
  }
}
