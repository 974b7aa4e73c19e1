package sparkprop.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import sparkprop.LocalSpark;
import sparkprop.aggregate.PartialSum;
import sparkprop.app.DataOptions;
import sparkprop.app.MemoryPlan;
import sparkprop.app.ModelLoader;
import sparkprop.app.ModelOptions;
import sparkprop.app.PreparedRows;
import sparkprop.model.Model;
import sparkprop.nn.PixelScale;
import sparkprop.pass.PartitionHook;
import sparkprop.pass.DistributedPass;
import sparkprop.pass.PassSettings;
import sparkprop.pass.PlacedPass;
import sparkprop.read.HadoopConf;

/**
 * The placed pass computes one partition several times in one job, each copy bit for bit the partial the
 * ordinary pass computes, and the driver referee's recomputation from storage is bit for bit the same too:
 * so on one kernel any differing bit is a machine's fault, not the screen's.
 */
class PlacedReplicasTest {
  @Test
  void replicasAndTheDriverRefereeAgreeBitForBitWithTheOrdinaryPass() {
    JavaSparkContext sc = LocalSpark.context();
    DataOptions d = new DataOptions();
    d.limit = 600;
    d.partitions = 3;
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    PreparedRows data = PreparedRows.open(sc, d, conf);
    try {
      ModelOptions m = new ModelOptions();
      Model model = ModelLoader.load(m, data.source, conf.get(), MemoryPlan.of(sc, m, data));
      PassSettings settings = new PassSettings(model.architecture, m.precision, 128, PixelScale.BYTE, 2, true);
      PartialSum ordinary = DistributedPass.run(sc, data.rows, model.parameters, settings, PartitionHook.NONE);
      List<PartialSum> placed = PlacedPass.run(sc, data.rows, model.parameters, settings, new ScreenHook(),
          List.of(new PlacedPass.Slot(1, null, null), new PlacedPass.Slot(1, null, null), new PlacedPass.Slot(2, null, null)));
      assertEquals(3, placed.size());
      double[] expected = ordinary.records.get(1).partial.sums();
      assertArrayEquals(bits(expected), bits(placed.get(0).sum.sums()));
      assertArrayEquals(bits(expected), bits(placed.get(1).sum.sums()));
      assertArrayEquals(bits(ordinary.records.get(2).partial.sums()), bits(placed.get(2).sum.sums()));
      assertEquals(ExecutorFacts.here(), placed.get(0).records.get(0).observed(ExecutorFacts.class), "the executor's facts ride back");
      Replica referee = DriverReferee.compute(1, data, model.parameters, settings, conf.get());
      assertArrayEquals(bits(expected), bits(referee.sum().sums()), "the driver's recomputation from storage");
      assertEquals(Double.doubleToRawLongBits(placed.get(0).sum.lossSum()), Double.doubleToRawLongBits(referee.sum().lossSum()));
    } finally {
      data.release();
    }
  }

  private static long[] bits(double[] x) {
    long[] out = new long[x.length];
    for (int k = 0; k < x.length; k++) out[k] = Double.doubleToRawLongBits(x[k]);
    return out;
  }
}
