package sparkprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster model recovers the costs it was fitted to, and its tree follows TreeSum's shape. */
class ClusterModelTest {
  private static final double JOB = 0.006;
  private static final double PER_TASK = 0.0005;
  private static final double COLLECT = 0.015;
  private static final double COLLECT_PER_BYTE = 3e-9;
  private static final double TREE_TASK = 0.004;
  private static final double SHUFFLE_PER_BYTE = 7e-9;
  /** The driver's serial CPU per task, part of PER_TASK. */
  private static final double DRIVER_PER_TASK = 0.0002;

  /** Lines as the bench would measure them if the model were exact. */
  static List<TreeCost.Line> lines(int cores, int depth) {
    List<TreeCost.Line> out = new ArrayList<>();
    String[] nets = {"784-50-10 sigmoid cross-entropy", "784-1024-1024-10 sigmoid cross-entropy"};
    double[] bytes = {319_000, 14_911_000};
    double[] cpuPerRow = {5.3e-6, 218e-6};
    double[] perTask = {0.0009, 0.036};
    for (int n = 0; n < 2; n++) {
      for (int p : new int[] {2, 8, 32}) {
        TreeCost.Line l = new TreeCost.Line();
        l.network = nets[n];
        l.partitions = p;
        l.rows = 8192;
        l.fanIn = sparkprop.aggregate.TreeShape.of(p, depth).fanIn;
        l.partialBytes = (long) bytes[n];
        double[] f = ClusterModel.treeFeatures(p, depth, cores, bytes[n]);
        l.shuffles = (int) f[0];
        l.treeSum = new Samples(new double[] {COLLECT + f[3] * TREE_TASK + f[1] * SHUFFLE_PER_BYTE
            + f[2] * COLLECT_PER_BYTE});
        l.emptyJob = new Samples(new double[] {JOB + PER_TASK * p});
        l.emptyJobProcessCpu = new Samples(new double[] {0.001 + DRIVER_PER_TASK * p});
        l.cpuSecondsPerRow = (l.rows * cpuPerRow[n] + p * perTask[n]) / l.rows;
        out.add(l);
      }
    }
    return out;
  }

  @Test
  void recoversTheCostsItWasFittedTo() {
    ClusterModel m = ClusterModel.fit(lines(2, 2), 2, 2);
    assertEquals(JOB, m.jobFixed, 1e-9);
    assertEquals(PER_TASK, m.jobPerTask, 1e-10);
    assertEquals(COLLECT, m.collectFixed, 1e-6);
    assertEquals(TREE_TASK, m.perTreeTask, 1e-6);
    assertEquals(COLLECT_PER_BYTE, m.collectPerByte, 1e-12);
    assertEquals(SHUFFLE_PER_BYTE, m.shufflePerByte, 1e-12);
    ClusterModel.Net big = m.nets.get("784-1024-1024-10 sigmoid cross-entropy");
    assertEquals(218e-6, big.cpuPerRow, 1e-9);
    assertEquals(0.036, big.perTask, 1e-6);
  }

  @Test
  void predictsAPassFromItsParts() {
    ClusterModel m = ClusterModel.fit(lines(2, 2), 2, 2);
    ClusterModel.Net small = m.nets.get("784-50-10 sigmoid cross-entropy");
    ClusterModel.Pass p = m.pass(small, 60_000, 2, 2, 2, Double.POSITIVE_INFINITY);
    assertEquals(JOB + 2 * PER_TASK, p.scheduling, 1e-9);
    assertEquals(30_000 * 5.3e-6 + 0.0009, p.compute, 1e-6);
    assertEquals(0, p.shuffles, "2 partitions at depth 2: the driver adds both");
    assertEquals(COLLECT + TREE_TASK + 2 * 319_000 * COLLECT_PER_BYTE, p.tree, 1e-6);
    assertEquals(0, p.broadcast, "one machine: no network");

    ClusterModel.Pass wide = m.pass(small, 1e9, 800, 800, 2, 1.25e9);
    assertEquals(29, wide.fanIn);
    assertEquals(1, wide.shuffles);
    assertTrue(wide.broadcast > 0);
    assertTrue(m.bestDepth(m.nets.get("784-1024-1024-10 sigmoid cross-entropy"), 1e9, 800, 800, 1.25e9) > 2,
        "15 MB partials: a deeper tree than 2 beats fan-in 29");
  }

  /**
   * Local mode cannot tell the driver's share of a task's cost from the task's own, so it charges the
   * driver all of it; with the driver apart, the task's own share is paid once per wave of tasks and
   * no longer grows with the task count on a wider cluster.
   */
  @Test
  void theDriverPaysPerTaskAndTheCoresPerWave() {
    ClusterModel local = ClusterModel.fit(lines(2, 2), 2, 2);
    assertTrue(Double.isNaN(local.driverPerTask));
    assertEquals(JOB + 800 * PER_TASK, local.scheduling(800, 800), 1e-9);

    ClusterModel apart = ClusterModel.fit(lines(2, 2), 2, 2, true);
    assertEquals(DRIVER_PER_TASK, apart.driverPerTask, 1e-10);
    for (int p : new int[] {2, 8, 32}) {
      assertEquals(JOB + PER_TASK * p, apart.scheduling(p, 2), 1e-9, "on the fit's own cores: what was measured");
    }
    double e = (PER_TASK - DRIVER_PER_TASK) * 2;
    assertEquals(JOB + 800 * DRIVER_PER_TASK + e, apart.scheduling(800, 800), 1e-9, "800 tasks in one wave");
  }

  @Test
  void noCostIsNegative() {
    List<double[]> rows = new ArrayList<>();
    rows.add(new double[] {1, 0, 1.0});
    rows.add(new double[] {1, 1, 0.9}); // y falls with x: plain least squares gives a negative slope
    rows.add(new double[] {1, 2, 1.0});
    rows.add(new double[] {1, 3, 0.8});
    double[] x = ClusterModel.nonNegativeLeastSquares(rows);
    assertEquals(0, x[1], 0);
    assertEquals(0.925, x[0], 1e-9);
  }

  @Test
  void needsTwoPartitionCountsAndAShuffle() {
    List<TreeCost.Line> all = lines(2, 2);
    assertNull(ClusterModel.fit(all.subList(0, 1), 2, 2));
    List<TreeCost.Line> noShuffle = new ArrayList<>();
    for (TreeCost.Line l : all) if (l.shuffles == 0) noShuffle.add(l);
    assertNull(ClusterModel.fit(noShuffle, 2, 2));
  }
}
