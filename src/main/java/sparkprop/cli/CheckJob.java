package sparkprop.cli;

import java.util.Comparator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import sparkprop.BadInputException;
import sparkprop.aggregate.Gradients;
import sparkprop.aggregate.PartialSum;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.aggregate.TreeSum;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.FiniteDifferenceCheck;
import sparkprop.compare.PartitionVerification;
import sparkprop.compare.ReferenceGradient;
import sparkprop.compare.ReferenceInputGradient;
import sparkprop.compare.TensorComparison;
import sparkprop.compare.Tolerances;
import sparkprop.nn.Blas;
import sparkprop.nn.MlpShape;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.partition.PartitionGradientFunction;
import sparkprop.partition.RowPartitions;
import sparkprop.partition.RowSelection;
import sparkprop.partition.SelectedRows;
import sparkprop.partition.ValidationSplit;
import sparkprop.read.HadoopConf;
import sparkprop.read.RowChunk;
import sparkprop.read.RowSource;
import sparkprop.read.RowSources;
import sparkprop.read.WeightsFile;
import sparkprop.report.CheckResult;

/**
 * The check, end to end: read → partition → forward/backward per partition → tree-aggregate → scale
 * by N → compare with the single-node reference and with finite differences.
 */
public final class CheckJob {
  /** Seed of the finite-difference directions; fixed so that reruns check the same directions. */
  static final long FD_SEED = 20261127L;

  private CheckJob() {}

  public static CheckResult run(JavaSparkContext sc, JobOptions o) {
    long start = System.nanoTime();
    CheckResult r = new CheckResult();
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    RowSource data = RowSources.open(o.data, o.format, o.pixelMax, conf.get());
    int m = data.pixelsPerImage();
    Parameters theta = o.weights != null
        ? WeightsFile.load(o.weights, conf.get(), m)
        : Parameters.standardNormal(new MlpShape(m, o.hidden), o.seed);
    int partitions = o.partitions > 0 ? o.partitions : sc.defaultParallelism();
    if (o.injectFault >= partitions) {
      throw new BadInputException("--inject-fault " + o.injectFault + ": there are only " + partitions + " partitions");
    }
    PixelScale scale = PixelScale.BYTE;
    Tolerances tol = Tolerances.of(o.precision);

    // read → partition: each task reads its own part; the cache keeps the rows as bytes.
    long t = System.nanoTime();
    long limit = o.limit;
    if (limit > 0 && data.knownRowCount() >= 0) { // cut the source itself, so every part gets rows
      data = data.firstRows(limit);
      limit = 0;
    }
    JavaRDD<RowChunk> parts = RowPartitions.of(sc, data, partitions, conf).persist(StorageLevel.MEMORY_ONLY());
    ValidationSplit split = o.split == null ? null : new ValidationSplit(o.validFraction, o.splitSeed, o.split);
    RowSelection selection = SelectedRows.selection(parts, limit, split);
    JavaRDD<RowChunk> rows = parts.mapPartitions(selection::apply, true);
    long n = SelectedRows.count(rows);
    if (n == 0) throw BadInputException.inFile(data.location(), "no rows to check after --limit and --split");

    // The rows compared with the reference: all of them, or (--reference-rows) a subset chosen by row id.
    RowSelection compared = selection;
    JavaRDD<RowChunk> comparedRows = rows;
    long nCompared = n;
    if (o.referenceRows > 0 && o.referenceRows < n) {
      compared = selection.withSubsetHashAtMost(SelectedRows.subsetThreshold(rows, o.referenceRows));
      comparedRows = parts.mapPartitions(compared::apply, true);
      nCompared = SelectedRows.count(comparedRows);
    }
    if (nCompared * m > Integer.MAX_VALUE - 8) {
      throw BadInputException.inFile(data.location(), nCompared
          + " rows: more than the single-node reference can hold; use --reference-rows");
    }
    r.timingsMillis.put("read_and_cache", millisSince(t));
    describeRun(r, o, sc, data, n, partitions, theta.shape());
    r.referenceRows = nCompared;

    Broadcast<Parameters> parameters = null;
    Broadcast<ReferenceInputGradient> referenceInput = null;
    try {
      // The single-node reference, on the driver, read straight from storage.
      t = System.nanoTime();
      RowChunk referenceRows = SelectedRows.onDriver(data, compared, conf, nCompared == n ? 1 : partitions);
      ReferenceGradient reference =
          ReferenceGradient.compute(theta, o.precision, o.blockRows, scale, referenceRows, o.inputCheck);
      r.reference = reference.gradients;
      r.timingsMillis.put("reference", millisSince(t));

      // forward/backward per partition → tree aggregate → scale once by N.
      t = System.nanoTime();
      parameters = sc.broadcast(theta);
      referenceInput = o.inputCheck ? sc.broadcast(reference.input) : null;
      JavaRDD<PartialSum> partials = comparedRows.mapPartitionsWithIndex(new PartitionGradientFunction(
          parameters, o.precision, o.blockRows, scale, referenceInput, nCompared, o.injectFault, o.verifyPartitions),
          true);
      PartialSum total = TreeSum.sum(partials, o.treeDepth);
      r.distributed = total.sum.mean();
      r.timingsMillis.put("distributed", millisSince(t));
      total.records.sort(Comparator.comparingInt(p -> p.partition));
      r.partitionRecords.addAll(total.records);
      if (o.injectFault >= 0 && total.records.get(o.injectFault).rows == 0) {
        throw new BadInputException("--inject-fault " + o.injectFault + ": that partition holds no rows, so no fault could be injected");
      }
      if (nCompared < n) {
        // The full distributed gradient, which the report and gradients.npz give besides the subset's.
        t = System.nanoTime();
        r.distributedAllRows = TreeSum.sum(rows.mapPartitionsWithIndex(new PartitionGradientFunction(
            parameters, o.precision, o.blockRows, scale, null, n, -1, false), true), o.treeDepth).sum.mean();
        r.timingsMillis.put("distributed_all_rows", millisSince(t));
      }

      compare(r, tol, nCompared * m);

      if (o.verifyPartitions) {
        t = System.nanoTime();
        r.verification = PartitionVerification.run(r.partitionRecords, data, compared, theta, o.precision,
            o.blockRows, scale, tol.gradientRtol, conf.get());
        r.timingsMillis.put("verify_partitions", millisSince(t));
      }

      if (o.fdDirections > 0) {
        t = System.nanoTime();
        r.finiteDifference = FiniteDifferenceCheck.run(theta, r.distributed, referenceRows, o.blockRows, scale,
            o.fdDirections, o.fdEpsilon, tol.finiteDifferenceRtol, FD_SEED);
        r.timingsMillis.put("finite_difference", millisSince(t));
      }
    } finally {
      parts.unpersist(false);
      if (parameters != null) parameters.destroy();
      if (referenceInput != null) referenceInput.destroy();
    }
    r.timingsMillis.put("total", millisSince(start));
    return r;
  }

  private static void describeRun(CheckResult r, JobOptions o, JavaSparkContext sc, RowSource data, long n,
      int partitions, MlpShape shape) {
    r.data = data.location();
    r.weights = o.weights;
    r.seed = o.seed;
    r.rows = n;
    r.partitions = partitions;
    r.precision = o.precision.label();
    r.blockRows = o.blockRows;
    r.inputs = shape.inputs;
    r.hidden = shape.hidden;
    r.treeDepth = o.treeDepth;
    r.injectedFaultPartition = o.injectFault;
    r.blas = Blas.implementation();
    r.blasNative = Blas.isNative();
    r.sparkVersion = sc.version();
    r.sparkMaster = sc.master();
    r.applicationId = sc.sc().applicationId();
  }

  /** Tensor by tensor: w1, b1, w2, b2, the loss, and the input gradient's merged statistics. */
  private static void compare(CheckResult r, Tolerances tol, long inputElements) {
    Gradients a = r.distributed;
    Gradients b = r.reference;
    for (MlpShape.Tensor t : MlpShape.Tensor.values()) {
      r.tensors.add(new TensorComparison(t.key, toLong(a.shape.numpyShape(t)),
          Discrepancy.of(a.tensor(t), b.tensor(t)), tol.gradientRtol));
    }
    r.tensors.add(new TensorComparison("loss", new long[0],
        Discrepancy.of(new double[] {a.loss}, new double[] {b.loss}), tol.lossRtol));
    Discrepancy input = null;
    for (PartitionRecord p : r.partitionRecords) {
      if (p.input != null) input = input == null ? new Discrepancy().merge(p.input) : input.merge(p.input);
      if (p.nonFinite != null && r.nonFinitePartition < 0) {
        r.nonFinitePartition = p.partition;
        r.nonFiniteTensor = p.nonFinite;
      }
    }
    if (input != null) {
      if (input.elements() != inputElements) {
        throw new IllegalStateException("input gradient compared on " + input.elements() + " of " + inputElements + " elements");
      }
      r.tensors.add(new TensorComparison("input", new long[] {r.referenceRows, r.inputs}, input, tol.inputRtol));
    }
  }

  private static long[] toLong(int[] shape) {
    long[] out = new long[shape.length];
    for (int k = 0; k < shape.length; k++) out[k] = shape[k];
    return out;
  }

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
