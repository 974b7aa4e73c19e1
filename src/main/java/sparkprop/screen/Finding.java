package sparkprop.screen;

/**
 * A named disagreement: in round {@code round} (counted from 1), executor {@code executorId} on {@code host} (CPU and BLAS
 * core as it reported them) computed partition {@code partition} differently from the majority of its
 * replicas and the referee ({@code referee}: "executor 4 on 127.0.0.4" or "driver on …"); {@code undecided}
 * when no majority could be formed.
 */
public record Finding(int round, int partition, String executorId, String host, String cpuModel, String blasCore,
    String tensor, int index, double value, double majorityValue, long ulps, boolean bitwise, long elements,
    String referee, boolean undecided) {

  /** @param round counted from 0 */
  static Finding of(int round, Attribution.Outlier o, Replica referee) {
    Replica r = o.replica();
    Difference d = o.difference();
    return new Finding(round + 1, r.partition(), r.executor().id(), r.executor().host(), r.facts().cpuModel(),
        r.facts().blasCore(), d.tensor(), d.index(), d.value(), d.against(), d.ulps(), d.bitwise(), d.elements(),
        referee == null ? null : referee.executor().toString(), o.undecided());
  }

  /** One line for the console. */
  String describe() {
    return "round " + round + ", partition " + partition + ": executor " + executorId + " on " + host + " ("
        + cpuModel + ", BLAS core " + blasCore + ") " + (undecided ? "disagrees with every other computation" : "is in the minority")
        + ": " + tensor + "[" + index + "] " + value + " against " + majorityValue + ", " + ulps + " ulps"
        + (bitwise ? "" : " (beyond tolerance)") + "; referee " + referee;
  }
}
