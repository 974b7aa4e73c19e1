package sparkprop.app;

/** The job's exit codes, the contract with schedulers (cron, Airflow): they read nothing else. */
public final class ExitCode {
  /** Every gradient agrees with the reference and with finite differences. */
  public static final int AGREE = 0;
  /** A gradient disagrees, or non-finite numbers arose during the pass. */
  public static final int DISAGREE = 1;
  /** Bad input or usage: a one-line message names the file and the problem. */
  public static final int BAD_INPUT = 2;
  /** Any other failure (Spark, I/O). */
  public static final int FAILURE = 3;

  private ExitCode() {}
}
