package sparkprop.check;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import sparkprop.BadInputException;
import sparkprop.aggregate.PartialSum;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.app.MemoryPlan;
import sparkprop.app.PreparedRows;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.FiniteDifferenceCheck;
import sparkprop.compare.PartitionVerification;
import sparkprop.compare.ReferenceGradient;
import sparkprop.compare.ReferenceInputGradient;
import sparkprop.compare.TensorComparison;
import sparkprop.compare.Tolerances;
import sparkprop.model.Model;
import sparkprop.app.ModelLoader;
import sparkprop.nn.Blas;
import sparkprop.nn.PixelScale;
import sparkprop.pass.DistributedPass;
import sparkprop.pass.InjectedFault;
import sparkprop.pass.PartitionHook;
import sparkprop.pass.PassSettings;
import sparkprop.peer.MllibPeer;
import sparkprop.read.HadoopConf;
import sparkprop.rows.RowChunk;

/**
 * The check, end to end: read → partition → forward/backward per partition → tree-aggregate → scale
 * by N → compare with the single-node reference and with finite differences.
 */
public final class CheckJob {
  /** Seed of the finite-difference directions; fixed so that reruns check the same directions. */
  static final long FD_SEED = 20261127L;

  private CheckJob() {}

  public static CheckResult run(JavaSparkContext sc, CheckOptions o) {
    long start = System.nanoTime();
    CheckResult r = new CheckResult();
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    long t = System.nanoTime();
    PreparedRows data = PreparedRows.open(sc, o.data, conf);
    try {
      // The rows compared with the reference: all of them, or (--reference-rows) a subset chosen by row id.
      PreparedRows compared = data.subset(o.referenceRows);
      // θ, the reference's and the distributed gradient on the driver: checked against the heaps before θ exists.
      Model model = ModelLoader.load(o.model, data.source, conf.get(),
          MemoryPlan.of(sc, o.model, data).reference(compared.count, o.inputCheck).keeping(2));
      if (o.peer.against != null) MllibPeer.requireComparable(o.peer, model, o.model.precision); // before any pass
      InjectedFault fault = InjectedFault.of(o.injectFault, o.faultTensor, model.layout(), data.partitions);
      PassSettings settings = new PassSettings(model.architecture, o.model.precision, o.model.blockRows,
          PixelScale.BYTE, o.model.treeDepth, o.verifyPartitions);
      Tolerances tol = Tolerances.of(o.model.precision, compared.count);

      if (compared.count * data.inputs() > Integer.MAX_VALUE - 8) {
        throw BadInputException.inFile(data.source.location(), compared.count
            + " rows: more than the single-node reference can hold; use --reference-rows");
      }
      r.timingsMillis.put("read_and_cache", millisSince(t));
      describeRun(r, o, sc, data, model);
      r.referenceRows = compared.count;

      // The single-node reference, on the driver, read straight from storage.
      t = System.nanoTime();
      RowChunk referenceRows = compared.onDriver(conf, compared == data);
      ReferenceGradient reference = ReferenceGradient.compute(model.parameters, settings, referenceRows, o.inputCheck);
      r.reference = reference.gradients;
      r.referenceAbsoluteTerms = reference.absoluteTerms;
      r.timingsMillis.put("reference", millisSince(t));

      // forward/backward per partition → tree aggregate → scale once by N.
      t = System.nanoTime();
      Broadcast<ReferenceInputGradient> referenceInput = o.inputCheck ? sc.broadcast(reference.input) : null;
      PartialSum total;
      try {
        double inputScale = 1.0 / ((double) compared.count * model.architecture.loss.termsPerRow(model.layout()));
        total = DistributedPass.run(sc, compared.rows, model.parameters, settings,
            new CheckHook(referenceInput, inputScale, tol, fault));
      } finally {
        if (referenceInput != null) referenceInput.destroy();
      }
      r.distributed = total.sum.mean();
      r.timingsMillis.put("distributed", millisSince(t));
      r.partitionRecords.addAll(total.records);
      if (o.injectFault >= 0 && total.records.get(o.injectFault).rows == 0) {
        throw new BadInputException("--inject-fault " + o.injectFault + ": that partition holds no rows, so no fault could be injected");
      }
      if (compared != data) {
        // The full distributed gradient, which the report and gradients.npz give besides the subset's.
        t = System.nanoTime();
        r.distributedAllRows = DistributedPass.run(sc, data.rows, model.parameters, settings.keepingPartials(false),
            PartitionHook.NONE).sum.mean();
        r.timingsMillis.put("distributed_all_rows", millisSince(t));
      }

      compare(r, tol, compared.count * data.inputs());

      if (o.peer.against != null) {
        // MLlib's own gradient on the very rows and partitions the reference covers.
        t = System.nanoTime();
        r.peer = MllibPeer.check(sc, compared.rows, model, o.peer.blockSize, r.reference, r.referenceAbsoluteTerms);
        r.timingsMillis.put("mllib_peer", millisSince(t));
      }

      if (o.verifyPartitions) {
        t = System.nanoTime();
        r.verification = PartitionVerification.run(r.partitionRecords, data.source, compared.selection,
            model.parameters, settings, tol, conf.get());
        r.timingsMillis.put("verify_partitions", millisSince(t));
      }

      if (o.fdDirections > 0) {
        t = System.nanoTime();
        r.finiteDifference = FiniteDifferenceCheck.run(model.parameters, model.architecture, r.distributed,
            r.referenceAbsoluteTerms, referenceRows, o.model.blockRows, PixelScale.BYTE,
            new FiniteDifferenceCheck.Settings(o.fdDirections, o.fdEpsilon, tol, FD_SEED), sc.sc()::isStopped);
        r.timingsMillis.put("finite_difference", millisSince(t));
      }
    } finally {
      data.release();
    }
    r.timingsMillis.put("total", millisSince(start));
    return r;
  }

  private static void describeRun(CheckResult r, CheckOptions o, JavaSparkContext sc, PreparedRows data, Model model) {
    r.data = data.source.location();
    r.weights = model.weights;
    r.seed = o.model.seed;
    r.init = model.weights == null ? o.model.init.label() : null;
    r.rows = data.count;
    r.partitions = data.partitions;
    r.precision = o.model.precision.label();
    r.blockRows = o.model.blockRows;
    r.layout = model.layout();
    r.architecture = model.architecture;
    r.treeDepth = o.model.treeDepth;
    r.injectedFaultPartition = o.injectFault;
    r.injectedFaultTensor = o.injectFault >= 0 ? o.faultTensor : null;
    r.blas = Blas.implementation();
    r.blasNative = Blas.isNative();
    r.blasInfo = Blas.nativeInfo();
    r.sparkVersion = sc.version();
    r.sparkMaster = sc.master();
    r.applicationId = sc.sc().applicationId();
  }

  /** Tensor by tensor: every layer's weight and bias, the loss, and the input gradient's merged statistics. */
  private static void compare(CheckResult r, Tolerances tol, long inputElements) {
    r.tolerances = tol;
    r.tensors.addAll(TensorComparison.of(r.distributed, r.reference, r.referenceAbsoluteTerms, tol));
    Discrepancy input = null;
    for (PartitionRecord p : r.partitionRecords) {
      Discrepancy d = p.observed(Discrepancy.class);
      if (d != null) {
        input = input == null ? new Discrepancy().merge(d) : input.merge(d);
      }
      if (p.nonFinite != null && r.nonFinitePartition < 0) {
        r.nonFinitePartition = p.partition;
        r.nonFiniteTensor = p.nonFinite;
      }
    }
    if (input != null) {
      if (input.elements() != inputElements) {
        throw new IllegalStateException("input gradient compared on " + input.elements() + " of " + inputElements + " elements");
      }
      r.tensors.add(new TensorComparison("input", new long[] {r.referenceRows, r.layout.inputs()}, input, tol.inputRtol));
    }
  }

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
