package sparkprop.check;

import static sparkprop.Internals.construct;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkprop.Json;
import sparkprop.JsonPin;
import sparkprop.aggregate.GradientSum;
import sparkprop.aggregate.Gradients;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.aggregate.TaskPlace;
import sparkprop.blas.BlasInfo;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.FiniteDifferenceCheck;
import sparkprop.compare.PartitionVerification;
import sparkprop.compare.TensorComparison;
import sparkprop.peer.MllibMeasurement;
import sparkprop.peer.PeerResult;
import sparkprop.report.html.SyntheticCheck;

/**
 * report.json of a check, pinned byte for byte: every key, its order, and how each number is written —
 * NaN and ±∞ as the strings "NaN", "Infinity", "-Infinity" in every key that had them — as pipelines
 * have read it so far. One document with every optional object present (finite differences, a deviating
 * partition, non-finite numbers, the peer, an injected fault, the native BLAS), one with each of them null.
 */
class CheckReportJsonTest {
  @Test
  void aCheckWithEveryObjectAndNonFiniteNumbersKeepsItsEncoding() throws Exception {
    JsonPin.assertPinned(CheckReportJsonTest.class, "check-report-full.json", Json.pretty(CheckReportJson.of(full())));
  }

  @Test
  void aPlainCheckKeepsItsEncoding() throws IOException {
    JsonPin.assertPinned(CheckReportJsonTest.class, "check-report-plain.json",
        Json.pretty(CheckReportJson.of(SyntheticCheck.of(new int[] {4, 3, 2}, 2, -1))));
  }

  /** A 4-3-2 check whose distributed gradient holds a NaN and an ∞, with every optional part filled in. */
  static CheckResult full() throws ReflectiveOperationException {
    CheckResult r = SyntheticCheck.of(new int[] {4, 3, 2}, 3, 1);
    double[] a = r.distributed.gradient().clone();
    a[0] = Double.NaN;
    a[a.length - 1] = Double.POSITIVE_INFINITY;
    r.distributed = new Gradients(r.layout, a, Double.NaN, r.rows);
    r.tensors.clear();
    r.tensors.addAll(TensorComparison.of(r.distributed, r.reference, r.referenceAbsoluteTerms, r.tolerances));
    r.weights = "/data/weights.npz";
    r.init = null;
    r.seed = 42;
    r.injectedFaultPartition = 1;
    r.injectedFaultTensor = "w1";
    r.nonFinitePartition = 0;
    r.nonFiniteTensor = "w1";
    r.blas = "JNIBLAS";
    r.blasNative = true;
    r.blasInfo = construct(BlasInfo.class, "JNIBLAS", BlasInfo.Source.BUNDLED, "/tmp/o/libopenblas.so.0",
        "/tmp/o/libopenblas.so.0", "0.3.31", "Haswell", 1, "bundled");
    r.finiteDifference = construct(FiniteDifferenceCheck.class, 1e-6, 1e-3, 2.5e-12, 0.75, 7L, List.of(
        construct(FiniteDifferenceCheck.Direction.class, 0.125, 0.1250000001, 8.0e-10, true),
        construct(FiniteDifferenceCheck.Direction.class, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NaN, false)));
    PartitionRecord deviating = new PartitionRecord(2, new TaskPlace("3", "host-3", 1),
        new GradientSum(r.layout, new double[r.layout.size()], Double.NaN, 500, 1), 17, null, "loss", false);
    r.partitionRecords.add(deviating);
    r.verification = construct(PartitionVerification.class, 4, 1e-9, List.of(
        construct(PartitionVerification.Deviation.class, deviating, Discrepancy.of(a, r.reference.gradient(),
            r.tolerances.floors(r.referenceAbsoluteTerms.gradient())))));
    double[] mllib = r.reference.gradient().clone();
    for (int k = 0; k < mllib.length; k++) mllib[k] *= 1 + 1e-3;
    List<int[]> blocks = new ArrayList<>(List.of(new int[] {128, 128, 44}, new int[] {128, 72}));
    MllibMeasurement m = construct(MllibMeasurement.class, "4.2.0", 128, 500L, 5L,
        new Gradients(r.layout, mllib, Double.NEGATIVE_INFINITY, 500), new Gradients(r.layout, r.reference.gradient().clone(),
            0.5, 500), blocks);
    r.peer = PeerResult.of(m, r.reference, r.referenceAbsoluteTerms);
    r.timingsMillis.put("reference", 12L);
    r.timingsMillis.put("distributed", 34L);
    return r;
  }
}
