package sparkprop.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sparkprop.nn.Layout;
import sparkprop.nn.Precision;

/**
 * The cluster model in bench.json ({@code cluster_model}) and the table: its fitted inputs, its
 * predictions for this run's own passes beside the measured ones (the check), and the extrapolation to
 * {@link #EXECUTORS} × {@link #CORES} with {@link #ROWS} rows.
 */
final class ClusterModelOutput {
  static final int CORES = 8;
  static final int[] EXECUTORS = {1, 10, 100, 1000};
  static final double ROWS = 1e9;

  private ClusterModelOutput() {}

  /** A predicted pass next to a measured one. */
  static final class Check {
    String what;
    int partitions;
    double measured;
    ClusterModel.Pass predicted;
  }

  /** The model's predictions for this run's main float64 passes and its aggregation passes. */
  static List<Check> checks(AnalysisReport r) {
    List<Check> out = new ArrayList<>();
    ClusterModel m = r.clusterModel;
    if (m == null || m.nets.isEmpty()) return out;
    ClusterModel.Net like = m.nets.values().iterator().next(); // the smallest network: its per-task cost and overhead
    Layout regressor = Layout.regressor(r.inputs, r.hidden);
    double overhead = like.partialBytes - 8.0 * new Layout(Layout.parseSizes(like.name.split(" ")[0])).size();
    double bytes = 8.0 * regressor.size() + overhead;
    for (BenchReport.Pass p : r.main) {
      if (p.precision != Precision.FLOAT64) continue;
      ClusterModel.Net net = new ClusterModel.Net(r.network, bytes, p.cpuSeconds.median() / p.rows, like.perTask);
      out.add(check(m, net, p.inputGradient ? "pass, x.g on" : "pass, x.g off", p.rows, p.partitions, r,
          p.seconds.median()));
    }
    BenchReport.Pass on = r.main(Precision.FLOAT64, true);
    for (AnalysisReport.Aggregation a : r.aggregation) {
      if (on == null) break;
      ClusterModel.Net net = new ClusterModel.Net(r.network, bytes, on.cpuSeconds.median() / on.rows, like.perTask);
      out.add(check(m, net, "aggregation pass, x.g on", a.rows, a.partitions, r, a.pass.median()));
    }
    return out;
  }

  private static Check check(ClusterModel m, ClusterModel.Net net, String what, long rows, int partitions,
      AnalysisReport r, double measured) {
    Check c = new Check();
    c.what = what;
    c.partitions = partitions;
    c.measured = measured;
    c.predicted = m.pass(net, rows, partitions, r.taskSlots, r.treeDepth, Double.POSITIVE_INFINITY);
    return c;
  }

  static void json(ObjectNode root, AnalysisReport r) {
    ClusterModel m = r.clusterModel;
    if (m == null) {
      root.putNull("cluster_model");
      return;
    }
    ObjectNode n = root.putObject("cluster_model");
    ObjectNode in = n.putObject("fitted");
    in.put("empty_job_fixed_seconds", m.jobFixed);
    in.put("empty_job_seconds_per_task", m.jobPerTask);
    in.put("empty_job_cores", m.fitCores);
    if (Double.isNaN(m.driverPerTask)) in.putNull("driver_seconds_per_task");
    else in.put("driver_seconds_per_task", m.driverPerTask);
    in.put("collect_fixed_seconds", m.collectFixed);
    in.put("collect_seconds_per_byte", m.collectPerByte);
    in.put("tree_seconds_per_task_wave", m.perTreeTask);
    in.put("shuffle_seconds_per_byte_per_reducer", m.shufflePerByte);
    in.put("assumed_network_bytes_per_second", ClusterModel.NETWORK_BYTES_PER_SECOND);
    ArrayNode nets = in.putArray("networks");
    for (ClusterModel.Net net : m.nets.values()) {
      ObjectNode o = nets.addObject();
      o.put("network", net.name);
      o.put("partial_bytes", net.partialBytes);
      o.put("task_cpu_seconds_per_row", net.cpuPerRow);
      o.put("seconds_per_task", net.perTask);
    }
    ArrayNode checks = n.putArray("checks");
    for (Check c : checks(r)) {
      ObjectNode o = checks.addObject();
      o.put("what", c.what);
      o.put("partitions", c.partitions);
      o.put("measured_seconds", c.measured);
      pass(o.putObject("predicted"), c.predicted);
    }
    ArrayNode ex = n.putArray("extrapolation");
    for (ClusterModel.Net net : m.nets.values()) {
      for (int e : EXECUTORS) {
        int p = e * CORES;
        for (int depth : new int[] {2, m.bestDepth(net, ROWS, p, p, ClusterModel.NETWORK_BYTES_PER_SECOND)}) {
          ObjectNode o = ex.addObject();
          o.put("network", net.name);
          o.put("rows", ROWS);
          o.put("executors", e);
          o.put("cores", p);
          o.put("depth", depth);
          pass(o, m.pass(net, ROWS, p, p, depth, ClusterModel.NETWORK_BYTES_PER_SECOND));
        }
      }
    }
  }

  private static void pass(ObjectNode o, ClusterModel.Pass p) {
    o.put("seconds", p.total());
    o.put("scheduling", p.scheduling);
    o.put("compute", p.compute);
    o.put("tree", p.tree);
    o.put("broadcast", p.broadcast);
    o.put("fan_in", p.fanIn);
    o.put("shuffles", p.shuffles);
  }

  static void table(StringBuilder b, AnalysisReport r) {
    ClusterModel m = r.clusterModel;
    if (m == null) return;
    b.append(f("cluster model (BENCHMARKS.md): empty job %.1f ms + %.2f ms/task (%s); TreeSum %.1f ms + %.2f ms per wave of"
        + " its tasks + %.2f ms/MB into a reducer + %.2f ms/MB into the driver%n", 1e3 * m.jobFixed, 1e3 * m.jobPerTask,
        Double.isNaN(m.driverPerTask) ? "all of it charged to the driver: local mode cannot tell"
            : f("the driver's share %.3f ms", 1e3 * m.driverPerTask),
        1e3 * m.collectFixed, 1e3 * m.perTreeTask, 1e9 * m.shufflePerByte, 1e9 * m.collectPerByte));
    for (ClusterModel.Net net : m.nets.values()) {
      b.append(f("  %s: partial %.3f MB, %.2f us task CPU per row, %.1f ms per task%n", net.name,
          net.partialBytes / 1e6, 1e6 * net.cpuPerRow, 1e3 * net.perTask));
    }
    b.append(f("  check, this run (%d task slots): %-26s %5s %10s %10s = %7s + %7s + %7s%n", r.taskSlots, "", "P",
        "measured", "predicted", "sched", "compute", "tree"));
    for (Check c : checks(r)) {
      b.append(f("  %-53s %5d %8.0f ms %8.0f ms = %7.0f + %7.0f + %7.0f%n", c.what, c.partitions, 1e3 * c.measured,
          1e3 * c.predicted.total(), 1e3 * c.predicted.scheduling, 1e3 * c.predicted.compute, 1e3 * c.predicted.tree));
    }
    b.append(f("  extrapolated: %.0e rows, executors x %d cores, %.0f Gb/s network (assumed), seconds per pass%n",
        ROWS, CORES, ClusterModel.NETWORK_BYTES_PER_SECOND * 8 / 1e9));
    b.append(f("  %-40s %9s %6s %10s %10s %10s %10s %8s%n", "network", "executors", "depth", "pass s", "compute",
        "tree", "sched", "fan-in"));
    for (ClusterModel.Net net : m.nets.values()) {
      for (int e : EXECUTORS) {
        int p = e * CORES;
        int best = m.bestDepth(net, ROWS, p, p, ClusterModel.NETWORK_BYTES_PER_SECOND);
        for (int depth : best == 2 ? new int[] {2} : new int[] {2, best}) {
          ClusterModel.Pass x = m.pass(net, ROWS, p, p, depth, ClusterModel.NETWORK_BYTES_PER_SECOND);
          b.append(f("  %-40s %9d %6d %10.2f %10.2f %10.3f %10.3f %8d%n", net.name, e, depth, x.total(), x.compute,
              x.tree, x.scheduling, x.fanIn));
        }
      }
    }
    b.append('\n');
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
