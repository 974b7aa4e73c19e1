package sparkprop.screen;

import sparkprop.aggregate.GradientSum;

/**
 * One computation of one partition's partial sums: where it really ran (from the listener bus; the driver
 * for a driver referee), what that machine said of itself, and the sums.
 */
record Replica(int partition, Executor executor, ExecutorFacts facts, GradientSum sum) {
  static final String DRIVER = "driver";

  boolean onDriver() {
    return executor.id().equals(DRIVER);
  }
}
