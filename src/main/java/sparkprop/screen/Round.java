package sparkprop.screen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.aggregate.PartialSum;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.app.PreparedRows;
import sparkprop.compare.Tolerances;
import sparkprop.model.Model;
import sparkprop.pass.PlacedPass;
import sparkprop.pass.PlacedPass.Slot;
import sparkprop.pass.PassSettings;

/**
 * One round of the screen: every partition placed on {@code replicas} executors ({@link Pairing}), where
 * each task ran read from the listener bus ({@link TaskLedger}), partitions whose replicas landed on too
 * few distinct executors placed again once, every pair of replicas compared, and each partition whose
 * replicas disagree computed a third time by a referee — an executor it did not use (another host when
 * there is one), else the driver — and attributed ({@link Attribution}).
 */
final class Round {
  /** How long the listener bus may run behind a finished job. */
  static final long LEDGER_WAIT_MILLIS = 30_000;

  private final JavaSparkContext sc;
  private final TaskLedger ledger;
  private final PreparedRows data;
  private final Model model;
  private final PassSettings settings;
  private final ComparisonRule rule;
  private final ScreenResult result;
  private final org.apache.hadoop.conf.Configuration conf;

  /** What the round runs on and where it records. */
  record Context(JavaSparkContext sc, TaskLedger ledger, PreparedRows data, Model model, PassSettings settings,
      Tolerances tolerances, ScreenResult result, org.apache.hadoop.conf.Configuration conf) {}

  Round(Context c) {
    this.sc = c.sc();
    this.ledger = c.ledger();
    this.data = c.data();
    this.model = c.model();
    this.settings = c.settings();
    this.result = c.result();
    this.conf = c.conf();
    this.rule = new ComparisonRule(c.tolerances(), p -> DriverReferee.absoluteTerms(p, data, model.parameters, settings, conf));
  }

  void run(int round, List<Executor> executors, int replicas) throws InterruptedException {
    Map<Integer, List<Replica>> byPartition = new LinkedHashMap<>();
    for (int p = 0; p < data.partitions; p++) byPartition.put(p, new ArrayList<>());
    for (Replica r : placed("round-" + round, Pairing.round(executors, data.partitions, replicas, round))) {
      addDistinct(byPartition.get(r.partition()), r);
    }
    List<Slot> again = new ArrayList<>();
    for (Map.Entry<Integer, List<Replica>> e : byPartition.entrySet()) {
      List<Executor> used = new ArrayList<>();
      for (Replica r : e.getValue()) used.add(r.executor());
      for (int k = used.size(); k < replicas; k++) {
        Executor x = Pairing.pick(LiveExecutors.now(), e.getKey() + round, used);
        if (x == null) break;
        used.add(x);
        again.add(new Slot(e.getKey(), x.id(), x.host()));
      }
    }
    if (!again.isEmpty()) {
      result.replacedSlots += again.size();
      for (Replica r : placed("round-" + round + "-again", again)) addDistinct(byPartition.get(r.partition()), r);
    }
    List<Integer> disputed = new ArrayList<>();
    for (List<Replica> rs : byPartition.values()) {
      if (rs.size() < 2) {
        result.uncomparedPartitions++;
        continue;
      }
      boolean agree = true;
      for (int i = 0; i < rs.size(); i++) {
        for (int j = i + 1; j < rs.size(); j++) {
          count(round, rs.get(i), rs.get(j));
          if (rule.difference(rs.get(i), rs.get(j)) != null) agree = false;
        }
      }
      if (!agree) disputed.add(rs.get(0).partition());
    }
    if (!disputed.isEmpty()) settle(round, disputed, byPartition);
  }

  /** Referees for the disputed partitions, then the verdict of each. */
  private void settle(int round, List<Integer> disputed, Map<Integer, List<Replica>> byPartition) throws InterruptedException {
    result.refereed += disputed.size();
    List<Executor> live = LiveExecutors.now();
    List<Slot> slots = new ArrayList<>();
    for (int p : disputed) {
      List<Executor> used = new ArrayList<>();
      for (Replica r : byPartition.get(p)) used.add(r.executor());
      Executor x = Pairing.pick(live, p + round, used);
      if (x != null && used.size() < live.size()) slots.add(new Slot(p, x.id(), x.host()));
    }
    Map<Integer, Replica> referees = new LinkedHashMap<>();
    for (Replica r : slots.isEmpty() ? List.<Replica>of() : placed("round-" + round + "-referee", slots)) {
      boolean independent = byPartition.get(r.partition()).stream().noneMatch(x -> x.executor().equals(r.executor()));
      if (independent) referees.put(r.partition(), r);
    }
    for (int p : disputed) {
      Replica referee = referees.get(p);
      if (referee == null) referee = DriverReferee.compute(p, data, model.parameters, settings, conf);
      List<Replica> all = new ArrayList<>(byPartition.get(p));
      all.add(referee);
      for (Replica r : byPartition.get(p)) count(round, r, referee);
      Attribution a = Attribution.of(all, rule);
      for (Attribution.Outlier o : a.outliers) {
        result.findings.add(Finding.of(round, o, referee));
        if (o.replica().onDriver()) continue;
        HostTally h = host(o.replica());
        h.disagreements++;
        h.round(round)[1]++;
      }
    }
  }

  /** One comparison, counted for both sides (the driver is no host of the cluster). */
  private void count(int round, Replica a, Replica b) {
    result.comparisons++;
    boolean cluster = !a.onDriver() && !b.onDriver();
    if (cluster && a.executor().host().equals(b.executor().host())) result.distinctHosts = false;
    for (Replica r : new Replica[] {a, b}) {
      if (r.onDriver()) continue;
      result.seen(r.executor());
      result.executorComparisons.get(r.executor())[0]++;
      HostTally h = host(r);
      h.comparisons++;
      h.round(round)[0]++;
    }
  }

  private HostTally host(Replica r) {
    HostTally h = result.host(r.executor().host());
    if (h.facts == null) h.facts = r.facts();
    return h;
  }

  private static void addDistinct(List<Replica> rs, Replica r) {
    if (rs.stream().noneMatch(x -> x.executor().equals(r.executor()))) rs.add(r);
  }

  /**
   * Runs {@code slots} as one job tagged {@code tag} and returns each slot's replica where the listener
   * bus saw it run; a slot whose task end never arrived is left out (a request is never trusted).
   */
  private List<Replica> placed(String tag, List<Slot> slots) throws InterruptedException {
    List<PartialSum> partials;
    sc.setLocalProperty(TaskLedger.TAG, tag);
    try {
      partials = PlacedPass.run(sc, data.rows, model.parameters, settings, new ScreenHook(), slots);
    } finally {
      sc.setLocalProperty(TaskLedger.TAG, null);
    }
    List<TaskLedger.Ran> ran = ledger.placements(tag, slots.size(), LEDGER_WAIT_MILLIS);
    List<Replica> out = new ArrayList<>();
    for (int j = 0; j < slots.size(); j++) {
      TaskLedger.Ran where = ran.get(j);
      if (where == null) continue;
      PartitionRecord record = partials.get(j).records.get(0);
      Executor e = new Executor(where.executorId(), where.host());
      result.seen(e);
      if (!e.id().equals(slots.get(j).executorId())) result.placementMisses++;
      Replica r = new Replica(slots.get(j).partition(), e, record.observed(ExecutorFacts.class), partials.get(j).sum);
      host(r).tasks++;
      out.add(r);
    }
    return out;
  }
}
