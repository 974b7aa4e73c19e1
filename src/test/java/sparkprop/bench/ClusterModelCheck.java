package sparkprop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.Locale;

/**
 * BENCHMARKS.md's check of the cluster model, run by hand (not a test): the model fitted in one
 * local-mode bench run ({@code cluster_model.fitted} of its bench.json) predicts the float64 passes
 * that other bench runs measured — on the standalone cluster with 1, 2 and 4 workers
 * ({@code sparkprop.cluster.ClusterScaling}) — and this prints both, with the error.
 *
 * <pre>
 *   java -cp target/test-classes:target/classes:target/spark-home/jars/* sparkprop.bench.ClusterModelCheck \
 *     LOCAL/bench.json CORES RUN/bench.json...
 * </pre>
 * CORES: the physical cores the runs shared (a wave of tasks is this many at a time, whatever the slots).
 */
public final class ClusterModelCheck {
  private ClusterModelCheck() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode local = json.readTree(new File(args[0]));
    int cores = Integer.parseInt(args[1]);
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
  }

  private static void line(ClusterModel m, ClusterModel.Net net, String run, String what, long rows, int partitions,
      int cores, int depth, double measured) {
    ClusterModel.Pass p = m.pass(net, rows, partitions, cores, depth, Double.POSITIVE_INFINITY);
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
