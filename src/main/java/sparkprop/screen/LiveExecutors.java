package sparkprop.screen;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.BlockManagerId;
import scala.jdk.javaapi.CollectionConverters;
import sparkprop.BadInputException;

/**
 * The application's executors as the driver's block-manager master knows them (id and host; the driver
 * itself left out), sorted by host then id.
 */
final class LiveExecutors {
  static final String TOO_FEW = "screen needs at least two executors";

  private LiveExecutors() {}

  /** The executors now. */
  static List<Executor> now() {
    List<Executor> out = new ArrayList<>();
    for (BlockManagerId id : CollectionConverters.asJava(SparkEnv.get().blockManager().master().getMemoryStatus()).keySet()) {
      if (!id.isDriver()) out.add(new Executor(id.executorId(), id.host()));
    }
    out.sort(null);
    return out;
  }

  /**
   * Refuses a master that cannot give two executors (local mode: its one executor is the driver) before
   * anything is read, exit 2.
   */
  static void requireCluster(JavaSparkContext sc) {
    if (sc.master().startsWith("local")) {
      throw new BadInputException(TOO_FEW + " (the master is " + sc.master()
          + ", whose one executor is the driver; run on a cluster: --master spark://…, yarn, k8s://…)");
    }
  }

  /**
   * Waits up to {@code waitMillis} for two executors (a cluster's executors register after the context
   * starts); exit 2 when fewer come.
   */
  static List<Executor> atLeastTwo(long waitMillis) throws InterruptedException {
    long deadline = System.nanoTime() + waitMillis * 1_000_000;
    List<Executor> e = now();
    while (e.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      e = now();
    }
    if (e.size() < 2) throw new BadInputException(TOO_FEW + " (the cluster gave " + e.size() + " within "
        + waitMillis / 1000 + " s: " + e + ")");
    return e;
  }
}
