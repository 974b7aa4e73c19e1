package sparkprop.compare;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import sparkprop.aggregate.GradientSum;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.nn.GradientPass;
import sparkprop.nn.Network;
import sparkprop.nn.Parameters;
import sparkprop.partition.RowSelection;
import sparkprop.pass.PassSettings;
import sparkprop.rows.RowChunk;
import sparkprop.read.RowSource;

/**
 * {@code --verify-partitions}: the driver reads each partition's rows again from storage, recomputes
 * its partial sums with the same kernel and block layout, and compares them with what the executor
 * sent. A partition whose two results differ beyond the gradient tolerance (relative to the
 * partition's own largest element, plus each element's floor from the recomputation's S: {@link
 * Tolerances}) is named with the executor and host that produced it — screening
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

  private PartitionVerification(int partitionsChecked, double rtol, List<Deviation> deviations) {
    this.partitionsChecked = partitionsChecked;
    this.rtol = rtol;
    this.deviations = deviations;
  }

  public boolean pass() {
    return deviations.isEmpty();
  }

  /** @param records one per partition, each carrying its partial ({@link PartitionRecord#partial}) */
  public static PartitionVerification run(List<PartitionRecord> records, RowSource source, RowSelection selection,
      Parameters parameters, PassSettings settings, Tolerances tolerances, Configuration conf) {
    double rtol = tolerances.gradientRtol;
    List<Deviation> deviations = new ArrayList<>();
    Network network = new Network(parameters, settings.architecture, settings.precision);
    for (PartitionRecord record : records) {
      if (record.partial == null) throw new IllegalStateException("partition " + record.partition + " kept no partial");
      GradientPass pass = new GradientPass(network, settings.blockRows, settings.scale, false).withAbsoluteTerms();
      Iterator<RowChunk> rows = selection.apply(source.readPart(record.partition, records.size(), conf));
      while (rows.hasNext()) pass.accumulate(rows.next(), null);
      GradientSum again = new GradientSum(parameters.layout(), pass.gradientSums(), pass.lossSum(), pass.rows(),
          pass.termsPerRow());
      Discrepancy d = tolerances.discrepancy(record.partial.sums(), again.sums(), pass.absoluteTermSums());
      d.merge(tolerances.discrepancy(new double[] {record.partial.lossSum()}, new double[] {again.lossSum()},
          new double[] {pass.absoluteLossSum()}));
      if (record.partial.rows() != again.rows() || !Tolerances.within(d, rtol)) deviations.add(new Deviation(record, d));
    }
    return new PartitionVerification(records.size(), rtol, deviations);
  }
}
