package sparkprop.aggregate;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of {@link TreeSum}'s tree for P partitions and a depth: its fan-in
 * {@code f = max(2, ⌈P^(1/depth)⌉)} and its levels of nodes. Level 0 holds the P partials; node i of
 * level k goes to node ⌊i / f⌋ of level k + 1, so level k + 1 has ⌈n_k / f⌉ nodes; the last level is the
 * first with at most f nodes, which the total adds. Everything that needs the tree's levels — the sum
 * itself, its shuffle count, the cost models of the bench's apparatus — reads them here.
 */
public final class TreeShape {
  public final int partitions;
  public final int fanIn;
  /** Nodes per level: [0] the partials, the last the ≤ fanIn nodes the total adds. */
  private final int[] nodes;

  private TreeShape(int partitions, int fanIn) {
    this.partitions = partitions;
    this.fanIn = fanIn;
    List<Integer> sizes = new ArrayList<>();
    for (int n = partitions; ; n = (n + fanIn - 1) / fanIn) {
      sizes.add(n);
      if (n <= fanIn) break;
    }
    this.nodes = sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The tree for {@code partitions} partials (≥ 0) and a tree of {@code depth} (≥ 1; 2 is Spark's treeAggregate default). */
  public static TreeShape of(int partitions, int depth) {
    if (depth < 1) throw new IllegalArgumentException("depth " + depth);
    if (partitions < 0) throw new IllegalArgumentException("partitions " + partitions);
    return new TreeShape(partitions, Math.max(2, (int) Math.ceil(Math.pow(partitions, 1.0 / depth) - 1e-9)));
  }

  /** Levels, the partials' included: 1 when the total adds the partials directly (P ≤ fanIn). */
  public int levels() {
    return nodes.length;
  }

  /** Nodes on {@code level} (0: the partials). */
  public int nodes(int level) {
    return nodes[level];
  }

  /** The levels above the partials: each is one shuffle when the tree is added on the executors. */
  public int levelsAbovePartials() {
    return nodes.length - 1;
  }

  /** Nodes of the last level, which the total adds (at most {@link #fanIn}). */
  public int top() {
    return nodes[nodes.length - 1];
  }

  /** The children that node {@code parent} of level {@code level + 1} adds: up to fanIn, fewer for the last. */
  public int children(int level, int parent) {
    return Math.min(fanIn, nodes[level] - parent * fanIn);
  }
}
