package sparkprop.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
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
 * to right, on the executors, level by level, until at most {@code fanIn} nodes remain; the driver
 * then adds those in index order. With {@code fanIn = ⌈P^(1/depth)⌉} the driver receives a handful
 * of partials however many partitions there are.
 */
public final class TreeSum {
  private TreeSum() {}

  /** The fan-in for P partitions and a tree of the given depth (≥ 2, as Spark's treeAggregate). */
  public static int fanIn(int partitions, int depth) {
    if (depth < 1) throw new IllegalArgumentException("depth " + depth);
    return Math.max(2, (int) Math.ceil(Math.pow(partitions, 1.0 / depth) - 1e-9));
  }

  /**
   * @param partials exactly one PartialSum per partition
   * @param depth    tree depth (2 is Spark's default for treeAggregate)
   */
  public static PartialSum sum(JavaRDD<PartialSum> partials, int depth) {
    int nodes = partials.getNumPartitions();
    int fanIn = fanIn(nodes, depth);
    JavaPairRDD<Integer, PartialSum> level =
        partials.mapPartitionsWithIndex((index, it) -> single(index, it), true)
            .mapToPair(t -> t);
    while (nodes > fanIn) {
      int parents = (nodes + fanIn - 1) / fanIn;
      final int f = fanIn;
      level = level
          .mapToPair(child -> new Tuple2<>(child._1 / f, child))
          .partitionBy(new HashPartitioner(parents))
          .mapPartitionsToPair(TreeSum::combineChildren, true);
      nodes = parents;
    }
    return inIndexOrder(level.collect());
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
    PartialSum total = null;
    for (Tuple2<Integer, PartialSum> t : sorted) {
      total = total == null ? copy(t._2) : total.add(t._2);
    }
    return total;
  }

  private static PartialSum copy(PartialSum p) {
    return new PartialSum(GradientSum.zero(p.sum.layout, p.sum.termsPerRow).add(p.sum), p.records); // 0 + x, as always
  }
}
