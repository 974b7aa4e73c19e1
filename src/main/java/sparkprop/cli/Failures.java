package sparkprop.cli;

import sparkprop.app.ExitCode;

import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sparkprop.BadInputException;

/**
 * Turns a failure into its exit code and its one line on stderr: {@code sparkprop: FILE: PROBLEM}.
 * Bad input is found anywhere in the cause chain, also inside an executor's task failure; anything
 * else is exit 3, with the last error Spark logged (its cause, when Spark gave up by itself), its
 * stack trace going to the log file that the line names.
 */
final class Failures {
  /** Only to the log file (conf/log4j2.properties): stack traces would break the one-line contract on stderr. */
  static final Logger DETAILS = LoggerFactory.getLogger("sparkprop.details");

  private Failures() {}

  /** Prints the failure's line and returns its exit code. */
  static int report(Throwable e, PrintStream err) {
    if (Signals.received() != null) { // the failure is the stop a signal began: say so instead
      DETAILS.info("interrupted", e);
      return Signals.report(err);
    }
    BadInputException bad = badInput(e);
    if (bad != null) {
      DETAILS.info("bad input", e);
      err.println("sparkprop: " + firstLine(bad.getMessage()));
      err.flush();
      return ExitCode.BAD_INPUT;
    }
    DETAILS.error("failed", e);
    String line = "sparkprop: failed: " + firstLine(String.valueOf(e));
    String cause = sparkprop.Secrets.hide(LastSparkError.message());
    if (cause != null && !line.contains(cause)) line += "; Spark's last error: " + cause;
    String log = LogFile.current();
    err.println(line + (log == null ? "" : " (details in " + log + ")"));
    err.flush();
    return ExitCode.FAILURE;
  }

  /**
   * The bad input behind a failure, or null. An executor's {@link BadInputException} reaches the driver
   * inside a SparkException: as its cause when the class deserializes there, and always in the message
   * text, behind {@link BadInputException#MARKER}.
   */
  static BadInputException badInput(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BadInputException) return (BadInputException) c;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      String message = c.getMessage();
      int at = message == null ? -1 : message.indexOf(BadInputException.MARKER);
      if (at >= 0) {
        String rest = message.substring(at + BadInputException.MARKER.length());
        int end = rest.indexOf('\n');
        return new BadInputException(end >= 0 ? rest.substring(0, end) : rest, t);
      }
    }
    return null;
  }

  /** Spark's messages run over many lines (a stack trace inside a task failure); the contract is one. */
  static String firstLine(String s) {
    String line = s == null ? "" : sparkprop.Secrets.hide(s).strip(); // a path may carry credentials: never echo them
    int end = line.indexOf('\n');
    if (end >= 0) line = line.substring(0, end).strip();
    return line.length() > 600 ? line.substring(0, 600) + " …" : line;
  }
}
