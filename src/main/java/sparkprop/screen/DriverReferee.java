package sparkprop.screen;

import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import sparkprop.aggregate.GradientSum;
import sparkprop.app.PreparedRows;
import sparkprop.nn.GradientPass;
import sparkprop.nn.Network;
import sparkprop.nn.Parameters;
import sparkprop.pass.PassSettings;
import sparkprop.rows.RowChunk;

/**
 * The referee of last resort, when no third executor is left: the driver reads the partition's rows again
 * from storage and computes its partial with the same kernel and blocks, as {@code --verify-partitions}
 * does. Its own code path, never a Spark task, so an operator's fire drill on the driver's node never
 * touches it.
 */
final class DriverReferee {
  private DriverReferee() {}

  static Replica compute(int partition, PreparedRows data, Parameters theta, PassSettings settings, Configuration conf) {
    GradientPass pass = pass(partition, data, theta, settings, conf, false);
    GradientSum sum = new GradientSum(theta.layout(), pass.gradientSums(), pass.lossSum(), pass.rows(), pass.termsPerRow());
    String host = org.apache.spark.SparkEnv.get().blockManager().blockManagerId().host();
    return new Replica(partition, new Executor(Replica.DRIVER, host), ExecutorFacts.here(), sum);
  }

  /**
   * S of the partition's gradient elements (the sums of their per-row terms' absolute values, unscaled, θ's
   * layout), for the floor of a comparison across kernels ({@link ComparisonRule}).
   */
  static double[] absoluteTerms(int partition, PreparedRows data, Parameters theta, PassSettings settings, Configuration conf) {
    return pass(partition, data, theta, settings, conf, true).absoluteTermSums();
  }

  /** The partition's rows read again from storage through the kernel, with its absolute terms when asked. */
  private static GradientPass pass(int partition, PreparedRows data, Parameters theta, PassSettings settings,
      Configuration conf, boolean absoluteTerms) {
    Network network = new Network(theta, settings.architecture, settings.precision);
    GradientPass pass = new GradientPass(network, settings.blockRows, settings.scale, false);
    if (absoluteTerms) pass.withAbsoluteTerms();
    Iterator<RowChunk> rows = data.selection.apply(data.source.readPart(partition, data.partitions, conf));
    while (rows.hasNext()) pass.accumulate(rows.next(), null);
    return pass;
  }
}
