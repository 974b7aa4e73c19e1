package sparkprop.compare;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import sparkprop.aggregate.GradientSum;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.nn.Mlp;
import sparkprop.nn.MlpPass;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.partition.RowSelection;
import sparkprop.read.RowChunk;
import sparkprop.read.RowSource;

/**
 * {@code --verify-partitions}: the driver reads each partition's rows again from storage, recomputes
 * its partial sums with the same kernel and block layout, and compares them with what the executor
 * sent. A partition whose two results differ beyond the gradient tolerance (relative to the
 * partition's own largest element) is named with the executor and host that produced it — screening
 * for silent data corruption on one machine of a fleet.
 */
public final class PartitionVerification {
  /** A partition whose executor's partial disagrees with the driver's recomputation. */
  public static final class Deviation {
    public final PartitionRecord record;
    public final Discrepancy discrepancy;

    Deviation(PartitionRecord record, Discrepancy discrepancy) {
      this.record = record;
      this.discrepancy = discrepancy;
    }
  }

  public final int partitionsChecked;
  public final double rtol;
  public final List<Deviation> deviations;
  public final long millis;

  private PartitionVerification(int partitionsChecked, double rtol, List<Deviation> deviations, long millis) {
    this.partitionsChecked = partitionsChecked;
    this.rtol = rtol;
    this.deviations = deviations;
    this.millis = millis;
  }

  public boolean pass() {
    return deviations.isEmpty();
  }

  /** @param records one per partition, each carrying its partial ({@link PartitionRecord#partial}) */
  public static PartitionVerification run(List<PartitionRecord> records, RowSource source, RowSelection selection,
      Parameters parameters, Precision precision, int blockRows, PixelScale scale, double rtol, Configuration conf) {
    long start = System.nanoTime();
    List<Deviation> deviations = new ArrayList<>();
    Mlp mlp = new Mlp(parameters, precision);
    for (PartitionRecord record : records) {
      if (record.partial == null) throw new IllegalStateException("partition " + record.partition + " kept no partial");
      MlpPass pass = new MlpPass(mlp, blockRows, scale, false);
      Iterator<RowChunk> rows = selection.apply(source.readPart(record.partition, records.size(), conf));
      while (rows.hasNext()) pass.accumulate(rows.next(), null);
      GradientSum again = new GradientSum(parameters.shape(), pass.gradientSums(), pass.squaredErrors(), pass.rows());
      Discrepancy d = Discrepancy.of(record.partial.theta(), again.theta());
      d.merge(Discrepancy.of(new double[] {record.partial.squaredErrors()}, new double[] {again.squaredErrors()}));
      if (record.partial.rows() != again.rows() || !Tolerances.within(d, rtol)) deviations.add(new Deviation(record, d));
    }
    return new PartitionVerification(records.size(), rtol, deviations, (System.nanoTime() - start) / 1_000_000);
  }
}
