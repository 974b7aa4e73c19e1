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

  /** The first line of the last error Spark logged, or null. */
  static String message() {
    return last;
  }

  @Override
  public void append(LogEvent event) {
    if (event.getLevel().isMoreSpecificThan(Level.ERROR) && !event.getLoggerName().startsWith("sparkprop")) {
      last = Failures.firstLine(event.getMessage().getFormattedMessage());
    }
  }
}
