package sparkprop.bench;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sparkprop.Json.NonFiniteAsString;
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

  /** {@code cluster_model}: the fitted inputs, the predictions checked against this run, the extrapolation. */
  record Fit(Fitted fitted, List<CheckJson> checks, List<Extrapolated> extrapolation) {}

  /** @param driverSecondsPerTask null (NaN) when local mode cannot tell the driver's share */
  record Fitted(@NonFiniteAsString double emptyJobFixedSeconds, @NonFiniteAsString double emptyJobSecondsPerTask,
      int emptyJobCores, double driverSecondsPerTask, @NonFiniteAsString double collectFixedSeconds,
      @NonFiniteAsString double collectSecondsPerByte, @NonFiniteAsString double treeSecondsPerTaskWave,
      @NonFiniteAsString double shuffleSecondsPerBytePerReducer, @NonFiniteAsString double assumedNetworkBytesPerSecond,
      List<NetJson> networks) {}

  record NetJson(String network, @NonFiniteAsString double partialBytes, @NonFiniteAsString double taskCpuSecondsPerRow,
      @NonFiniteAsString double secondsPerTask) {}

  record CheckJson(String what, int partitions, @NonFiniteAsString double measuredSeconds, PassJson predicted) {}

  /** A predicted pass in seconds, split as {@link ClusterModel.Pass} splits it. */
  record PassJson(@NonFiniteAsString double seconds, @NonFiniteAsString double scheduling,
      @NonFiniteAsString double compute, @NonFiniteAsString double tree, @NonFiniteAsString double broadcast,
      int fanIn, int shuffles) {
    static PassJson of(ClusterModel.Pass p) {
      return new PassJson(p.total(), p.scheduling, p.compute, p.tree, p.broadcast, p.fanIn, p.shuffles);
    }
  }

  /** One extrapolated pass: its keys, then the predicted pass's, on one level. */
  record Extrapolated(String network, @NonFiniteAsString double rows, int executors, int cores, int depth,
      @JsonUnwrapped PassJson pass) {}

  /** The model as analyses.json holds it; null when it was not fitted. */
  static Fit fit(AnalysisReport r) {
    ClusterModel m = r.clusterModel;
    if (m == null) return null;
    List<NetJson> nets = new ArrayList<>();
    for (ClusterModel.Net net : m.nets.values()) {
      nets.add(new NetJson(net.name, net.partialBytes, net.cpuPerRow, net.perTask));
    }
    Fitted fitted = new Fitted(m.jobFixed, m.jobPerTask, m.fitCores, m.driverPerTask, m.collectFixed, m.collectPerByte,
        m.perTreeTask, m.shufflePerByte, ClusterModel.NETWORK_BYTES_PER_SECOND, nets);
    List<CheckJson> checks = new ArrayList<>();
    for (Check c : checks(r)) checks.add(new CheckJson(c.what, c.partitions, c.measured, PassJson.of(c.predicted)));
    List<Extrapolated> ex = new ArrayList<>();
    for (ClusterModel.Net net : m.nets.values()) {
      for (int e : EXECUTORS) {
        int p = e * CORES;
        for (int depth : new int[] {2, m.bestDepth(net, ROWS, p, p, ClusterModel.NETWORK_BYTES_PER_SECOND)}) {
          ex.add(new Extrapolated(net.name, ROWS, e, p, depth,
              PassJson.of(m.pass(net, ROWS, p, p, depth, ClusterModel.NETWORK_BYTES_PER_SECOND))));
        }
      }
    }
    return new Fit(fitted, checks, ex);
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
