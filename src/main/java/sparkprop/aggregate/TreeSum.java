package sparkprop.aggregate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Sums one {@link PartialSum} per partition in a tree whose shape and combining order depend only on
 * partition indices, so the result is bitwise the same on every run, whatever order tasks finish in
 * and whether some were retried.
 *
 * <p>Spark's {@code treeAggregate} combines partials in arrival order (SPARK-15043). Here node i of a
 * level goes to node ⌊i / fanIn⌋ of the next; each node's children are sorted by index and added left
 * to right (to a zero: {@code 0 + x}, then the others), level by level, until at most {@code fanIn}
 * nodes remain, which are added the same way into the total. With {@code fanIn = ⌈P^(1/depth)⌉} every
 * node adds a handful of partials however many partitions there are.
 *
 * <p>Where the additions run does not change a bit of the result, only what it costs:
 *
 * <ul>
 *   <li><b>On the driver, as the partials arrive</b> — when every task runs in the driver's JVM
 *       (local mode: a shuffle would only write the partials to local disk and read them back, in a
 *       second stage), or when the tree is a single level (P ≤ fanIn). One job; each node is added as
 *       soon as its last child arrives and its children are dropped, so the driver holds a few
 *       partials per level, not P, and the adding overlaps the tasks still running. A task in the
 *       driver's JVM hands its partial over in memory, not serialized ({@link Handoff}).
 *   <li><b>On the executors</b>, on a cluster with more partitions than the fan-in: each level is a
 *       shuffle to ⌈nodes / fanIn⌉ partitions, the driver receives at most fanIn partials.
 * </ul>
 */
public final class TreeSum {
  private TreeSum() {}

  /** Whether {@link #sum} adds on the driver (no shuffle) for this tree, in local mode or not. */
  public static boolean onDriver(TreeShape shape, boolean local) {
    return local || shape.levels() == 1;
  }

  /** The shuffles {@link #sum} runs: 0 when it adds on the driver, else one per level above the partials. */
  public static int shuffles(TreeShape shape, boolean local) {
    return onDriver(shape, local) ? 0 : shape.levelsAbovePartials();
  }

  /**
   * @param partials exactly one PartialSum per partition
   * @param depth    tree depth (2 is Spark's default for treeAggregate)
   * @return the total; null when there are no partitions
   */
  public static PartialSum sum(JavaRDD<PartialSum> partials, int depth) {
    return sum(partials, depth, !partials.context().isLocal());
  }

  /**
   * As {@link #sum(JavaRDD, int)}, with {@code onExecutors} saying whether a tree of more than one
   * level is added on the executors through shuffles (as on a cluster) or on the driver (as in local
   * mode): the result is bitwise the same either way; for tests and for measuring what each costs.
   */
  public static PartialSum sum(JavaRDD<PartialSum> partials, int depth, boolean onExecutors) {
    TreeShape shape = TreeShape.of(partials.getNumPartitions(), depth);
    if (onDriver(shape, !onExecutors)) return onDriver(partials, shape);
    JavaPairRDD<Integer, PartialSum> level =
        partials.mapPartitionsWithIndex((index, it) -> single(index, it), true)
            .mapToPair(t -> t);
    final int f = shape.fanIn;
    for (int k = 1; k < shape.levels(); k++) { // one shuffle per level: node i to ⌊i / f⌋ of the next
      level = level
          .mapToPair(child -> new Tuple2<>(child._1 / f, child))
          .partitionBy(new HashPartitioner(shape.nodes(k)))
          .mapPartitionsToPair(TreeSum::combineChildren, true);
    }
    return inIndexOrder(level.collect());
  }

  /** The whole tree on the driver: one job whose results are added as they arrive. */
  private static PartialSum onDriver(JavaRDD<PartialSum> partials, TreeShape shape) {
    int n = shape.partitions;
    if (n == 0) return null;
    Tree tree = new Tree(shape);
    long key = Handoff.open();
    try {
      scala.reflect.ClassTag<Object> tag = scala.reflect.ClassTag$.MODULE$.apply(Object.class);
      // The (TaskContext, Iterator) form with the partitions given: the shorter forms wrap the function
      // in a closure of SparkContext's, which Spark's ClosureCleaner checks by parsing SparkContext's
      // bytecode, on every pass.
      partials.context().runJob(partials.rdd(), new Single(key), new scala.collection.immutable.Range.Exclusive(0, n, 1),
          new scala.runtime.AbstractFunction2<Object, Object, scala.runtime.BoxedUnit>() {
            @Override
            public scala.runtime.BoxedUnit apply(Object index, Object result) {
              int partition = (Integer) index;
              tree.add(partition, result instanceof PartialSum ? (PartialSum) result : Handoff.take(key, partition));
              return scala.runtime.BoxedUnit.UNIT;
            }
          }, tag);
    } finally {
      Handoff.close(key);
    }
    return tree.total();
  }

  /**
   * A partition's one partial sum (refused when it has none or several), as the task's result — or,
   * when the task runs in the driver's own JVM (local mode), left in {@link Handoff} for the driver to
   * take, with only a marker as the task's result: Spark would otherwise serialize the partial into
   * the result and deserialize it again on the driver, in the same JVM (~0.5 ms of CPU for the seed's
   * θ; at 200 partitions most of what adding them costs).
   */
  private static final class Single
      extends scala.runtime.AbstractFunction2<org.apache.spark.TaskContext, scala.collection.Iterator<PartialSum>, Object>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final long key;

    Single(long key) {
      this.key = key;
    }

    @Override
    public Object apply(org.apache.spark.TaskContext task, scala.collection.Iterator<PartialSum> it) {
      if (!it.hasNext()) throw new IllegalStateException("a partition gave no partial sum");
      PartialSum p = it.next();
      if (it.hasNext()) throw new IllegalStateException("a partition gave several partial sums");
      return Handoff.leave(key, task.partitionId(), p) ? Handoff.MARKER : p;
    }
  }

  /**
   * Partial sums handed from tasks to the driver inside one JVM. The driver opens an inbox per job
   * under a key unique in its JVM; a task finds the inbox only if it runs in that JVM (executors
   * elsewhere have none) and leaves its partial there, the driver takes it when Spark reports the task
   * done (once per partition; a retried task's later partial replaces the earlier), and closes the
   * inbox when the job ends, however it ends.
   */
  static final class Handoff {
    static final String MARKER = "sparkprop: partial left in the driver's JVM";
    private static final java.util.concurrent.atomic.AtomicLong KEYS = new java.util.concurrent.atomic.AtomicLong();
    private static final Map<Long, Map<Integer, PartialSum>> INBOXES = new java.util.concurrent.ConcurrentHashMap<>();
    private Handoff() {}

    static long open() {
      long key = KEYS.incrementAndGet();
      INBOXES.put(key, new java.util.concurrent.ConcurrentHashMap<>());
      return key;
    }

    /** True when the inbox is in this JVM and took the partial. */
    static boolean leave(long key, int partition, PartialSum p) {
      Map<Integer, PartialSum> inbox = INBOXES.get(key);
      if (inbox == null) return false;
      inbox.put(partition, p);
      return true;
    }

    static PartialSum take(long key, int partition) {
      Map<Integer, PartialSum> inbox = INBOXES.get(key);
      PartialSum p = inbox == null ? null : inbox.remove(partition);
      if (p == null) throw new IllegalStateException("partition " + partition + "'s partial sum is not in the driver's JVM");
      return p;
    }

    static void close(long key) {
      INBOXES.remove(key);
    }
  }

  /**
   * The tree's nodes as their children arrive, in any order: a node is added up, in index order, when
   * its last child is in, and handed to its own parent. Results arrive on Spark's scheduler thread, one
   * at a time; {@link #total} is read after the job.
   */
  static final class Tree {
    private final TreeShape shape;
    private final Map<Long, TreeMap<Integer, PartialSum>> waiting = new HashMap<>();
    private final PartialSum[] top;
    private int topCount;

    Tree(TreeShape shape) {
      this.shape = shape;
      top = new PartialSum[shape.top()];
    }

    synchronized void add(int index, PartialSum leaf) {
      add(0, index, leaf);
    }

    private void add(int level, int index, PartialSum node) {
      if (level == shape.levels() - 1) {
        if (top[index] != null) throw new IllegalStateException("node " + index + " twice");
        top[index] = node;
        topCount++;
        return;
      }
      int parent = index / shape.fanIn;
      int expected = shape.children(level, parent);
      long key = ((long) level << 32) | parent;
      TreeMap<Integer, PartialSum> children = waiting.computeIfAbsent(key, k -> new TreeMap<>());
      if (children.put(index, node) != null) throw new IllegalStateException("node " + index + " twice");
      if (children.size() < expected) return;
      waiting.remove(key);
      add(level + 1, parent, inOrder(children.values()));
    }

    synchronized PartialSum total() {
      if (topCount != top.length) throw new IllegalStateException(topCount + " of " + top.length + " nodes arrived");
      return inOrder(java.util.Arrays.asList(top));
    }
  }

  private static Iterator<Tuple2<Integer, PartialSum>> single(int index, Iterator<PartialSum> it) {
    List<Tuple2<Integer, PartialSum>> out = new ArrayList<>(1);
    while (it.hasNext()) out.add(new Tuple2<>(index, it.next()));
    if (out.size() != 1) throw new IllegalStateException("partition " + index + " gave " + out.size() + " partial sums");
    return out.iterator();
  }

  /** One parent per partition (key k lands in partition k): its children added in index order. */
  private static Iterator<Tuple2<Integer, PartialSum>> combineChildren(
      Iterator<Tuple2<Integer, Tuple2<Integer, PartialSum>>> it) {
    List<Tuple2<Integer, PartialSum>> children = new ArrayList<>();
    int parent = -1;
    while (it.hasNext()) {
      Tuple2<Integer, Tuple2<Integer, PartialSum>> t = it.next();
      parent = t._1;
      children.add(t._2);
    }
    if (children.isEmpty()) return Collections.emptyIterator();
    return Collections.singletonList(new Tuple2<>(parent, inIndexOrder(children))).iterator();
  }

  static PartialSum inIndexOrder(List<Tuple2<Integer, PartialSum>> nodes) {
    List<Tuple2<Integer, PartialSum>> sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator.comparing(t -> t._1));
    List<PartialSum> values = new ArrayList<>(sorted.size());
    for (Tuple2<Integer, PartialSum> t : sorted) values.add(t._2);
    return inOrder(values);
  }

  /** 0 + the first, then the others added left to right (into a new node; the children are not changed). */
  private static PartialSum inOrder(Collection<PartialSum> sorted) {
    PartialSum total = null;
    for (PartialSum p : sorted) {
      total = total == null ? copy(p) : total.add(p);
    }
    return total;
  }

  private static PartialSum copy(PartialSum p) {
    return new PartialSum(GradientSum.zero(p.sum.layout, p.sum.termsPerRow).add(p.sum), p.records); // 0 + x, as always
  }
}
