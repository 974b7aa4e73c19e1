package sparkprop.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** {@code report.json} of a training run: the run, the history, the checks made, and the final evaluation. */
public final class TrainReportJson {
  public static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TrainReportJson() {}

  public static byte[] render(TrainResult r) {
    try {
      return MAPPER.writeValueAsBytes(tree(r));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode tree(TrainResult r) {
    TrainOptions o = r.options;
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("command", "train");
    root.put("status", r.status());
    if (r.stopped == null) root.putNull("stopped");
    else root.put("stopped", r.stopped);
    root.put("data", r.data);
    root.put("rows", r.rows);
    root.put("partitions", r.partitions);
    if (r.evalData == null) root.putNull("eval_data");
    else root.put("eval_data", r.evalData);

    ObjectNode model = root.putObject("model");
    ArrayNode layers = model.putArray("layers");
    for (int n : r.initial.layout().sizes()) layers.add(n);
    model.put("activation", r.architecture.activation.label());
    model.put("loss", r.architecture.loss.label());
    model.put("parameters", r.initial.layout().size());
    model.put("precision", o.model.precision.label());
    if (o.model.weights == null) model.putNull("weights");
    else model.put("weights", sparkprop.Secrets.hide(o.model.weights));
    model.put("init", o.model.init.label());
    model.put("seed", o.model.seed);

    ObjectNode t = root.putObject("training");
    t.put("optimizer", o.optimizer.label());
    t.put("steps", o.steps);
    t.put("lr", o.lr());
    t.put("momentum", o.momentum);
    t.put("weight_decay", o.weightDecay);
    if (o.optimizer == OptimizerKind.LBFGS) t.put("lbfgs_corrections", o.lbfgsCorrections);
    if (o.optimizer == OptimizerKind.ADAM) {
      t.putArray("betas").add(o.betas()[0]).add(o.betas()[1]);
      t.put("eps", o.eps());
    }
    if (o.optimizer != OptimizerKind.LBFGS) schedule(t.putObject("lr_schedule"), o);
    t.put("batch_rows", o.batchRows > 0 && r.stepsPerEpoch > 1 ? o.batchRows : r.rows);
    t.put("steps_per_epoch", r.stepsPerEpoch);
    t.put("check_every", o.checkEvery);
    t.put("checkpoint_every", o.checkpointEvery);
    t.put("start_step", r.startStep);
    t.put("skipped_steps", r.skippedSteps);
    if (o.targetAccuracy > 0) t.put("target_accuracy", o.targetAccuracy);
    if (r.reachedTarget >= 0) t.put("reached_target_at_step", r.reachedTarget);
    else t.putNull("reached_target_at_step");
    if (o.keepBest() == null) t.putNull("keep_best");
    else t.put("keep_best", o.keepBest().label());
    if (o.earlyStop > 0) t.put("early_stop", o.earlyStop);
    else t.putNull("early_stop");
    if (r.stoppedEarly >= 0) t.put("stopped_early_at_step", r.stoppedEarly);
    else t.putNull("stopped_early_at_step");
    if (r.resumedFrom == null) t.putNull("resumed_from");
    else t.put("resumed_from", r.resumedFrom);

    ArrayNode checks = root.putArray("checks");
    for (StepCheck c : r.checks) {
      ObjectNode n = checks.addObject();
      n.put("step", c.step);
      n.put("rows", c.rows);
      n.put("pass", c.pass());
      if (c.failed == null) n.putNull("failed");
      else n.put("failed", c.failed);
      ObjectNode rel = n.putObject("relative_diff");
      for (int k = 0; k < c.names.size(); k++) rel.put(c.names.get(k), c.relative.get(k));
      ObjectNode floor = n.putObject("floor_max");
      for (int k = 0; k < c.names.size(); k++) floor.put(c.names.get(k), c.floors.get(k));
      ObjectNode excess = n.putObject("excess_over_floor");
      for (int k = 0; k < c.names.size(); k++) excess.put(c.names.get(k), c.excess.get(k));
    }

    ArrayNode history = root.putArray("history");
    for (StepRecord s : r.records()) {
      ObjectNode n = history.addObject();
      n.put("step", s.step);
      n.put("loss", s.loss);
      n.put("grad_norm", s.gradientNorm);
      n.put("batch_rows", s.batchRows);
      n.put("seconds", s.seconds);
      if (s.evalSeconds > 0) n.put("eval_seconds", s.evalSeconds);
      if (s.evaluated()) {
        n.put("eval_loss", s.evalLoss);
        n.put("eval_accuracy", s.evalAccuracy);
      }
      if (!Double.isNaN(s.lr)) n.put("lr", s.lr);
    }

    if (r.best == null) {
      root.putNull("best");
    } else {
      ObjectNode b = root.putObject("best");
      b.put("step", r.best.step());
      b.put("eval_accuracy", r.best.evalAccuracy());
      b.put("eval_loss", r.best.evalLoss());
    }

    ModelExports.describe(r, root.putObject("models"));

    if (r.finalEval == null) {
      root.putNull("final_eval");
    } else {
      ObjectNode e = root.putObject("final_eval");
      e.put("rows", r.finalEval.rows());
      e.put("loss", r.finalEval.loss());
      e.put("accuracy", r.finalEval.accuracy());
      ArrayNode m = e.putArray("confusion");
      for (long[] row : r.finalEval.confusion()) {
        ArrayNode a = m.addArray();
        for (long v : row) a.add(v);
      }
    }
    root.put("blas", r.blas);
    ObjectNode spark = root.putObject("spark");
    spark.put("version", r.sparkVersion);
    spark.put("master", r.sparkMaster);
    ObjectNode seconds = root.putObject("seconds");
    for (Map.Entry<String, Double> s : r.seconds.entrySet()) seconds.put(s.getKey(), s.getValue());
    return root;
  }

  private static void schedule(ObjectNode n, TrainOptions o) {
    n.put("kind", o.lrSchedule.label());
    if (o.lrSchedule == LrSchedule.Kind.COSINE) {
      n.put("period", o.lrPeriod);
      n.put("lr_min", o.lrMin);
    }
    if (o.lrSchedule == LrSchedule.Kind.STEP) {
      n.put("gamma", o.lrGamma());
      n.put("step_every", o.lrStepEvery);
    }
    n.put("warmup_steps", o.warmupSteps);
  }
}
