package sparkprop.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkprop.aggregate.TreeShape;

/**
 * BENCHMARKS.md's model of a pass's wall time on a cluster, fitted to this run's measurements
 * ({@link TreeCost}) and then extrapolated. With P partitions on P cores (one wave), N rows:
 *
 * <pre>
 *   T = a + d·P + e·⌈P/cores⌉                 scheduling: an empty job of P tasks; d the driver's serial
 *                                              CPU per task, e a task's own start and finish on its core
 *     + (N/P)·c + t                            compute: rows per core × task CPU per row, + one task's set-up
 *     + L0 + u·⌈tasks/cores⌉                   tree: its tasks (P map sides, then the reducers of each level)
 *     + Σ_levels ⌈parents/cores⌉·f·S·(k_s + 1/R)   each reducer receives f partials of S bytes
 *     + f'·S·(k_c + 1/R)                       the driver receives the f' ≤ f last nodes and adds them
 *     + S·(k_c + 1/R)                          broadcasting θ (as large as a partial), each executor once
 * </pre>
 *
 * a and b (the wall time of an empty job, a + b·P on the fit's cores) by least squares over P; on a
 * cluster, d from the driver JVM's CPU during those jobs, and e = (b − d)·cores. In local mode the
 * driver and the tasks share one JVM and the same cores, so d cannot be told apart: the model then
 * charges the driver all of b per task (d = b, e = 0), an upper bound that grows with P as no real
 * cluster's would; BENCHMARKS.md takes d from the standalone cluster's run.
 *
 * <p>c and t come from the task CPU of the passes that made the partials at several P (least squares on
 * N·c + P·t); L0, u, k_c and k_s from TreeSum alone over cached partials of two sizes at several P
 * (non-negative least squares: the small partials fix the per-task part, the large ones the per-byte
 * parts; locally k_s is what a byte costs one core through a shuffle: serialize, write, read,
 * deserialize, add). R, a node's network rate, is not measured here: {@link #NETWORK_BYTES_PER_SECOND}
 * (10 Gb/s) is an assumption; on one machine the shuffle never leaves it.
 */
final class ClusterModel {
  /** An assumed 10 Gb/s per node; locally there is no network (infinite R). */
  static final double NETWORK_BYTES_PER_SECOND = 1.25e9;

  /** One network's measured costs. */
  static final class Net {
    final String name;
    final double partialBytes;
    final double cpuPerRow;
    final double perTask;

    Net(String name, double partialBytes, double cpuPerRow, double perTask) {
      this.name = name;
      this.partialBytes = partialBytes;
      this.cpuPerRow = cpuPerRow;
      this.perTask = perTask;
    }
  }

  /** A predicted pass and its parts, seconds. */
  static final class Pass {
    double scheduling;
    double compute;
    double tree;
    double broadcast;
    int fanIn;
    int shuffles;

    double total() {
      return scheduling + compute + tree + broadcast;
    }
  }

  double jobFixed;
  /** The empty job's wall time per task on {@link #fitCores} cores: b. */
  double jobPerTask;
  /** The driver's serial CPU per task, d; NaN when unknown (local mode: then d = b). */
  double driverPerTask = Double.NaN;
  /** The task slots the empty jobs ran on. */
  int fitCores = 1;
  double collectFixed;
  double collectPerByte;
  double perTreeTask;
  double shufflePerByte;
  final Map<String, Net> nets = new LinkedHashMap<>();

  /**
   * Fits the model to the tree section's lines ({@code cores} task slots ran them); null when they
   * cannot determine it (fewer than two partition counts, or no count with a shuffle).
   */
  static ClusterModel fit(List<TreeCost.Line> lines, int cores, int depth) {
    return fit(lines, cores, depth, false);
  }

  /** @param driverApart whether the driver ran in a JVM of its own (not local mode): d is then measured */
  static ClusterModel fit(List<TreeCost.Line> lines, int cores, int depth, boolean driverApart) {
    ClusterModel m = new ClusterModel();
    m.fitCores = cores;
    List<double[]> driver = new ArrayList<>();
    List<double[]> job = new ArrayList<>();
    List<double[]> tree = new ArrayList<>();
    Map<String, List<double[]>> cpu = new LinkedHashMap<>();
    Map<String, Double> bytes = new LinkedHashMap<>();
    java.util.Set<Integer> counts = new java.util.TreeSet<>();
    boolean shuffled = false;
    for (TreeCost.Line l : lines) {
      double s = l.partialBytes;
      counts.add(l.partitions);
      shuffled |= l.shuffles > 0;
      job.add(new double[] {1, l.partitions, l.emptyJob.median()});
      if (l.emptyJobProcessCpu != null) driver.add(new double[] {1, l.partitions, l.emptyJobProcessCpu.median()});
      double[] f = treeFeatures(l.partitions, depth, cores, s);
      tree.add(new double[] {1, f[3], f[2], f[1], l.treeSum.median()});
      cpu.computeIfAbsent(l.network, k -> new ArrayList<>()).add(new double[] {l.rows, l.partitions,
          l.cpuSecondsPerRow * l.rows});
      bytes.put(l.network, s);
    }
    if (counts.size() < 2 || !shuffled || bytes.size() < 2) return null;
    double[] j = leastSquares(job);
    m.jobFixed = j[0];
    m.jobPerTask = j[1];
    if (driverApart && driver.size() == job.size()) m.driverPerTask = Math.max(0, leastSquares(driver)[1]);
    double[] t = nonNegativeLeastSquares(tree);
    m.collectFixed = t[0];
    m.perTreeTask = t[1];
    m.collectPerByte = t[2];
    m.shufflePerByte = t[3];
    for (Map.Entry<String, List<double[]>> e : cpu.entrySet()) {
      double[] c = leastSquares(e.getValue()); // Σ task CPU = N·c + P·t
      m.nets.put(e.getKey(), new Net(e.getKey(), bytes.get(e.getKey()), c[0], c[1]));
    }
    return m;
  }

  /**
   * The tree's shape for P partitions: {shuffle levels, bytes one reducer core receives over all levels
   * (waves of reducers counted), bytes the driver receives, waves of the tree's tasks per core}.
   */
  static double[] treeFeatures(int partitions, int depth, int cores, double partialBytes) {
    TreeShape shape = TreeShape.of(partitions, depth);
    double reducerBytes = 0;
    double taskWaves = Math.ceil((double) partitions / cores);
    for (int level = 1; level < shape.levels(); level++) {
      double waves = Math.ceil((double) shape.nodes(level) / cores);
      reducerBytes += waves * shape.fanIn * partialBytes;
      taskWaves += waves;
    }
    return new double[] {shape.levelsAbovePartials(), reducerBytes, shape.top() * partialBytes, taskWaves};
  }

  /**
   * A pass over {@code rows} rows in {@code partitions} partitions on {@code cores} cores (waves when
   * partitions exceed cores), with a tree of {@code depth}, a network rate of {@code bytesPerSecond}
   * (infinite on one machine).
   */
  Pass pass(Net net, double rows, int partitions, int cores, int depth, double bytesPerSecond) {
    return pass(net, rows, partitions, cores, cores, depth, bytesPerSecond);
  }

  /**
   * As {@link #pass(Net, double, int, int, int, double)} where the task slots ({@code slots}: tasks
   * started at once, the waves of scheduling and of the tree) outnumber the cores that compute ({@code
   * cores}), as on this machine's cluster of 4 slots on 2 cores.
   */
  Pass pass(Net net, double rows, int partitions, int cores, int slots, int depth, double bytesPerSecond) {
    Pass p = new Pass();
    double wire = Double.isInfinite(bytesPerSecond) ? 0 : 1 / bytesPerSecond;
    double s = net.partialBytes;
    p.scheduling = scheduling(partitions, slots);
    double waves = Math.ceil((double) partitions / cores);
    p.compute = waves * ((rows / partitions) * net.cpuPerRow + net.perTask);
    p.fanIn = TreeShape.of(partitions, depth).fanIn;
    double[] f = treeFeatures(partitions, depth, slots, s);
    p.shuffles = (int) f[0];
    p.tree = collectFixed + f[3] * perTreeTask + f[1] * (shufflePerByte + wire) + f[2] * (collectPerByte + wire);
    p.broadcast = wire == 0 ? 0 : s * (collectPerByte + wire);
    return p;
  }

  /** An empty job of {@code partitions} tasks on {@code cores} cores: a + d·P + e·⌈P/cores⌉. */
  double scheduling(int partitions, int cores) {
    double d = Double.isNaN(driverPerTask) ? jobPerTask : Math.min(driverPerTask, jobPerTask);
    double e = (jobPerTask - d) * fitCores;
    return jobFixed + d * partitions + e * Math.ceil((double) partitions / cores);
  }

  /** The depth from 1 to 8 whose tree is cheapest for this pass. */
  int bestDepth(Net net, double rows, int partitions, int cores, double bytesPerSecond) {
    int best = 2;
    for (int d = 1; d <= 8; d++) {
      if (pass(net, rows, partitions, cores, d, bytesPerSecond).tree
          < pass(net, rows, partitions, cores, best, bytesPerSecond).tree) {
        best = d;
      }
    }
    return best;
  }

  /** Least squares with every coefficient ≥ 0: a negative one is fixed at 0 and the rest refitted. */
  static double[] nonNegativeLeastSquares(List<double[]> rows) {
    int k = rows.get(0).length - 1;
    boolean[] free = new boolean[k];
    java.util.Arrays.fill(free, true);
    while (true) {
      List<double[]> cut = new ArrayList<>();
      for (double[] r : rows) {
        double[] c = new double[k + 1];
        for (int i = 0; i < k; i++) c[i] = free[i] ? r[i] : 0;
        c[k] = r[k];
        cut.add(c);
      }
      double[] x = leastSquares(cut);
      int worst = -1;
      for (int i = 0; i < k; i++) if (free[i] && x[i] < 0 && (worst < 0 || x[i] < x[worst])) worst = i;
      if (worst < 0) return x;
      free[worst] = false;
    }
  }

  /** Least squares: rows of {x_1 … x_k, y}; the k coefficients (normal equations, Gaussian elimination). */
  static double[] leastSquares(List<double[]> rows) {
    int k = rows.get(0).length - 1;
    double[][] a = new double[k][k + 1];
    for (double[] r : rows) {
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) a[i][j] += r[i] * r[j];
        a[i][k] += r[i] * r[k];
      }
    }
    for (int i = 0; i < k; i++) a[i][i] += 1e-30 * (1 + Math.abs(a[i][i])); // a column of zeros stays solvable
    for (int col = 0; col < k; col++) {
      int pivot = col;
      for (int r = col + 1; r < k; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
      double[] tmp = a[col];
      a[col] = a[pivot];
      a[pivot] = tmp;
      for (int r = 0; r < k; r++) {
        if (r == col || a[col][col] == 0) continue;
        double f = a[r][col] / a[col][col];
        for (int c = col; c <= k; c++) a[r][c] -= f * a[col][c];
      }
    }
    double[] x = new double[k];
    for (int i = 0; i < k; i++) x[i] = a[i][i] == 0 ? 0 : a[i][k] / a[i][i];
    return x;
  }
}
