package sparkprop.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * The last error Spark logged. When Spark gives up on its own (a master refusing the application, an
 * executor lost for good) the driver only sees the symptom, "SparkContext has been shutdown"; exit 3's
 * one line adds this cause, e.g. "All masters are unresponsive! Giving up.", so that a scheduler's
 * mail says why without opening the log file. Kept in memory by an appender on log4j's root logger.
 */
final class LastSparkError extends AbstractAppender {
  private static volatile String last;
  /**
   * Why Spark gave up on the application by itself ("Application has been killed. Reason: …"), which
   * stops the SparkContext under the job: whatever the job was doing then fails too, often with a
   * later error of its own (a broadcast whose block manager was just stopped), which is not the cause.
   */
  private static volatile String gaveUp;

  /** How Spark's scheduler backends begin the error that says why they gave up on the application. */
  static final String KILLED = "Application has been killed";

  private LastSparkError() {
    super("sparkprop-last-error", null, null, true, Property.EMPTY_ARRAY);
  }

  /** Starts remembering; does nothing when log4j-core is not the logging backend. */
  static void install() {
    try {
      if (!(LogManager.getContext(false) instanceof LoggerContext)) return;
      LoggerContext context = (LoggerContext) LogManager.getContext(false);
      LastSparkError appender = new LastSparkError();
      appender.start();
      context.getConfiguration().getRootLogger().addAppender(appender, Level.ERROR, null);
      context.updateLoggers();
    } catch (RuntimeException | LinkageError e) {
      // Another logging backend: exit 3's line then names no cause.
    }
  }

  /** The first line of why Spark gave up on the application, else of the last error it logged; or null. */
  static String message() {
    return gaveUp != null ? gaveUp : last;
  }

  /** Forgets what was logged (for tests: one JVM, many runs). */
  static void reset() {
    last = null;
    gaveUp = null;
  }

  /** A fresh appender, not installed (for tests). */
  static LastSparkError detached() {
    return new LastSparkError();
  }

  @Override
  public void append(LogEvent event) {
    if (event.getLevel().isMoreSpecificThan(Level.ERROR) && !event.getLoggerName().startsWith("sparkprop")) {
      String line = Failures.firstLine(event.getMessage().getFormattedMessage());
      if (gaveUp == null && line.contains(KILLED)) gaveUp = line;
      last = line;
    }
  }
}
