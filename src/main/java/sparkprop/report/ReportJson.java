package sparkprop.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.check.CheckResult;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.FiniteDifferenceCheck;
import sparkprop.compare.PartitionVerification;
import sparkprop.compare.TensorComparison;
import sparkprop.compare.Tolerances;
import sparkprop.peer.PeerJson;

/** {@code report.json}: the check's result for machines. Its schema is documented in the README. */
public final class ReportJson {
  /** 2: any depth ({@code model.layers}, {@code activation}, {@code loss}); one {@code tensors} entry per layer's w and b. */
  public static final int SCHEMA_VERSION = 2;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  public static byte[] render(CheckResult r) {
    try {
      return MAPPER.writeValueAsBytes(tree(r));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode tree(CheckResult r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("verdict", r.pass() ? "pass" : "fail");
    ArrayNode failures = root.putArray("failures");
    r.failures().forEach(failures::add);
    root.put("rows", r.rows);
    root.put("reference_rows", r.referenceRows);
    root.put("partitions", r.partitions);
    root.put("precision", r.precision);
    ObjectNode loss = root.putObject("loss");
    loss.put("distributed", r.distributed.loss);
    loss.put("reference", r.reference.loss);
    loss.put("all_rows", r.fullGradient().loss);

    ObjectNode tensors = root.putObject("tensors");
    for (TensorComparison t : r.tensors) {
      ObjectNode n = tensors.putObject(t.name);
      ArrayNode shape = n.putArray("shape");
      for (long d : t.shape) shape.add(d);
      Discrepancy d = t.discrepancy;
      n.put("max_abs_diff", d.maxAbsDiff());
      n.put("max_abs_reference", d.maxAbsReference());
      n.put("relative_diff", d.relative());
      n.put("rtol", t.rtol);
      n.put("non_finite", d.nonFinite());
      n.put("pass", t.pass);
      n.put("floor_max", d.maxFloor());
      n.put("excess_over_floor", d.maxExcessOverFloor());
      n.put("diff_over_floor", d.maxDiffOverFloor());
    }
    ObjectNode floor = root.putObject("floor");
    floor.put("c", Tolerances.FLOOR_C);
    floor.put("unit_roundoff", r.tolerances.unitRoundoff);
    floor.put("chain_rows", r.tolerances.chainRows);

    if (r.finiteDifference == null) {
      root.putNull("finite_difference");
    } else {
      FiniteDifferenceCheck fd = r.finiteDifference;
      ObjectNode n = root.putObject("finite_difference");
      n.put("pass", fd.pass);
      n.put("epsilon", fd.epsilon);
      n.put("rtol", fd.rtol);
      n.put("floor", fd.floor);
      n.put("gradient_norm", fd.gradientNorm);
      n.put("seed", fd.seed);
      ArrayNode dirs = n.putArray("directions");
      for (FiniteDifferenceCheck.Direction d : fd.directions) {
        ObjectNode e = dirs.addObject();
        e.put("finite_difference", d.finiteDifference);
        e.put("analytic", d.analytic);
        e.put("error", d.error);
        e.put("pass", d.pass);
      }
    }

    if (r.verification == null) {
      root.putNull("verify_partitions");
    } else {
      ObjectNode n = root.putObject("verify_partitions");
      n.put("pass", r.verification.pass());
      n.put("partitions_checked", r.verification.partitionsChecked);
      n.put("rtol", r.verification.rtol);
      ArrayNode devs = n.putArray("deviating");
      for (PartitionVerification.Deviation d : r.verification.deviations) {
        ObjectNode e = devs.addObject();
        e.put("partition", d.record.partition);
        e.put("executor", d.record.executorId);
        e.put("host", d.record.host);
        e.put("attempt", d.record.attempt);
        e.put("max_abs_diff", d.discrepancy.maxAbsDiff());
        e.put("relative_diff", d.discrepancy.relative());
        e.put("floor_max", d.discrepancy.maxFloor());
        e.put("excess_over_floor", d.discrepancy.maxExcessOverFloor());
      }
    }

    if (r.nonFinitePartition < 0) {
      root.putNull("non_finite");
    } else {
      ObjectNode n = root.putObject("non_finite");
      n.put("partition", r.nonFinitePartition);
      n.put("tensor", r.nonFiniteTensor);
    }
    if (r.peer == null) root.putNull("peer");
    else PeerJson.write(root.putObject("peer"), r.peer, r.distributed, r.reference);
    if (r.injectedFaultPartition < 0) root.putNull("injected_fault");
    else root.putObject("injected_fault").put("partition", r.injectedFaultPartition).put("tensor", r.injectedFaultTensor);

    ObjectNode model = root.putObject("model");
    ArrayNode layers = model.putArray("layers");
    for (int n : r.layout.sizes()) layers.add(n);
    model.put("activation", r.architecture.activation.label());
    model.put("loss", r.architecture.loss.label());
    model.put("parameters", r.layout.size());
    if (r.weights == null) model.putNull("weights");
    else model.put("weights", r.weights);
    if (r.init == null) model.putNull("init");
    else model.put("init", r.init);
    model.put("seed", r.seed);

    root.put("data", r.data);
    root.put("block_rows", r.blockRows);
    root.put("tree_depth", r.treeDepth);
    ObjectNode blas = root.putObject("blas");
    blas.put("implementation", r.blas);
    blas.put("native", r.blasNative);
    if (r.blasInfo != null) {
      blas.put("source", r.blasInfo.source.name().toLowerCase(java.util.Locale.ROOT));
      blas.put("library", r.blasInfo.library);
      blas.put("version", r.blasInfo.version);
      blas.put("core", r.blasInfo.coreName);
      blas.put("threads", r.blasInfo.threads);
    }
    ObjectNode spark = root.putObject("spark");
    spark.put("version", r.sparkVersion);
    spark.put("master", r.sparkMaster);
    spark.put("application_id", r.applicationId);

    ArrayNode parts = root.putArray("partition_table");
    for (PartitionRecord p : r.partitionRecords) {
      ObjectNode n = parts.addObject();
      n.put("partition", p.partition);
      n.put("rows", p.rows);
      n.put("executor", p.executorId);
      n.put("host", p.host);
      n.put("attempt", p.attempt);
      n.put("loss_sum", p.lossSum);
      n.put("millis", p.millis);
    }
    ObjectNode timings = root.putObject("timings_ms");
    for (Map.Entry<String, Long> e : r.timingsMillis.entrySet()) timings.put(e.getKey(), e.getValue());
    return root;
  }
}
