package sparkprop.screen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What a screen found: per host the evidence, the named disagreements, what could not be screened, its cost. */
public final class ScreenResult {
  public String data;
  public long rows;
  public int partitions;
  public int rounds;
  public int replicasWanted;
  /** Replicas per partition the cluster allowed (at most one per executor). */
  public int replicasPlaced;
  /** Whether every compared pair ran on two different hosts (else some only on two executors of one host). */
  public boolean distinctHosts = true;
  public String sparkMaster;
  public String applicationId;
  final Map<String, HostTally> hosts = new TreeMap<>();
  /** Comparisons each executor took part in: one with none was not screened. */
  final Map<Executor, long[]> executorComparisons = new TreeMap<>();
  public final List<Finding> findings = new ArrayList<>();
  public Map<String, String> lostExecutors = new LinkedHashMap<>();
  /** Tasks that ran on another executor than asked (Spark's locality wait expired, or an executor was lost). */
  public long placementMisses;
  /** Slots placed again because their replicas had landed on fewer distinct executors than asked. */
  public long replacedSlots;
  /** Partitions of a round left with fewer than two distinct executors even so: not compared in that round. */
  public long uncomparedPartitions;
  /** Partitions of a round whose computations disagreed, so that a referee computed them again. */
  public long refereed;
  public long comparisons;
  public double costCoreSeconds;
  /** Hosts suspect from this run's disagreements, and from the history ({@link History}). */
  public final TreeSet<String> suspects = new TreeSet<>();
  /** How the history weighed, host → "2 of the last 7 runs"; empty without --history. */
  public final Map<String, String> historyEvidence = new TreeMap<>();
  public String historyFile;
  public final Map<String, Long> timingsMillis = new LinkedHashMap<>();

  HostTally host(String host) {
    return hosts.computeIfAbsent(host, HostTally::new);
  }

  void seen(Executor e) {
    executorComparisons.computeIfAbsent(e, k -> new long[1]);
    host(e.host()).executors.add(e.id());
  }

  /** Executors that took part in no comparison: not screened, not healthy. */
  public List<String> notScreened() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<Executor, long[]> e : executorComparisons.entrySet()) {
      if (e.getValue()[0] == 0) {
        String lost = lostExecutors.get(e.getKey().id());
        out.add(e.getKey() + (lost != null ? " (lost: " + lost + ")" : ""));
      }
    }
    return out;
  }

  /** Hosts that disagreed in this run. */
  public TreeSet<String> disagreeingHosts() {
    TreeSet<String> out = new TreeSet<>();
    for (HostTally h : hosts.values()) if (h.disagreements > 0) out.add(h.host);
    return out;
  }
}
