package sparkprop.aggregate;

import java.io.Serializable;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/** Where a task ran: its executor, that executor's host, and the task's attempt number. */
public final class TaskPlace implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String executorId;
  public final String host;
  public final int attempt;

  public TaskPlace(String executorId, String host, int attempt) {
    this.executorId = executorId;
    this.host = host;
    this.attempt = attempt;
  }

  /** The running task's place; "?" outside a Spark task (the driver's own computations). */
  public static TaskPlace current() {
    TaskContext task = TaskContext.get();
    SparkEnv env = SparkEnv.get();
    return new TaskPlace(env == null ? "?" : env.executorId(),
        env == null ? "?" : env.blockManager().blockManagerId().host(),
        task == null ? 0 : task.attemptNumber());
  }
}
