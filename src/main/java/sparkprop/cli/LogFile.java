package sparkprop.cli;

import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;

/**
 * The file Spark's and sparkprop's log goes to, as the running log4j2 configuration says
 * (conf/log4j2.properties: {@code $SPARKPROP_LOG_DIR/sparkprop-<time>.log}). Asked of log4j itself,
 * so the name is right whatever configuration a deployment uses; none when it logs to no file.
 */
final class LogFile {
  private LogFile() {}

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
