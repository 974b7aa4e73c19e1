package sparkprop.screen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import sparkprop.pass.PlacedPass.Slot;

/**
 * Which executors compute each partition in a round. With n executors sorted by host, round r places
 * partition p's first replica on executor (p + r) mod n and replica k on the first executor from
 * (p + r + k·s) mod n on that the partition does not use yet, preferring a host it does not use yet,
 * with stride s = 1 + (r mod (n − 1)): so the pairs rotate — over n − 1 rounds each executor meets every
 * other — and each executor gets about P·R/n tasks a round.
 */
final class Pairing {
  private Pairing() {}

  /** Replicas per partition actually possible: at most one per executor. */
  static int replicas(int wanted, int executors) {
    return Math.min(wanted, executors);
  }

  /** Round {@code round}'s slots: partition by partition, replica by replica. */
  static List<Slot> round(List<Executor> executors, int partitions, int replicas, int round) {
    int n = executors.size();
    int r = replicas(replicas, n);
    int stride = 1 + (round % Math.max(1, n - 1));
    List<Slot> slots = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      List<Executor> used = new ArrayList<>();
      for (int k = 0; k < r; k++) used.add(pick(executors, Math.floorMod(p + round + k * stride, n), used));
      for (Executor e : used) slots.add(new Slot(p, e.id(), e.host()));
    }
    return slots;
  }

  /**
   * The first executor from {@code start} on (cyclically) that {@code used} lacks, on a host {@code used}
   * lacks when there is one; null when every executor is used.
   */
  static Executor pick(List<Executor> executors, int start, List<Executor> used) {
    Set<String> hosts = new HashSet<>();
    for (Executor e : used) hosts.add(e.host());
    Executor sameHost = null;
    for (int i = 0; i < executors.size(); i++) {
      Executor e = executors.get((start + i) % executors.size());
      if (used.contains(e)) continue;
      if (!hosts.contains(e.host())) return e;
      if (sameHost == null) sameHost = e;
    }
    return sameHost;
  }
}
