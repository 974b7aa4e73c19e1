package sparkprop.screen;

import java.util.List;
import java.util.Locale;

/** What {@code screen} prints: a line per host, the named disagreements, what was not screened; the verdict line last. */
public final class ScreenConsole {
  private ScreenConsole() {}

  public static String render(ScreenResult r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "screen: %d rows in %d partitions, %d rounds, %d replicas per partition%s,"
        + " %d comparisons, %.1f core-seconds%n", r.rows, r.partitions, r.rounds, r.replicasPlaced,
        r.distinctHosts ? " on distinct hosts" : " (some on one host: too few hosts)", r.comparisons, r.costCoreSeconds));
    b.append(String.format(Locale.ROOT, "%-20s %-10s %6s %11s %13s  %s%n", "host", "executors", "tasks", "comparisons",
        "disagreements", "cpu / blas core"));
    for (HostTally h : r.hosts.values()) {
      b.append(String.format(Locale.ROOT, "%-20s %-10s %6d %11d %13d  %s / %s%s%n", h.host, String.join(",", h.executors),
          h.tasks, h.comparisons, h.disagreements, h.facts == null ? "?" : h.facts.cpuModel(),
          h.facts == null ? "?" : h.facts.blasCore(), r.suspects.contains(h.host) ? "  SUSPECT" : h.screened() ? "" : "  not screened"));
    }
    for (Finding f : r.findings) b.append("disagreement: ").append(f.describe()).append('\n');
    for (String e : r.notScreened()) b.append("not screened: ").append(e).append('\n');
    for (var e : r.lostExecutors.entrySet()) b.append("lost: executor ").append(e.getKey()).append(" (").append(e.getValue()).append(")\n");
    for (var e : r.historyEvidence.entrySet()) b.append("history: ").append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    return b.toString();
  }

  /** The last line of stdout: the suspects by name, or that every screened host agreed. */
  public static String verdictLine(ScreenResult r) {
    if (!r.suspects.isEmpty()) return "suspect: " + String.join(" ", r.suspects);
    List<String> not = r.notScreened();
    return "screen: every screened host agreed" + (not.isEmpty() ? "" : " (" + not.size() + " executors not screened)");
  }

  /** suspects.txt: one host a line, what an exclude list or a drain script takes. */
  public static byte[] suspectsFile(ScreenResult r) {
    StringBuilder b = new StringBuilder();
    for (String h : r.suspects) b.append(h).append('\n');
    return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
