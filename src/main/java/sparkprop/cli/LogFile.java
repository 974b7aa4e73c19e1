package sparkprop.cli;

import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The file Spark's and sparkprop's log goes to, as the running log4j2 configuration says
 * (conf/log4j2.properties: {@code $SPARKPROP_LOG_DIR/sparkprop-<time>.log}). Asked of log4j itself,
 * so the name is right whatever configuration a deployment uses; none when it logs to no file.
 */
final class LogFile {
  private LogFile() {}

  /**
   * Sends java.util.logging, which netlib's BLAS loader uses ("INFO: Using dev.ludovic.netlib.blas.JNIBLAS")
   * and whose default handler writes to stderr, through SLF4J to log4j2: to the log file with Spark's own
   * messages, as Spark's logging does once it starts. Called first thing in the driver, before anything
   * loads netlib (help included), so that stderr holds only sparkprop's own lines.
   */
  static void routeJavaUtilLogging() {
    try {
      if (SLF4JBridgeHandler.isInstalled()) return;
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    } catch (LinkageError e) {
      // No jul-to-slf4j on the class path (not Spark's jars): java.util.logging keeps its own handler.
    }
  }

  /** The path of the log file, or null when logging goes to no file or nothing has been written yet. */
  static String current() {
    try {
      if (!(LogManager.getContext(false) instanceof LoggerContext)) return null;
      LoggerContext context = (LoggerContext) LogManager.getContext(false);
      for (Appender a : context.getConfiguration().getAppenders().values()) {
        if (a instanceof FileAppender) {
          String name = ((FileAppender) a).getFileName();
          if (name != null && Files.exists(Paths.get(name))) return Paths.get(name).toAbsolutePath().toString();
        }
      }
    } catch (RuntimeException | LinkageError e) {
      // Another logging backend, or none: the line then names no file.
    }
    return null;
  }
}
