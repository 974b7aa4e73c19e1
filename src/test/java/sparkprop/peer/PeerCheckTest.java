package sparkprop.peer;

import sparkprop.model.MllibLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.junit.jupiter.api.Test;
import sparkprop.BadInputException;
import sparkprop.LocalSpark;
import sparkprop.app.PreparedRows;
import sparkprop.Json;
import sparkprop.check.CheckJob;
import sparkprop.check.CheckOptions;
import sparkprop.check.CheckReportJson;
import sparkprop.check.CheckResult;
import sparkprop.model.Model;
import sparkprop.app.ModelLoader;
import sparkprop.nn.Activation;
import sparkprop.nn.LossKind;
import sparkprop.nn.Precision;
import sparkprop.report.ConsoleTable;

/**
 * {@code check --against mllib} end to end in local Spark: full blocks everywhere agree (verdict pass,
 * exit 0), ragged blocks fail naming MLlib (verdict fail, exit 1) while sparkprop's own comparison
 * still passes; networks MLlib cannot express are refused (exit 2); and a model MLlib trained and saved
 * goes through as its folder.
 */
class PeerCheckTest {
  private static JsonNode json(CheckResult r) throws IOException {
    return new ObjectMapper().readTree(Json.pretty(CheckReportJson.of(r)));
  }

  @Test
  void fullBlocksInEveryPartitionAgreeAndPass() throws IOException {
    // 256 rows, 2 partitions of 128, blocks of 64: every block full.
    CheckResult r = CheckJob.run(LocalSpark.context(), PeerFixtures.checkAgainstMllib(256, 2, 64));
    String table = ConsoleTable.render(r);
    System.out.print(table);
    assertTrue(r.pass(), r.failures().toString());
    assertTrue(r.peer.agrees() && r.peer.reweightedAgrees());
    assertTrue(r.peer.measured.blocksEqual());
    assertEquals(4, r.peer.measured.blocks);
    assertEquals("64×2", r.peer.measured.describe(1));
    assertTrue(r.peer.whole.relative() <= 1e-12, "MLlib vs reference " + r.peer.whole.relative());

    JsonNode j = json(r);
    assertEquals("pass", j.get("verdict").asText());
    assertTrue(j.at("/peer/pass").asBoolean());
    assertTrue(j.at("/peer/blocks_equal").asBoolean());
    assertEquals(4, j.at("/peer/blocks").asInt());
    assertTrue(table.contains("verdict: PASS (sparkprop's and MLlib's gradients agree with the reference)"), table);
  }

  @Test
  void raggedBlocksFailNamingMllibWhileSparkpropStillPasses() throws IOException {
    // 300 rows, 2 partitions of 150, blocks of 64: 64×2 + 22 in each.
    CheckResult r = CheckJob.run(LocalSpark.context(), PeerFixtures.checkAgainstMllib(300, 2, 64));
    String table = ConsoleTable.render(r);
    System.out.print(table);
    assertFalse(r.pass());
    assertTrue(r.sparkpropPasses(), "sparkprop's own comparison still runs and passes");
    assertTrue(r.tensors.stream().allMatch(t -> t.pass));
    assertFalse(r.failures().isEmpty());
    for (String f : r.failures()) assertTrue(f.startsWith("MLlib's "), f);
    assertTrue(r.peer.reweightedAgrees(), "re-weighted by rows MLlib is the reference");

    JsonNode j = json(r);
    assertEquals("fail", j.get("verdict").asText());
    assertTrue(j.at("/failures/0").asText().startsWith("MLlib's gradient w1"), j.at("/failures/0").asText());
    assertFalse(j.at("/peer/pass").asBoolean());
    assertTrue(j.at("/peer/reweighted_agrees").asBoolean());
    assertEquals("64×2 + 22", j.at("/peer/partitions/0/blocks").asText());
    assertEquals(150, j.at("/peer/partitions/1/rows").asInt());
    assertTrue(j.at("/peer/relative_diff/reweighted").asDouble() <= 1e-12);
    assertTrue(j.at("/peer/relative_diff/mllib").asDouble() > 1e-4);
    assertNotNull(j.get("tensors").get("w1"), "sparkprop's own tensors are still reported");
    assertTrue(table.contains("verdict: FAIL (MLlib's gradient disagrees with the reference; sparkprop's agrees)"), table);
    assertTrue(table.contains("the scaling, not the maths, is the cause"), table);
  }

  @Test
  void networksMllibCannotExpressAreBadInput() {
    CheckOptions relu = PeerFixtures.checkAgainstMllib(50, 1, 64);
    relu.model.activation = Activation.RELU;
    assertRefused(relu, "sigmoid hidden layers");
    CheckOptions mse = PeerFixtures.checkAgainstMllib(50, 1, 64);
    mse.model.loss = LossKind.MSE;
    assertRefused(mse, "cross-entropy");
    CheckOptions float32 = PeerFixtures.checkAgainstMllib(50, 1, 64);
    float32.model.precision = Precision.FLOAT32;
    assertRefused(float32, "float64");
    CheckOptions other = PeerFixtures.checkAgainstMllib(50, 1, 64);
    other.peer.against = "torch";
    assertRefused(other, "unknown peer");
    CheckOptions block = PeerFixtures.checkAgainstMllib(50, 1, 0);
    assertRefused(block, "--block-size 0");
  }

  private static void assertRefused(CheckOptions o, String why) {
    BadInputException e = assertThrows(BadInputException.class, () -> CheckJob.run(LocalSpark.context(), o));
    assertTrue(e.getMessage().contains(why), e.getMessage());
    System.out.println("refused: " + e.getMessage());
  }

  /**
   * A model MLlib trained and saved, given as its folder: sparkprop's θ is MLlib's weights under the
   * layout map, and with 150-row partitions and MLlib's default blocks of 128 (128 + 22) the check fails
   * on MLlib alone; the apparatus' GradientError.measure reports the same gap on the same rows.
   */
  @Test
  void aModelMllibTrainedAndSavedGoesThroughAsItsFolder() {
    String dir = sparkprop.model.MllibModels.mlp(5, PeerFixtures.LAYERS).dir;
    CheckOptions o = PeerFixtures.checkAgainstMllib(300, 2, 128);
    o.model.weights = dir;
    o.model.layers = null;
    o.model.activation = null;
    o.model.loss = null;
    CheckResult r = CheckJob.run(LocalSpark.context(), o);
    System.out.print(ConsoleTable.render(r));
    assertTrue(r.sparkpropPasses(), r.failures().toString());
    assertFalse(r.peer.agrees());
    assertTrue(r.peer.reweightedAgrees());
    assertEquals("128 + 22", r.peer.measured.describe(0));

    Model model = ModelLoader.load(o.model, 784, LocalSpark.context().hadoopConfiguration());
    double[] saved = MultilayerPerceptronClassificationModel.load(dir).weights().toArray();
    assertArrayEquals(saved, MllibLayout.fromTheta(model.layout(), model.parameters.theta()));

    PreparedRows rows = PeerFixtures.rows(300, 2);
    try {
      GradientError e = GradientError.measure(LocalSpark.context(), rows.rows, model, 128);
      System.out.println("gradientError: " + e);
      assertEquals(4, e.blocks());
      assertEquals(r.peer.whole.relative(), e.relative(), 1e-9 * e.relative());
      assertEquals(r.peer.measured.mllib.loss, e.mllibLoss(), 1e-12 * e.mllibLoss());
      assertEquals(r.reference.loss, e.exactLoss(), 1e-12 * e.exactLoss());
      assertTrue(e.reweightedRelative() <= 1e-12, "re-weighted " + e.reweightedRelative());
    } finally {
      rows.release();
    }
  }
}
