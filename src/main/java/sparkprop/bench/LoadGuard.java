package sparkprop.bench;

/**
 * Keeps other processes' work out of the timings on a shared machine (local mode only): a round of
 * timed passes during which other processes used more than {@code maxOtherShare} of the CPUs is
 * thrown away and run again once the machine is quiet, up to {@code maxRetries} times per section.
 * What it saw is reported: the rounds it threw away and the busiest round it kept.
 */
final class LoadGuard {
  /** A guard that never intervenes (cluster mode, where executors are "other processes"; or --max-other-load 1). */
  static final LoadGuard OFF = new LoadGuard(1.0, 0, 0);

  private final double maxOtherShare;
  private final int maxRetries;
  private final long maxWaitMillis;
  private int discarded;
  private double busiestKept;
  private int kept;

  LoadGuard(double maxOtherShare, int maxRetries, long maxWaitMillis) {
    this.maxOtherShare = maxOtherShare;
    this.maxRetries = maxRetries;
    this.maxWaitMillis = maxWaitMillis;
  }

  /** A fresh guard with the same settings, for the next section. */
  LoadGuard next() {
    return this == OFF ? OFF : new LoadGuard(maxOtherShare, maxRetries, maxWaitMillis);
  }

  boolean enabled() {
    return maxOtherShare < 1.0;
  }

  /**
   * Judges a round that has just run while {@code load} was counting: true to keep it; false to run it
   * again (after waiting for a quiet machine), while retries remain.
   */
  boolean keep(MachineLoad load) {
    double other = load.shares()[0];
    if (!enabled() || Double.isNaN(other) || other <= maxOtherShare || discarded >= maxRetries) {
      kept++;
      if (!Double.isNaN(other)) busiestKept = Math.max(busiestKept, other);
      return true;
    }
    discarded++;
    MachineLoad.awaitQuiet(maxOtherShare, maxWaitMillis);
    return false;
  }

  /** A timed run the guard kept, and other processes' share of the CPUs while it ran. */
  record Kept<T>(T result, double otherLoad) {}

  /**
   * Runs {@code timed} until this guard keeps it: a run during which other processes used more of the
   * CPUs than allowed is announced on {@code progress} ("{@code what}: … run again") and run again.
   */
  <T> Kept<T> runKept(String what, java.util.function.Supplier<T> timed, java.util.function.Consumer<String> progress) {
    while (true) {
      MachineLoad load = MachineLoad.start();
      T result = timed.get();
      double other = load.shares()[0];
      if (keep(load)) return new Kept<>(result, other);
      progress.accept(String.format(java.util.Locale.ROOT, "%s: other processes used %.0f%% of the CPUs meanwhile;"
          + " run again", what, 100 * other));
    }
  }

  int discarded() {
    return discarded;
  }

  /** The largest share of the CPUs other processes used during a kept round. */
  double busiestKept() {
    return busiestKept;
  }

  int kept() {
    return kept;
  }
}
