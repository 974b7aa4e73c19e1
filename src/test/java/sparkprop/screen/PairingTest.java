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
}
