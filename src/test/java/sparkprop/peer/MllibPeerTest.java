package sparkprop.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sparkprop.LocalSpark;
import sparkprop.aggregate.GradientSum;
import sparkprop.aggregate.Gradients;
import sparkprop.app.PreparedRows;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.ReferenceGradient;
import sparkprop.compare.TensorComparison;
import sparkprop.model.Model;
import sparkprop.nn.GradientPass;
import sparkprop.nn.Network;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.pass.PassSettings;
import sparkprop.rows.RowChunk;

/**
 * MLlib's own gradient code on 300 rows of the bundled sample in 3 partitions of 100 rows, blocks of 64:
 * every partition is one full block and one of 36 rows, so MLlib's mean of block means is not the mean.
 * What it computes is predicted here without MLlib, from sparkprop's kernel run block by block; and its
 * block gradients re-weighted by their rows are the exact mean to float64 rounding.
 */
class MllibPeerTest {
  private static final int BLOCK = 64;
  private static PreparedRows data;
  private static Model model;
  private static Gradients reference;
  private static PeerResult result;

  @BeforeAll
  static void measure() {
    data = PeerFixtures.rows(300, 3);
    model = PeerFixtures.randomModel(11);
    RowChunk all = data.onDriver(new sparkprop.read.HadoopConf(LocalSpark.context().hadoopConfiguration()), true);
    ReferenceGradient computed = ReferenceGradient.compute(model.parameters, settings(), all, false);
    reference = computed.gradients;
    result = MllibPeer.check(LocalSpark.context(), data.rows, model, BLOCK, reference, computed.absoluteTerms);
  }

  @AfterAll
  static void release() {
    data.release();
  }

  private static PassSettings settings() {
    return new PassSettings(model.architecture, Precision.FLOAT64, 1024, PixelScale.BYTE, 2, false);
  }

  @Test
  void blocksAreCutPerPartitionAsDataStackerCutsThem() {
    assertEquals(3, result.measured.blockRows.size());
    for (int[] p : result.measured.blockRows) assertArrayEquals(new int[] {64, 36}, p);
    assertEquals(6, result.measured.blocks);
    assertEquals(300, result.measured.rows);
    assertEquals("64 + 36", result.measured.describe(0));
    assertFalse(result.measured.blocksEqual());
  }

  @Test
  void reweightedBlockGradientsEqualTheReferenceToFloat64Rounding() {
    System.out.printf("re-weighted MLlib vs reference: gradient %.3e, loss %.3e%n", result.reweightedWhole.relative(),
        Math.abs(result.measured.reweighted.loss - reference.loss) / reference.loss);
    assertTrue(result.reweightedWhole.relative() <= 1e-12, "relative " + result.reweightedWhole.relative());
    for (TensorComparison t : result.reweighted) {
      assertTrue(t.discrepancy.relative() <= 1e-12, t.name + ": " + t.discrepancy.relative());
    }
    assertTrue(result.reweightedAgrees());
  }

  /**
   * The prediction, independent of MLlib and of the code under test: each partition's rows cut in order
   * into blocks of 64, each block's mean gradient and loss from sparkprop's kernel alone, then the plain
   * average over the B blocks, as MLlib's CostFun divides their sum by B.
   */
  @Test
  void mllibsGradientIsTheMeanOfBlockMeansAsPredicted() {
    List<Gradients> blockMeans = new ArrayList<>();
    for (List<RowChunk> partition : data.rows.glom().collect()) {
      RowChunk rows = RowChunk.concat(784, partition);
      for (int first = 0; first < rows.count; first += BLOCK) {
        GradientPass pass = new GradientPass(new Network(model.parameters, model.architecture, Precision.FLOAT64),
            BLOCK, PixelScale.BYTE, false);
        pass.accumulate(rows.slice(first, Math.min(first + BLOCK, rows.count)), null);
        blockMeans.add(new GradientSum(model.layout(), pass.gradientSums(), pass.lossSum(), pass.rows(), 1).mean());
      }
    }
    assertEquals(6, blockMeans.size());
    double[] expected = new double[model.layout().size()];
    double expectedLoss = 0;
    for (Gradients g : blockMeans) {
      double[] t = g.gradient();
      for (int k = 0; k < t.length; k++) expected[k] += t[k];
      expectedLoss += g.loss;
    }
    for (int k = 0; k < expected.length; k++) expected[k] /= blockMeans.size();
    expectedLoss /= blockMeans.size();

    Discrepancy vsPrediction = Discrepancy.of(result.measured.mllib.gradient(), expected);
    System.out.printf("MLlib vs reference %.3e; MLlib vs the mean of block means %.3e; loss MLlib %.17g, predicted %.17g, exact %.17g%n",
        result.whole.relative(), vsPrediction.relative(), result.measured.mllib.loss, expectedLoss, reference.loss);
    assertTrue(vsPrediction.relative() <= 1e-12, "MLlib vs the predicted mean of block means: " + vsPrediction.relative());
    assertEquals(expectedLoss, result.measured.mllib.loss, 1e-12 * expectedLoss);
    // …and that prediction is far from the exact mean: the check must fail, naming MLlib.
    assertTrue(result.whole.relative() > 1e-4, "the gap " + result.whole.relative());
    assertFalse(result.agrees());
    assertFalse(result.pass());
    assertFalse(result.failures().isEmpty());
    for (String f : result.failures()) assertTrue(f.startsWith("MLlib's "), f);
  }
}
