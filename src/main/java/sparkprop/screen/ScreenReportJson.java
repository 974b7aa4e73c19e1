package sparkprop.screen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * screen's {@code report.json} (README "screen"): the verdict, per host the evidence and the host × round
 * grid, the named disagreements, what could not be screened, the placement's honesty and the cost.
 *
 * @param verdict "pass" (every screened executor agreed) or "suspect"
 * @param grid    host → one cell per round: "agreed", "disagreed" or "not_screened"
 */
public record ScreenReportJson(int schemaVersion, String verdict, List<String> suspects, String data, long rows,
    int partitions, int rounds, int replicasWanted, int replicasPlaced, boolean distinctHosts,
    Map<String, Host> hosts, Map<String, List<String>> grid, List<Finding> disagreements, List<String> notScreened,
    Map<String, String> lostExecutors, Placement placement, long comparisons, long refereed,
    double costCoreSeconds, Map<String, String> history, String historyFile, Spark spark, Map<String, Long> timingsMs) {

  public static final int SCHEMA_VERSION = 1;

  public record Host(List<String> executors, String cpuModel, String blasCore, String blasVersion, String jvm, long tasks,
      long comparisons, long disagreements, boolean suspect) {}

  /** How honest the placement was: tasks that ran elsewhere than asked, slots placed again, partitions left uncompared. */
  public record Placement(long misses, long replacedSlots, long uncomparedPartitionRounds) {}

  public record Spark(String master, String applicationId) {}

  public static ScreenReportJson of(ScreenResult r) {
    Map<String, Host> hosts = new LinkedHashMap<>();
    Map<String, List<String>> grid = new LinkedHashMap<>();
    for (HostTally h : r.hosts.values()) {
      ExecutorFacts f = h.facts;
      hosts.put(h.host, new Host(new ArrayList<>(h.executors), f == null ? null : f.cpuModel(),
          f == null ? null : f.blasCore(), f == null ? null : f.blasVersion(), f == null ? null : f.jvm(), h.tasks,
          h.comparisons, h.disagreements, r.suspects.contains(h.host)));
      List<String> cells = new ArrayList<>();
      for (int k = 0; k < r.rounds; k++) cells.add(h.cell(k).name().toLowerCase(java.util.Locale.ROOT));
      grid.put(h.host, cells);
    }
    return new ScreenReportJson(SCHEMA_VERSION, r.suspects.isEmpty() ? "pass" : "suspect", new ArrayList<>(r.suspects),
        r.data, r.rows, r.partitions, r.rounds, r.replicasWanted, r.replicasPlaced, r.distinctHosts, hosts, grid,
        r.findings, r.notScreened(), r.lostExecutors,
        new Placement(r.placementMisses, r.replacedSlots, r.uncomparedPartitions), r.comparisons, r.refereed,
        r.costCoreSeconds, r.historyEvidence, r.historyFile, new Spark(r.sparkMaster, r.applicationId), r.timingsMillis);
  }
}
