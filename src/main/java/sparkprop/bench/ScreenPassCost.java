package sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.nn.Precision;
import sparkprop.pass.DistributedPass;
import sparkprop.pass.PartitionHook;
import sparkprop.pass.PassSettings;
import sparkprop.pass.PlacedPass;
import sparkprop.rows.RowChunk;

/**
 * The screen's cost line (issue 20): the distributed passes of one screen round — the placed pass,
 * every partition computed {@value #REPLICAS} times in one job, θ inside the tasks, each partial back to
 * the driver on its own ({@link PlacedPass}) — against one ordinary pass ({@link DistributedPass}, what
 * check's {@code timings_ms.distributed} times, x.g off), float64, on the same cached rows, in turns. The
 * issue's bound: a round's passes cost at most {@value #BOUND_PER_REPLICA} × replicas × one pass. No
 * placement is asked for (in local mode there is one executor): Spark runs the slots where it likes, so
 * the line measures the pass's own cost, not the screen's listener-bus bookkeeping or its comparisons.
 */
final class ScreenPassCost {
  static final int REPLICAS = 2;
  static final double BOUND_PER_REPLICA = 2.2;

  /** Median wall times of each kind (seconds), their samples, and the ratio against the bound. */
  record Result(int replicas, Samples passSeconds, Samples placedSeconds) {
    double ratio() {
      return placedSeconds.median() / passSeconds.median();
    }

    double bound() {
      return BOUND_PER_REPLICA * replicas;
    }
  }

  private ScreenPassCost() {}

  static Result measure(JavaSparkContext sc, JavaRDD<RowChunk> rows, BenchNet net, BenchPlan plan, int partitions) {
    PassSettings settings = Series.settings(net, Precision.FLOAT64, plan.blockRows, plan.treeDepth);
    List<PlacedPass.Slot> slots = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      for (int k = 0; k < REPLICAS; k++) slots.add(new PlacedPass.Slot(p, null, null));
    }
    List<Double> pass = new ArrayList<>();
    List<Double> placed = new ArrayList<>();
    for (int i = 0; i < plan.warmup + plan.passes; i++) {
      long t = System.nanoTime();
      DistributedPass.run(sc, rows, net.theta, settings, PartitionHook.NONE);
      double a = (System.nanoTime() - t) / 1e9;
      t = System.nanoTime();
      int n = PlacedPass.run(sc, rows, net.theta, settings, PartitionHook.NONE, slots).size();
      double b = (System.nanoTime() - t) / 1e9;
      if (n != slots.size()) throw new IllegalStateException(n + " partials for " + slots.size() + " slots");
      if (i < plan.warmup) continue;
      pass.add(a);
      placed.add(b);
    }
    return new Result(REPLICAS, new Samples(pass.stream().mapToDouble(Double::doubleValue).toArray()),
        new Samples(placed.stream().mapToDouble(Double::doubleValue).toArray()));
  }
}
