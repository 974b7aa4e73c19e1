package sparkprop.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sparkprop.pass.PlacedPass.Slot;

/** The placement plan: distinct executors and hosts per partition, balanced load, pairs that rotate over rounds. */
class PairingTest {
  private static final List<Executor> THREE_HOSTS = List.of(new Executor("0", "127.0.0.2"), new Executor("1", "127.0.0.3"),
      new Executor("2", "127.0.0.4"));

  @Test
  void everyPartitionOnDistinctHostsWithBalancedLoad() {
    for (int round = 0; round < 4; round++) {
      List<Slot> slots = Pairing.round(THREE_HOSTS, 6, 2, round);
      assertEquals(12, slots.size());
      Map<String, Integer> load = new HashMap<>();
      for (int p = 0; p < 6; p++) {
        Set<String> hosts = new HashSet<>();
        for (Slot s : slots) if (s.partition() == p) hosts.add(s.host());
        assertEquals(2, hosts.size(), "partition " + p + " round " + round);
      }
      for (Slot s : slots) load.merge(s.executorId(), 1, Integer::sum);
      assertEquals(Map.of("0", 4, "1", 4, "2", 4), load, "round " + round);
    }
  }

  @Test
  void pairsRotateSoEveryExecutorMeetsEveryOther() {
    Set<Set<String>> pairs = new HashSet<>();
    for (int round = 0; round < 2; round++) {
      List<Slot> slots = Pairing.round(THREE_HOSTS, 3, 2, round);
      for (int j = 0; j < slots.size(); j += 2) pairs.add(Set.of(slots.get(j).executorId(), slots.get(j + 1).executorId()));
    }
    assertEquals(Set.of(Set.of("0", "1"), Set.of("1", "2"), Set.of("0", "2")), pairs);
  }

  @Test
  void oneHostWithTwoExecutorsStillGetsDistinctExecutorsAndFewerReplicasThanAskedAreCapped() {
    List<Executor> oneHost = List.of(new Executor("0", "h"), new Executor("1", "h"));
    List<Slot> slots = Pairing.round(oneHost, 2, 3, 0);
    assertEquals(4, slots.size(), "at most one replica per executor");
    assertTrue(!slots.get(0).executorId().equals(slots.get(1).executorId()));
  }

  /** --replicas 3 on three executors: every partition on all three (three hosts), so each executor runs every partition. */
  @Test
  void threeReplicasOnThreeExecutorsPutEveryPartitionOnThreeDistinctHosts() {
    for (int round = 0; round < 3; round++) {
      List<Slot> slots = Pairing.round(THREE_HOSTS, 6, 3, round);
      assertEquals(18, slots.size());
      for (int p = 0; p < 6; p++) {
        Set<String> executors = new HashSet<>();
        Set<String> hosts = new HashSet<>();
        for (Slot s : slots) {
          if (s.partition() != p) continue;
          executors.add(s.executorId());
          hosts.add(s.host());
        }
        assertEquals(Set.of("0", "1", "2"), executors, "partition " + p + " round " + round);
        assertEquals(3, hosts.size());
      }
    }
  }

  /**
   * --replicas 3 on four executors (two hosts of two): three distinct executors per partition, on both hosts,
   * P·3/4 tasks each, and over the rounds every executor shares a partition with every other.
   */
  @Test
  void threeReplicasOnFourExecutorsAreDistinctBalancedAndRotate() {
    List<Executor> four = List.of(new Executor("0", "a"), new Executor("1", "a"), new Executor("2", "b"), new Executor("3", "b"));
    Set<Set<String>> met = new HashSet<>();
    for (int round = 0; round < 3; round++) {
      List<Slot> slots = Pairing.round(four, 8, 3, round);
      assertEquals(24, slots.size());
      Map<String, Integer> load = new HashMap<>();
      for (Slot s : slots) load.merge(s.executorId(), 1, Integer::sum);
      assertEquals(Map.of("0", 6, "1", 6, "2", 6, "3", 6), load, "round " + round + ": 8 × 3 / 4 each");
      for (int p = 0; p < 8; p++) {
        List<String> ids = new java.util.ArrayList<>();
        Set<String> hosts = new HashSet<>();
        for (Slot s : slots) {
          if (s.partition() != p) continue;
          ids.add(s.executorId());
          hosts.add(s.host());
        }
        assertEquals(3, Set.copyOf(ids).size(), "partition " + p + " round " + round + ": " + ids);
        assertEquals(Set.of("a", "b"), hosts, "both hosts");
        for (String x : ids) for (String y : ids) if (!x.equals(y)) met.add(Set.of(x, y));
      }
    }
    assertEquals(6, met.size(), "every pair of the four executors compared: " + met);
  }
}
