package sparkprop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.Locale;

/**
 * BENCHMARKS.md's check of the cluster model, run by hand (not a test): the model fitted in one
 * local-mode {@link Analyses} run ({@code cluster_model.fitted} of its analyses.json) predicts the
 * float64 passes that other runs measured — on the standalone cluster with 1, 2 and 4 workers
 * ({@code sparkprop.cluster.ClusterScaling}) — and this prints both, with the error.
 *
 * <pre>
 *   mvn -q -Papparatus process-test-classes \
 *       -Dapparatus="ClusterModelCheck LOCAL/analyses.json CORES RUN/analyses.json..."
 * </pre>
 * CORES: the physical cores the runs shared (a wave of tasks is this many at a time, whatever the slots).
 * Then the model refitted to the cluster runs' own inputs (their TreeSums alone and empty jobs; the
 * driver's CPU per task, which local mode cannot tell apart), its predictions of the same passes, and
 * its extrapolation to {@link #CORES_PER_EXECUTOR} cores per executor and {@link #ROWS} rows, with
 * where the pass stops getting faster.
 */
final class ClusterModelCheck {
  static final int CORES_PER_EXECUTOR = 8;
  static final double ROWS = 1e9;
  static final int[] EXECUTORS = {1, 10, 100, 250, 500, 1000, 2000, 4000};

  private ClusterModelCheck() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode local = json.readTree(new File(args[0]));
    int cores = Integer.parseInt(args[1]);
    if (!local.path("cluster_model").path("fitted").isObject()) {
      throw new IllegalArgumentException(args[0] + " has no fitted cluster model: run Analyses with its tree section"
          + " (two networks at two or more --tree-partitions)");
    }
    ClusterModel m = model(local.path("cluster_model").path("fitted"));
    JsonNode first = local.path("cluster_model").path("fitted").path("networks").get(0);
    String seedName = local.path("passes").get(0).path("layers").asText();
    double overhead = first.path("partial_bytes").asDouble()
        - 8.0 * new sparkprop.nn.Layout(sparkprop.nn.Layout.parseSizes(first.path("network").asText().split(" ")[0]))
            .size();
    double bytes = 8.0 * new sparkprop.nn.Layout(sparkprop.nn.Layout.parseSizes(seedName)).size() + overhead;
    System.out.printf(Locale.ROOT, "model from %s; %s partial %.3f MB; waves of %d cores; no network (one machine)%n",
        args[0], seedName, bytes / 1e6, cores);
    System.out.printf(Locale.ROOT, "%-34s %-28s %5s %11s %11s %7s   %s%n", "run", "pass", "P", "measured ms",
        "predicted", "error", "sched + compute + tree ms");
    for (int k = 2; k < args.length; k++) {
      JsonNode run = json.readTree(new File(args[k]));
      String name = new File(args[k]).getParentFile().getName() + " (" + run.path("environment").path("task_slots")
          .asText(run.path("spark_master").asText()) + ")";
      for (JsonNode p : run.path("passes")) {
        if (!p.path("precision").asText().equals("float64")) continue;
        JsonNode lp = localPass(local, p.path("input_gradient").asBoolean());
        double cpuPerRow = lp.path("task_cpu_seconds").path("median").asDouble() / lp.path("rows").asDouble();
        ClusterModel.Net net = new ClusterModel.Net(seedName, bytes, cpuPerRow, first.path("seconds_per_task").asDouble());
        line(m, net, name, "pass, x.g " + (p.path("input_gradient").asBoolean() ? "on" : "off"), p.path("rows").asLong(),
            p.path("partitions").asInt(), cores, run.path("model").path("tree_depth").asInt(2),
            p.path("seconds").path("median").asDouble());
      }
      JsonNode on = localPass(local, true);
      double cpuPerRow = on.path("task_cpu_seconds").path("median").asDouble() / on.path("rows").asDouble();
      ClusterModel.Net net = new ClusterModel.Net(seedName, bytes, cpuPerRow, first.path("seconds_per_task").asDouble());
      for (JsonNode a : run.path("aggregation")) {
        line(m, net, name, "aggregation pass, x.g on", a.path("rows").asLong(), a.path("partitions").asInt(), cores,
            a.path("tree_depth").asInt(2), a.path("pass_seconds").path("median").asDouble());
      }
    }
    ClusterModel c = clusterFit(m, json, java.util.Arrays.copyOfRange(args, 2, args.length));
    System.out.printf(Locale.ROOT, "%nfitted to the clusters' own TreeSums and empty jobs (%d slots): empty job %.1f ms + %.3f ms/task"
        + " (driver %.3f ms/task); TreeSum %.1f ms per wave of its tasks + %.2f ms per MB a reducer or the driver"
        + " receives (serialized, encrypted, sent, added)%n", c.fitCores, 1e3 * c.jobFixed, 1e3 * c.jobPerTask,
        1e3 * c.driverPerTask, 1e3 * c.perTreeTask, 1e9 * c.shufflePerByte);
    for (int k = 2; k < args.length; k++) {
      JsonNode run = json.readTree(new File(args[k]));
      String name = new File(args[k]).getParentFile().getName();
      JsonNode on = localPass(local, true);
      ClusterModel.Net net = new ClusterModel.Net(seedName, bytes,
          on.path("task_cpu_seconds").path("median").asDouble() / on.path("rows").asDouble(),
          first.path("seconds_per_task").asDouble());
      for (JsonNode p : run.path("passes")) {
        if (p.path("precision").asText().equals("float64") && p.path("input_gradient").asBoolean()) {
          line(c, net, name, "pass, x.g on", p.path("rows").asLong(), p.path("partitions").asInt(), cores, c.fitCores,
              run.path("model").path("tree_depth").asInt(2), p.path("seconds").path("median").asDouble());
        }
      }
      for (JsonNode a : run.path("aggregation")) {
        line(c, net, name, "aggregation pass, x.g on", a.path("rows").asLong(), a.path("partitions").asInt(), cores,
            c.fitCores, a.path("tree_depth").asInt(2), a.path("pass_seconds").path("median").asDouble());
      }
    }
    extrapolate(c, ClusterModel.NETWORK_BYTES_PER_SECOND);
  }

  /**
   * The cluster model refitted to the cluster runs' own inputs (their TreeSums alone and empty jobs,
   * not their passes): off one JVM a partial is serialized, encrypted, sent and added wherever it goes,
   * so a reducer's byte and the driver's byte cost the same (one rate); the per-row CPU and the
   * networks' partial sizes stay the local run's.
   */
  static ClusterModel clusterFit(ClusterModel local, ObjectMapper json, String[] runs) throws java.io.IOException {
    java.util.List<double[]> job = new java.util.ArrayList<>();
    java.util.List<double[]> tree = new java.util.ArrayList<>();
    java.util.List<double[]> driver = new java.util.ArrayList<>();
    int slots = 0;
    for (String path : runs) {
      JsonNode run = json.readTree(new File(path));
      slots = run.path("environment").path("task_slots").asInt();
      int depth = run.path("model").path("tree_depth").asInt(2);
      for (JsonNode l : run.path("cluster_model_inputs")) {
        int p = l.path("partitions").asInt();
        double[] f = ClusterModel.treeFeatures(p, depth, slots, l.path("partial_bytes").asDouble());
        tree.add(new double[] {f[3], f[1] + f[2], l.path("tree_sum_seconds").path("median").asDouble()});
        job.add(new double[] {1, p, l.path("empty_job_seconds").path("median").asDouble()});
        driver.add(new double[] {1, p, l.path("empty_job_driver_process_cpu_seconds").path("median").asDouble()});
      }
    }
    ClusterModel c = new ClusterModel();
    double[] j = ClusterModel.leastSquares(job);
    c.jobFixed = j[0];
    c.jobPerTask = j[1];
    c.fitCores = slots;
    c.driverPerTask = Math.max(0, ClusterModel.leastSquares(driver)[1]);
    double[] t = ClusterModel.nonNegativeLeastSquares(tree);
    c.perTreeTask = t[0];
    c.shufflePerByte = t[1];
    c.collectPerByte = t[1];
    c.nets.putAll(local.nets);
    return c;
  }

  /** Seconds per pass over {@link #ROWS} rows at each cluster size, at depth 2 and the best depth; then the fastest size. */
  static void extrapolate(ClusterModel m, double bytesPerSecond) {
    System.out.printf(Locale.ROOT, "%nextrapolated: %.0e rows, executors x %d cores, one partition per core, %.0f Gb/s%n",
        ROWS, CORES_PER_EXECUTOR, 8 * bytesPerSecond / 1e9);
    System.out.printf(Locale.ROOT, "%-40s %9s %6s %6s %9s %9s %9s %9s %9s%n", "network", "executors", "depth", "fan-in",
        "pass s", "compute", "sched", "tree", "bcast");
    for (ClusterModel.Net net : m.nets.values()) {
      for (int e : EXECUTORS) {
        int p = e * CORES_PER_EXECUTOR;
        int best = m.bestDepth(net, ROWS, p, p, bytesPerSecond);
        for (int depth : best == 2 ? new int[] {2} : new int[] {2, best}) {
          ClusterModel.Pass x = m.pass(net, ROWS, p, p, depth, bytesPerSecond);
          System.out.printf(Locale.ROOT, "%-40s %9d %6d %6d %9.3f %9.3f %9.3f %9.3f %9.3f%n", net.name, e, depth, x.fanIn,
              x.total(), x.compute, x.scheduling, x.tree, x.broadcast);
        }
      }
      int bestP = 0;
      double bestT = Double.MAX_VALUE;
      for (int p = CORES_PER_EXECUTOR; p <= 1 << 20; p += CORES_PER_EXECUTOR) {
        double t = m.pass(net, ROWS, p, p, m.bestDepth(net, ROWS, p, p, bytesPerSecond), bytesPerSecond).total();
        if (t < bestT) {
          bestT = t;
          bestP = p;
        }
      }
      int depth = m.bestDepth(net, ROWS, bestP, bestP, bytesPerSecond);
      System.out.printf(Locale.ROOT, "  %s: fastest at %d cores (%d executors), %.3f s per pass, depth %d (fan-in %d)%n",
          net.name, bestP, bestP / CORES_PER_EXECUTOR, bestT, depth, sparkprop.aggregate.TreeShape.of(bestP, depth).fanIn);
    }
  }

  private static void line(ClusterModel m, ClusterModel.Net net, String run, String what, long rows, int partitions,
      int cores, int depth, double measured) {
    line(m, net, run, what, rows, partitions, cores, cores, depth, measured);
  }

  private static void line(ClusterModel m, ClusterModel.Net net, String run, String what, long rows, int partitions,
      int cores, int slots, int depth, double measured) {
    ClusterModel.Pass p = m.pass(net, rows, partitions, cores, slots, depth, Double.POSITIVE_INFINITY);
    System.out.printf(Locale.ROOT, "%-34s %-28s %5d %11.0f %11.0f %+6.0f%%   %.0f + %.0f + %.0f%n", run, what, partitions,
        1e3 * measured, 1e3 * p.total(), 100 * (p.total() / measured - 1), 1e3 * p.scheduling, 1e3 * p.compute,
        1e3 * p.tree);
  }

  private static JsonNode localPass(JsonNode local, boolean inputGradient) {
    for (JsonNode p : local.path("passes")) {
      if (p.path("precision").asText().equals("float64") && p.path("input_gradient").asBoolean() == inputGradient) return p;
    }
    throw new IllegalArgumentException("no float64 pass with x.g " + inputGradient + " in the local run");
  }

  static ClusterModel model(JsonNode fitted) {
    ClusterModel m = new ClusterModel();
    m.jobFixed = fitted.path("empty_job_fixed_seconds").asDouble();
    m.jobPerTask = fitted.path("empty_job_seconds_per_task").asDouble();
    m.fitCores = fitted.path("empty_job_cores").asInt(2);
    m.driverPerTask = fitted.path("driver_seconds_per_task").asDouble(Double.NaN);
    m.collectFixed = fitted.path("collect_fixed_seconds").asDouble();
    m.collectPerByte = fitted.path("collect_seconds_per_byte").asDouble();
    m.perTreeTask = fitted.path("tree_seconds_per_task_wave").asDouble();
    m.shufflePerByte = fitted.path("shuffle_seconds_per_byte_per_reducer").asDouble();
    for (JsonNode n : fitted.path("networks")) {
      String name = n.path("network").asText();
      m.nets.put(name, new ClusterModel.Net(name, n.path("partial_bytes").asDouble(),
          n.path("task_cpu_seconds_per_row").asDouble(), n.path("seconds_per_task").asDouble()));
    }
    return m;
  }
}
