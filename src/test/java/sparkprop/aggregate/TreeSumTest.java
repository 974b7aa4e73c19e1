package sparkprop.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  private static final Layout SHAPE = Layout.regressor(3, 2);

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
    return total.sums();
  }

  @Test
  void theTreeAddsInPartitionIndexOrderLevelByLevel() {
    for (boolean onExecutors : new boolean[] {false, true}) {
      for (int n : new int[] {1, 2, 5, 17, 40}) {
        for (int depth : new int[] {2, 3}) {
          PartialSum total = TreeSum.sum(partials(n), depth, onExecutors);
          String where = "n=" + n + " depth=" + depth + (onExecutors ? " on the executors" : " on the driver");
          assertArrayEquals(byHand(n, TreeShape.of(n, depth).fanIn), total.sum.sums(), where);
          assertEquals(n, total.records.size(), where);
          for (int p = 0; p < n; p++) assertEquals(p, total.records.get(p).partition, where);
        }
      }
    }
  }

  /** Local mode adds on the driver (a shuffle would stay in this JVM); the result is the executors' to the bit. */
  @Test
  void localModeAddsOnTheDriverWithTheSameBits() {
    assertEquals(true, TreeSum.onDriver(TreeShape.of(200, 2), true));
    assertEquals(false, TreeSum.onDriver(TreeShape.of(200, 2), false));
    assertEquals(true, TreeSum.onDriver(TreeShape.of(2, 2), false)); // P ≤ fanIn: the driver adds the one level in any mode
    assertEquals(0, TreeSum.shuffles(TreeShape.of(2, 2), false));
    assertEquals(0, TreeSum.shuffles(TreeShape.of(200, 2), true));
    assertEquals(1, TreeSum.shuffles(TreeShape.of(200, 2), false));
    assertEquals(2, TreeSum.shuffles(TreeShape.of(200, 3), false));
    assertArrayEquals(TreeSum.sum(partials(40), 2, true).sum.sums(), TreeSum.sum(partials(40), 2).sum.sums());
  }

  /**
   * A task in the driver's JVM finds the job's inbox and leaves its partial there (the driver takes that
   * very object); a task in another JVM finds none and returns its partial, which Spark serializes; a
   * closed inbox takes nothing.
   */
  @Test
  void partialsAreHandedOverInMemoryOnlyInsideTheDriversJvm() {
    PartialSum p = partial(3, 7);
    long key = TreeSum.Handoff.open();
    assertEquals(true, TreeSum.Handoff.leave(key, 3, p));
    assertSame(p, TreeSum.Handoff.take(key, 3));
    assertThrows(IllegalStateException.class, () -> TreeSum.Handoff.take(key, 3), "taken once");
    TreeSum.Handoff.close(key);
    assertEquals(false, TreeSum.Handoff.leave(key, 3, p), "no inbox: the partial travels as the task's result");
    assertEquals(false, TreeSum.Handoff.leave(key + 1_000_000, 3, p), "another JVM's key");
  }

  @Test
  void repeatedRunsGiveTheSameBits() {
    for (boolean onExecutors : new boolean[] {false, true}) {
      double[] first = TreeSum.sum(partials(23), 2, onExecutors).sum.sums();
      for (int run = 0; run < 3; run++) {
        assertArrayEquals(first, TreeSum.sum(partials(23), 2, onExecutors).sum.sums());
      }
    }
  }

  /** Partials arriving in any order are added as the tree says: each node in index order, as soon as it is complete. */
  @Test
  void partialsArrivingInAnyOrderAddUpTheSame() {
    int n = 40;
    for (int depth : new int[] {2, 3}) {
      TreeShape shape = TreeShape.of(n, depth);
      List<Integer> order = new ArrayList<>();
      for (int p = 0; p < n; p++) order.add(p);
      for (long shuffle = 0; shuffle < 5; shuffle++) {
        Collections.shuffle(order, new Random(shuffle));
        TreeSum.Tree tree = new TreeSum.Tree(shape);
        for (int p : order) tree.add(p, partial(p, 1000 + p));
        assertArrayEquals(byHand(n, shape.fanIn), tree.total().sum.sums(), "depth " + depth + ", order " + order);
      }
    }
  }

  @Test
  void fanInKeepsTheDriverShareSmall() {
    assertEquals(2, TreeShape.of(2, 2).fanIn);
    assertEquals(15, TreeShape.of(200, 2).fanIn);
    assertEquals(10, TreeShape.of(100, 2).fanIn);
    assertEquals(6, TreeShape.of(200, 3).fanIn);
  }

  /** The levels: node i of a level goes to ⌊i / f⌋ of the next, until at most f nodes remain. */
  @Test
  void theShapeListsEveryLevelsNodes() {
    TreeShape s = TreeShape.of(200, 3); // fan-in 6: 200 → 34 → 6
    assertEquals(3, s.levels());
    assertEquals(200, s.nodes(0));
    assertEquals(34, s.nodes(1));
    assertEquals(6, s.nodes(2));
    assertEquals(6, s.top());
    assertEquals(2, s.levelsAbovePartials());
    assertEquals(6, s.children(0, 0));
    assertEquals(2, s.children(0, 33), "the last parent adds what is left: 200 - 33·6");
    TreeShape one = TreeShape.of(2, 2);
    assertEquals(1, one.levels());
    assertEquals(0, one.levelsAbovePartials());
    assertEquals(2, one.top());
    assertEquals(1, TreeShape.of(0, 2).levels(), "no partitions: one empty level");
  }

  /** Spark's ml.ann averages block means; the mean here is Σ/N with N the global count, exact for uneven partitions. */
  @Test
  void theMeanDividesTheTotalOnceByTheGlobalRowCount() {
    GradientSum a = new GradientSum(SHAPE, filled(1.0), 4.0, 1, 1);
    GradientSum b = new GradientSum(SHAPE, filled(99.0), 396.0, 99, 1);
    Gradients mean = GradientSum.zero(SHAPE, 1).add(a).add(b).mean();
    assertEquals(1.0, mean.gradient()[0], 0.0);          // (1 + 99) / 100, not (1/1 + 99/99) / 2
    assertEquals(4.0, mean.loss, 0.0);                // (4 + 396) / 100
    assertEquals(100, mean.rows);
  }

  private static double[] filled(double v) {
    double[] t = new double[SHAPE.size()];
    java.util.Arrays.fill(t, v);
    return t;
  }
}
