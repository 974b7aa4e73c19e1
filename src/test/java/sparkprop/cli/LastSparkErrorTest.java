package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exit 3's line names why Spark gave up on the application, not whatever the job's thread tripped
 * over next while the SparkContext was being stopped under it (the cluster test's refused submission
 * once ended in a broadcast failing on a block manager just stopped).
 */
class LastSparkErrorTest {
  private static void log(LastSparkError appender, String logger, Level level, String text) {
    appender.append(Log4jLogEvent.newBuilder().setLoggerName(logger).setLevel(level)
        .setMessage(new SimpleMessage(text)).build());
  }

  @AfterEach
  void forget() {
    LastSparkError.reset();
  }

  @Test
  void theReasonSparkGaveUpOutlastsLaterErrors() {
    LastSparkError a = LastSparkError.detached();
    log(a, "org.apache.spark.scheduler.cluster.StandaloneSchedulerBackend", Level.ERROR,
        "Application has been killed. Reason: All masters are unresponsive! Giving up.");
    log(a, "org.apache.spark.broadcast.TorrentBroadcast", Level.ERROR,
        "Store broadcast broadcast_0 fail, remove all pieces of the broadcast");
    assertEquals("Application has been killed. Reason: All masters are unresponsive! Giving up.",
        LastSparkError.message());
  }

  @Test
  void otherwiseTheLastErrorOfSparksOwn() {
    LastSparkError a = LastSparkError.detached();
    assertNull(LastSparkError.message());
    log(a, "org.apache.spark.executor.Executor", Level.ERROR, "first\nsecond line");
    log(a, "org.apache.spark.scheduler.TaskSetManager", Level.WARN, "a warning is not an error");
    log(a, "sparkprop.details", Level.ERROR, "sparkprop's own errors are not Spark's");
    assertEquals("first", LastSparkError.message());
    log(a, "org.apache.spark.scheduler.TaskSetManager", Level.ERROR, "Task 0 in stage 1.0 failed 4 times");
    assertEquals("Task 0 in stage 1.0 failed 4 times", LastSparkError.message());
  }
}
