package sparkprop.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import sparkprop.LocalSpark;
import sparkprop.nn.Layout;

/** The tree adds partials in partition-index order, so its result is fixed; and scaling happens once, by the global N. */
class TreeSumTest {
  private static final Layout SHAPE = Layout.seed(3, 2);

  private static PartialSum partial(int partition, long seed) {
    Random r = new Random(seed);
    double[] theta = new double[SHAPE.size()];
    // Magnitudes spread over many orders, so that a different order of addition changes the bits.
    for (int k = 0; k < theta.length; k++) theta[k] = r.nextGaussian() * Math.pow(10, r.nextInt(12));
    long rows = 1 + r.nextInt(100);
    GradientSum sum = new GradientSum(SHAPE, theta, r.nextDouble(), rows, 1);
    PartitionRecord rec = new PartitionRecord(partition, new TaskPlace("e", "h", 0), sum, 0, null, null, false);
    return new PartialSum(sum, Collections.singletonList(rec));
  }

  private static JavaRDD<PartialSum> partials(int n) {
    List<PartialSum> list = new ArrayList<>();
    for (int p = 0; p < n; p++) list.add(partial(p, 1000 + p));
    return LocalSpark.context().parallelize(list, n);
  }

  /** What the tree must equal bit for bit: children added left to right, level by level. */
  private static double[] byHand(int n, int fanIn) {
    List<GradientSum> level = new ArrayList<>();
    for (int p = 0; p < n; p++) level.add(partial(p, 1000 + p).sum);
    while (level.size() > fanIn) {
      List<GradientSum> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += fanIn) {
        GradientSum s = GradientSum.zero(SHAPE, 1);
        for (int j = i; j < Math.min(i + fanIn, level.size()); j++) s.add(level.get(j));
        next.add(s);
      }
      level = next;
    }
    GradientSum total = GradientSum.zero(SHAPE, 1);
    for (GradientSum s : level) total.add(s);
    return total.theta();
  }

  @Test
  void theTreeAddsInPartitionIndexOrderLevelByLevel() {
    for (boolean onExecutors : new boolean[] {false, true}) {
      for (int n : new int[] {1, 2, 5, 17, 40}) {
        for (int depth : new int[] {2, 3}) {
          PartialSum total = TreeSum.sum(partials(n), depth, onExecutors);
          String where = "n=" + n + " depth=" + depth + (onExecutors ? " on the executors" : " on the driver");
          assertArrayEquals(byHand(n, TreeSum.fanIn(n, depth)), total.sum.theta(), where);
          assertEquals(n, total.records.size(), where);
          for (int p = 0; p < n; p++) assertEquals(p, total.records.get(p).partition, where);
        }
      }
    }
  }

  /** Local mode adds on the driver (a shuffle would stay in this JVM); the result is the executors' to the bit. */
  @Test
  void localModeAddsOnTheDriverWithTheSameBits() {
    assertEquals(true, TreeSum.onDriver(200, 2, true));
    assertEquals(false, TreeSum.onDriver(200, 2, false));
    assertEquals(true, TreeSum.onDriver(2, 2, false)); // P ≤ fanIn: the driver adds the one level in any mode
    assertEquals(0, TreeSum.shuffles(2, 2, false));
    assertEquals(0, TreeSum.shuffles(200, 2, true));
    assertEquals(1, TreeSum.shuffles(200, 2, false));
    assertEquals(2, TreeSum.shuffles(200, 3, false));
    assertArrayEquals(TreeSum.sum(partials(40), 2, true).sum.theta(), TreeSum.sum(partials(40), 2).sum.theta());
  }

  /** A partial from another JVM arrives serialized, one from the driver's own JVM in memory: the same sum. */
  @Test
  void partialsHandedOverInMemoryOrSerializedAddUpTheSame() {
    double[] expected = byHand(17, TreeSum.fanIn(17, 2));
    try {
      TreeSum.Handoff.enabled = false;
      assertArrayEquals(expected, TreeSum.sum(partials(17), 2).sum.theta(), "serialized");
    } finally {
      TreeSum.Handoff.enabled = true;
    }
    assertArrayEquals(expected, TreeSum.sum(partials(17), 2).sum.theta(), "in memory");
  }

  @Test
  void repeatedRunsGiveTheSameBits() {
    for (boolean onExecutors : new boolean[] {false, true}) {
      double[] first = TreeSum.sum(partials(23), 2, onExecutors).sum.theta();
      for (int run = 0; run < 3; run++) {
        assertArrayEquals(first, TreeSum.sum(partials(23), 2, onExecutors).sum.theta());
      }
    }
  }

  /** Partials arriving in any order are added as the tree says: each node in index order, as soon as it is complete. */
  @Test
  void partialsArrivingInAnyOrderAddUpTheSame() {
    int n = 40;
    for (int depth : new int[] {2, 3}) {
      int fanIn = TreeSum.fanIn(n, depth);
      List<Integer> order = new ArrayList<>();
      for (int p = 0; p < n; p++) order.add(p);
      for (long shuffle = 0; shuffle < 5; shuffle++) {
        Collections.shuffle(order, new Random(shuffle));
        TreeSum.Tree tree = new TreeSum.Tree(n, fanIn);
        for (int p : order) tree.add(p, partial(p, 1000 + p));
        assertArrayEquals(byHand(n, fanIn), tree.total().sum.theta(), "depth " + depth + ", order " + order);
      }
    }
  }

  @Test
  void fanInKeepsTheDriverShareSmall() {
    assertEquals(2, TreeSum.fanIn(2, 2));
    assertEquals(15, TreeSum.fanIn(200, 2));
    assertEquals(10, TreeSum.fanIn(100, 2));
    assertEquals(6, TreeSum.fanIn(200, 3));
  }

  /** Spark's ml.ann averages block means; the mean here is Σ/N with N the global count, exact for uneven partitions. */
  @Test
  void theMeanDividesTheTotalOnceByTheGlobalRowCount() {
    GradientSum a = new GradientSum(SHAPE, filled(1.0), 4.0, 1, 1);
    GradientSum b = new GradientSum(SHAPE, filled(99.0), 396.0, 99, 1);
    Gradients mean = GradientSum.zero(SHAPE, 1).add(a).add(b).mean();
    assertEquals(1.0, mean.theta()[0], 0.0);          // (1 + 99) / 100, not (1/1 + 99/99) / 2
    assertEquals(4.0, mean.loss, 0.0);                // (4 + 396) / 100
    assertEquals(100, mean.rows);
  }

  private static double[] filled(double v) {
    double[] t = new double[SHAPE.size()];
    java.util.Arrays.fill(t, v);
    return t;
  }
}
