package sparkprop.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code analyses.json}: bench.json's keys, then one key per analysis (the keys the bench wrote before they moved here). */
final class AnalysisJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AnalysisJson() {}

  static byte[] render(AnalysisReport r) {
    try {
      return MAPPER.writeValueAsBytes(tree(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode tree(AnalysisReport r) {
    ObjectNode root = tree(BenchJson.of(r));
    ArrayNode blocks = root.putArray("block_sizes");
    for (BenchReport.Pass p : r.blockSizes) blocks.add(tree(BenchJson.Pass.of(p)));
    gap(root, r);
    ArrayNode sweep = root.putArray("scaling");
    for (AnalysisReport.Sweep s : r.sweep) {
      ObjectNode n = sweep.addObject();
      n.put("rows", s.rows);
      n.put("mode", s.mode);
      n.put("partitions", s.partitions);
      n.put("precision", "float64");
      n.put("input_gradient", true);
      n.set("seconds", samples(s.seconds));
      n.put("microseconds_per_row", s.microsPerRow());
      n.set("task_cpu_seconds", samples(s.cpuSeconds));
      n.put("task_cpu_microseconds_per_row", s.cpuMicrosPerRow());
      n.put("deterministic", s.deterministic);
    }

    ArrayNode agg = root.putArray("aggregation");
    for (AnalysisReport.Aggregation a : r.aggregation) {
      ObjectNode n = agg.addObject();
      n.put("partitions", a.partitions);
      n.put("rows", a.rows);
      n.put("tree_depth", r.treeDepth);
      n.put("fan_in", a.fanIn);
      n.put("shuffles", a.shuffles);
      n.set("pass_seconds", samples(a.pass));
      n.set("compute_only_seconds", samples(a.computeOnly));
      n.set("difference_seconds", samples(a.difference));
      n.set("tree_sum_alone_seconds", samples(a.treeSumAlone));
      n.put("share", a.share());
      n.set("pass_task_cpu_seconds", samples(a.passCpu));
      n.set("compute_only_task_cpu_seconds", samples(a.computeOnlyCpu));
      n.put("task_cpu_share", a.cpuShare());
    }

    ArrayNode tree = root.putArray("cluster_model_inputs");
    for (TreeCost.Line l : r.treeCost) {
      ObjectNode n = tree.addObject();
      n.put("network", l.network);
      n.put("partitions", l.partitions);
      n.put("rows", l.rows);
      n.put("tree_depth", r.treeDepth);
      n.put("fan_in", l.fanIn);
      n.put("shuffles", l.shuffles);
      n.put("partial_bytes", l.partialBytes);
      n.set("tree_sum_seconds", samples(l.treeSum));
      n.set("empty_job_seconds", samples(l.emptyJob));
      n.set("empty_job_driver_process_cpu_seconds", samples(l.emptyJobProcessCpu));
      n.put("task_cpu_seconds_per_row", l.cpuSecondsPerRow);
    }

    ArrayNode steps = root.putArray("train_steps");
    for (TrainSteps.Line l : r.trainSteps) {
      ObjectNode n = steps.addObject();
      n.put("precision", l.precision.label());
      n.put("batch_rows", l.batchRows);
      n.put("rows_per_step", l.rows);
      n.put("partitions", l.partitions);
      n.put("steps", l.steps);
      n.set("step_seconds", samples(l.step));
      n.set("pass_job_seconds", samples(l.pass));
      n.put("overhead_share", l.overheadShare());
      n.put("other_load", l.otherLoad);
    }

    ClusterModelOutput.json(root, r);

    ArrayNode targets = root.putArray("targets");
    for (AnalysisReport.Target t : r.targets) {
      ObjectNode n = targets.addObject();
      n.put("name", t.name());
      n.put("value", t.value());
      n.put("goal", t.goal());
      n.put("met", t.met());
      n.put("note", t.note());
    }
    return root;
  }

  private static void gap(ObjectNode root, AnalysisReport r) {
    if (r.mllibGap.isEmpty()) {
      root.putNull("mllib_gradient_gap");
      return;
    }
    ObjectNode n = root.putObject("mllib_gradient_gap");
    n.put("model", r.mllibGapModel);
    n.put("block_size", r.mllibGapBlockSize);
    n.put("measure", "max|g_MLlib - g_exact| / max|g_exact| over every parameter; exact = sparkprop's float64"
        + " single-node reference on the same rows");
    ArrayNode lines = n.putArray("lines");
    for (MllibGap.Line l : r.mllibGap) {
      ObjectNode o = lines.addObject();
      o.put("partitions", l.partitions);
      o.put("rows", l.rows);
      o.put("blocks", l.blocks);
      o.put("relative", l.relative);
      o.put("reweighted_relative", l.reweightedRelative);
      o.put("mllib_loss", l.mllibLoss);
      o.put("exact_loss", l.exactLoss);
      o.put("seconds", l.seconds);
    }
  }

  private static ObjectNode samples(Samples s) {
    return tree(BenchJson.Summary.of(s));
  }

  /** One of bench.json's records as a tree to add this file's keys to (read back as written: "NaN" stays a string). */
  private static ObjectNode tree(Object benchRecord) {
    try {
      return (ObjectNode) MAPPER.readTree(sparkprop.Json.pretty(benchRecord));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
