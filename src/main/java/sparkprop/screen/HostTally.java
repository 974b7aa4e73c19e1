package sparkprop.screen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * One host's evidence in a run: its executors, the tasks they ran, the comparisons they took part in
 * and how many of those they lost (in the minority, or undecided), round by round.
 */
final class HostTally {
  /** A round's cell of the host × round grid. */
  enum Cell { AGREED, DISAGREED, NOT_SCREENED }

  final String host;
  final TreeSet<String> executors = new TreeSet<>();
  ExecutorFacts facts;
  long tasks;
  long comparisons;
  long disagreements;
  final Map<Integer, long[]> rounds = new LinkedHashMap<>();

  HostTally(String host) {
    this.host = host;
  }

  /** {comparisons, disagreements} of round r. */
  long[] round(int r) {
    return rounds.computeIfAbsent(r, k -> new long[2]);
  }

  Cell cell(int r) {
    long[] c = rounds.get(r);
    if (c == null || c[0] == 0 && c[1] == 0) return Cell.NOT_SCREENED;
    return c[1] > 0 ? Cell.DISAGREED : Cell.AGREED;
  }

  boolean screened() {
    return comparisons > 0;
  }
}
