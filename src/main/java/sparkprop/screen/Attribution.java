package sparkprop.screen;

import java.util.ArrayList;
import java.util.List;

/**
 * Who computed wrong, among the computations of one partition (its replicas and, after a disagreement,
 * the referee's): two agree when {@link Difference#of} finds nothing — bit for bit when both ran the same
 * kernel ({@link ExecutorFacts#kernel()}), within tolerance otherwise. The largest group that agrees with
 * its first member is the majority when it holds more than half; every computation outside it is in the
 * minority and named with its difference from the majority. Without a majority every one is undecided.
 */
final class Attribution {
  /** One computation outside the majority (or every one, when undecided), with how it differs. */
  record Outlier(Replica replica, Difference difference, boolean undecided) {}

  final List<Outlier> outliers = new ArrayList<>();
  final Replica majority;

  private Attribution(Replica majority) {
    this.majority = majority;
  }

  static boolean bitwise(Replica a, Replica b) {
    return a.facts().kernel().equals(b.facts().kernel());
  }

  static Attribution of(List<Replica> all, ComparisonRule rule) {
    int n = all.size();
    boolean[][] agree = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      agree[i][i] = true;
      for (int j = i + 1; j < n; j++) agree[i][j] = agree[j][i] = rule.difference(all.get(i), all.get(j)) == null;
    }
    int best = -1;
    int bestSize = 0;
    for (int i = 0; i < n; i++) {
      int size = 0;
      for (int j = 0; j < n; j++) if (agree[i][j]) size++;
      if (size > bestSize) {
        best = i;
        bestSize = size;
      }
    }
    if (2 * bestSize > n) {
      Attribution a = new Attribution(all.get(best));
      for (int j = 0; j < n; j++) {
        if (!agree[best][j]) a.outliers.add(new Outlier(all.get(j), rule.difference(all.get(j), all.get(best)), false));
      }
      return a;
    }
    Attribution a = new Attribution(null);
    for (int j = 0; j < n; j++) {
      Replica other = all.get(j == 0 ? 1 : 0);
      a.outliers.add(new Outlier(all.get(j), rule.difference(all.get(j), other), true));
    }
    return a;
  }
}
