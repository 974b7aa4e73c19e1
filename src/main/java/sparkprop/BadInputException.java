package sparkprop;

/**
 * Input the job cannot use: a malformed data or weights file, an unknown option, a run with no rows.
 * The message is one line that names the file (and the row, line or entry where it applies) and the
 * problem; the job prints it and exits with {@code ExitCode.BAD_INPUT} (2).
 */
public class BadInputException extends RuntimeException {

  /** Marker that survives Spark's task-failure messages, which carry only a string on a cluster. */
  public static final String MARKER = "sparkprop-bad-input: ";

  /** @param message its credentials (a URI's user-info, a secret key's value) are hidden: see {@link Secrets} */
  public BadInputException(String message) {
    super(Secrets.hide(message));
  }

  public BadInputException(String message, Throwable cause) {
    super(Secrets.hide(message), cause);
  }

  /** A problem in one file: "FILE: PROBLEM". */
  public static BadInputException inFile(String file, String problem) {
    return new BadInputException(file + ": " + problem);
  }

  @Override
  public String toString() {
    return MARKER + getMessage();
  }
}
