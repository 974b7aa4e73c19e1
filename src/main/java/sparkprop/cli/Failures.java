package sparkprop.cli;

import sparkprop.BadInputException;

/**
 * Finds bad input behind a failure. An executor's {@link BadInputException} reaches the driver inside
 * a SparkException: as its cause when the class deserializes there, and always in the message text,
 * behind {@link BadInputException#MARKER}.
 */
final class Failures {
  private Failures() {}

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
}
