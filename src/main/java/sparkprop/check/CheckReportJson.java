package sparkprop.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sparkprop.Json.NonFiniteAsString;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.blas.BlasInfo;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.FiniteDifferenceCheck;
import sparkprop.compare.PartitionVerification;
import sparkprop.compare.TensorComparison;
import sparkprop.compare.Tolerances;
import sparkprop.peer.PeerJson;

/**
 * check's {@code report.json}: the check's result for machines, one record per object, its components
 * in the file's order (the schema is in README "Output"). Every number here predates the rule that
 * writes NaN and ±∞ as null, and keeps the strings "NaN", "Infinity", "-Infinity" ({@link sparkprop.Json}).
 *
 * @param tensors  per w1, b1, …, loss, input, in that order
 * @param peer     with {@code --against mllib}; else null
 * @param timingsMs stage → milliseconds
 */
public record CheckReportJson(int schemaVersion, String verdict, List<String> failures, long rows, long referenceRows,
    int partitions, String precision, Loss loss, Map<String, Tensor> tensors, Floor floor,
    FiniteDifference finiteDifference, VerifyPartitions verifyPartitions, Place nonFinite, PeerJson peer,
    Place injectedFault, Model model, String data, int blockRows, int treeDepth, Blas blas, Spark spark,
    List<Partition> partitionTable, Map<String, Long> timingsMs) {

  /** 2: any depth ({@code model.layers}, {@code activation}, {@code loss}); one {@code tensors} entry per layer's w and b. */
  public static final int SCHEMA_VERSION = 2;

  /** The mean loss on each path; {@code allRows}: the distributed one over every row (with --reference-rows). */
  public record Loss(@NonFiniteAsString double distributed, @NonFiniteAsString double reference,
      @NonFiniteAsString double allRows) {}

  /** One tensor's comparison under the rule of {@link Tolerances}. */
  public record Tensor(long[] shape, @NonFiniteAsString double maxAbsDiff, @NonFiniteAsString double maxAbsReference,
      @NonFiniteAsString double relativeDiff, @NonFiniteAsString double rtol, long nonFinite, boolean pass,
      @NonFiniteAsString double floorMax, @NonFiniteAsString double excessOverFloor,
      @NonFiniteAsString double diffOverFloor) {
    static Tensor of(TensorComparison t) {
      Discrepancy d = t.discrepancy;
      return new Tensor(t.shape, d.maxAbsDiff(), d.maxAbsReference(), d.relative(), t.rtol, d.nonFinite(), t.pass,
          d.maxFloor(), d.maxExcessOverFloor(), d.maxDiffOverFloor());
    }
  }

  /** The floor's constants: c, ε and n of c·ε·√n·S. */
  public record Floor(@NonFiniteAsString double c, @NonFiniteAsString double unitRoundoff, long chainRows) {}

  public record FiniteDifference(boolean pass, @NonFiniteAsString double epsilon, @NonFiniteAsString double rtol,
      @NonFiniteAsString double floor, @NonFiniteAsString double gradientNorm, long seed, List<Direction> directions) {
    static FiniteDifference of(FiniteDifferenceCheck fd) {
      List<Direction> directions = new ArrayList<>();
      for (FiniteDifferenceCheck.Direction d : fd.directions) {
        directions.add(new Direction(d.finiteDifference, d.analytic, d.error, d.pass));
      }
      return new FiniteDifference(fd.pass, fd.epsilon, fd.rtol, fd.floor, fd.gradientNorm, fd.seed, directions);
    }
  }

  public record Direction(@NonFiniteAsString double finiteDifference, @NonFiniteAsString double analytic,
      @NonFiniteAsString double error, boolean pass) {}

  public record VerifyPartitions(boolean pass, int partitionsChecked, @NonFiniteAsString double rtol,
      List<Deviation> deviating) {
    static VerifyPartitions of(PartitionVerification v) {
      List<Deviation> deviating = new ArrayList<>();
      for (PartitionVerification.Deviation d : v.deviations) {
        Discrepancy x = d.discrepancy;
        deviating.add(new Deviation(d.record.partition, d.record.executorId, d.record.host, d.record.attempt,
            x.maxAbsDiff(), x.relative(), x.maxFloor(), x.maxExcessOverFloor()));
      }
      return new VerifyPartitions(v.pass(), v.partitionsChecked, v.rtol, deviating);
    }
  }

  /** A partition whose executor's partial disagrees with the driver's recomputation. */
  public record Deviation(int partition, String executor, String host, int attempt,
      @NonFiniteAsString double maxAbsDiff, @NonFiniteAsString double relativeDiff,
      @NonFiniteAsString double floorMax, @NonFiniteAsString double excessOverFloor) {}

  /** A tensor of one partition's partial: where NaN/±∞ first arose, or where --inject-fault changed it. */
  public record Place(int partition, String tensor) {}

  /** @param parameters θ's length; @param weights the file, or null; @param init null when the weights came from a file */
  public record Model(int[] layers, String activation, String loss, int parameters, String weights, String init,
      long seed) {}

  /** The BLAS that ran; source, library, version, core and threads only for a native one. */
  public record Blas(String implementation, @JsonProperty("native") boolean isNative,
      @JsonInclude(JsonInclude.Include.NON_NULL) String source,
      @JsonInclude(JsonInclude.Include.NON_NULL) String library,
      @JsonInclude(JsonInclude.Include.NON_NULL) String version,
      @JsonInclude(JsonInclude.Include.NON_NULL) String core,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer threads) {
    static Blas of(String implementation, boolean isNative, BlasInfo info) {
      if (info == null) return new Blas(implementation, isNative, null, null, null, null, null);
      return new Blas(implementation, isNative, info.source.name().toLowerCase(Locale.ROOT), info.library, info.version,
          info.coreName, info.threads);
    }
  }

  public record Spark(String version, String master, String applicationId) {}

  public record Partition(int partition, long rows, String executor, String host, int attempt,
      @NonFiniteAsString double lossSum, long millis) {
    static Partition of(PartitionRecord p) {
      return new Partition(p.partition, p.rows, p.executorId, p.host, p.attempt, p.lossSum, p.millis);
    }
  }

  public static CheckReportJson of(CheckResult r) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (TensorComparison t : r.tensors) tensors.put(t.name, Tensor.of(t));
    return new CheckReportJson(SCHEMA_VERSION, r.pass() ? "pass" : "fail", r.failures(), r.rows, r.referenceRows,
        r.partitions, r.precision, new Loss(r.distributed.loss, r.reference.loss, r.fullGradient().loss), tensors,
        new Floor(Tolerances.FLOOR_C, r.tolerances.unitRoundoff, r.tolerances.chainRows),
        r.finiteDifference == null ? null : FiniteDifference.of(r.finiteDifference),
        r.verification == null ? null : VerifyPartitions.of(r.verification),
        r.nonFinitePartition < 0 ? null : new Place(r.nonFinitePartition, r.nonFiniteTensor),
        r.peer == null ? null : PeerJson.of(r.peer, r.distributed, r.reference),
        r.injectedFaultPartition < 0 ? null : new Place(r.injectedFaultPartition, r.injectedFaultTensor),
        new Model(r.layout.sizes(), r.architecture.activation.label(), r.architecture.loss.label(), r.layout.size(),
            r.weights, r.init, r.seed),
        r.data, r.blockRows, r.treeDepth, Blas.of(r.blas, r.blasNative, r.blasInfo),
        new Spark(r.sparkVersion, r.sparkMaster, r.applicationId),
        r.partitionRecords.stream().map(Partition::of).toList(), r.timingsMillis);
  }
}
