package sparkprop.screen;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.app.MemoryPlan;
import sparkprop.app.ModelLoader;
import sparkprop.app.PreparedRows;
import sparkprop.compare.Tolerances;
import sparkprop.model.Model;
import sparkprop.nn.PixelScale;
import sparkprop.pass.PassSettings;
import sparkprop.read.HadoopConf;

/**
 * The screen, end to end: refuse a master without two executors → read and cache the rows → for each round,
 * place every partition on several executors, compare, referee and attribute ({@link Round}) → weigh the
 * history ({@link History}) → the suspects.
 */
public final class ScreenJob {
  /** How long a cluster may take to give the screen two executors after its first job. */
  static final long EXECUTOR_WAIT_MILLIS = 60_000;

  private ScreenJob() {}

  public static ScreenResult run(JavaSparkContext sc, ScreenOptions o, PrintStream progress) throws Exception {
    o.validate();
    LiveExecutors.requireCluster(sc);
    long start = System.nanoTime();
    History history = o.history == null ? null : History.open(o.history, sc.hadoopConfiguration(), o);
    TaskLedger ledger = new TaskLedger();
    sc.sc().addSparkListener(ledger);
    ScreenResult r = new ScreenResult();
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    PreparedRows data = null;
    try {
      long t = System.nanoTime();
      data = PreparedRows.open(sc, o.data, conf);
      List<Executor> executors = LiveExecutors.atLeastTwo(EXECUTOR_WAIT_MILLIS);
      // Each round brings replicas × partitions partials to the driver at once.
      Model model = ModelLoader.load(o.model, data.source, conf.get(),
          MemoryPlan.of(sc, o.model, data).keeping(Pairing.replicas(o.replicas, executors.size()) * data.partitions + 1));
      PassSettings settings = new PassSettings(model.architecture, o.model.precision, o.model.blockRows,
          PixelScale.BYTE, o.model.treeDepth, false);
      r.timingsMillis.put("read_and_cache", millis(t));
      r.data = data.source.location();
      r.rows = data.count;
      r.partitions = data.partitions;
      r.rounds = o.rounds;
      r.replicasWanted = o.replicas;
      r.sparkMaster = sc.master();
      r.applicationId = sc.sc().applicationId();
      for (Executor e : executors) r.seen(e);
      Round round = new Round(new Round.Context(sc, ledger, data, model, settings,
          Tolerances.of(o.model.precision, data.count), r, conf.get()));
      t = System.nanoTime();
      for (int k = 0; k < o.rounds; k++) {
        List<Executor> live = LiveExecutors.now();
        for (Executor e : live) r.seen(e);
        if (live.size() < 2) throw new IllegalStateException("round " + (k + 1) + ": fewer than two executors left: " + live);
        int replicas = Pairing.replicas(o.replicas, live.size());
        r.replicasPlaced = r.replicasPlaced == 0 ? replicas : Math.min(r.replicasPlaced, replicas);
        round.run(k, live, replicas);
        progress.println("screen: round " + (k + 1) + " of " + o.rounds + " done (" + r.comparisons + " comparisons, "
            + r.findings.size() + " disagreements so far)");
      }
      r.timingsMillis.put("rounds", millis(t));
      if (r.comparisons == 0) throw new IllegalStateException("no partition was computed on two executors: nothing was screened");
      r.lostExecutors = ledger.lost();
      r.costCoreSeconds = ledger.runMillis() / 1000.0;
      r.suspects.addAll(r.disagreeingHosts());
      if (history != null) history.weigh(r);
    } finally {
      sc.sc().removeSparkListener(ledger);
      if (data != null) data.release();
    }
    r.timingsMillis.put("total", millis(start));
    return r;
  }

  private static long millis(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
