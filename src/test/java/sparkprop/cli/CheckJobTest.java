package sparkprop.cli;

import sparkprop.app.ExitCode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.read.npz.NpyArray;

/** The distributed gradient equals the single-node reference, whatever the partitioning; and the check fails when it should. */
class CheckJobTest {
  /** Rows used by most tests: enough for several blocks per partition, quick on 2 cores. */
  private static final String ROWS = "2000";

  @TempDir Path tmp;

  private static void assertClose(Map<String, NpyArray> expected, Map<String, NpyArray> actual, double rtol) {
    for (String key : new String[] {"w1", "b1", "w2", "b2", "loss"}) {
      double[] a = expected.get(key).data();
      double[] b = actual.get(key).data();
      assertArrayEquals(expected.get(key).shape(), actual.get(key).shape(), key);
      double max = 0;
      for (double v : a) max = Math.max(max, Math.abs(v));
      for (int k = 0; k < a.length; k++) assertEquals(a[k], b[k], rtol * max, key + "[" + k + "]");
    }
  }

  private static void assertEveryTensorPasses(CheckRun run) throws IOException {
    JsonNode report = run.report();
    assertEquals("pass", report.get("verdict").asText(), run.toString());
    for (String t : new String[] {"w1", "b1", "w2", "b2", "loss", "input"}) {
      assertTrue(report.get("tensors").get(t).get("pass").asBoolean(), t);
    }
    assertTrue(report.get("finite_difference").get("pass").asBoolean());
  }

  @Test
  void distributedEqualsReferenceForOneTwoThreeAndSevenPartitions() throws IOException {
    CheckRun one = CheckRun.of(tmp.resolve("p1"), "--limit", ROWS, "--partitions", "1");
    assertEquals(0, one.exitCode, one.toString());
    assertEveryTensorPasses(one);
    for (int p : new int[] {2, 3, 7}) {
      CheckRun run = CheckRun.of(tmp.resolve("p" + p), "--limit", ROWS, "--partitions", String.valueOf(p));
      assertEquals(0, run.exitCode, run.toString());
      assertEveryTensorPasses(run);
      assertEquals(p, run.report().get("partition_table").size());
      assertClose(one.gradients(), run.gradients(), 1e-12);
    }
  }

  @Test
  void morePartitionsThanRowsGivesTheSameGradientWithEmptyPartitions() throws IOException {
    CheckRun one = CheckRun.of(tmp.resolve("a"), "--limit", "5", "--partitions", "1");
    CheckRun many = CheckRun.of(tmp.resolve("b"), "--limit", "5", "--partitions", "12");
    assertEquals(0, many.exitCode, many.toString());
    long empty = 0;
    for (JsonNode p : many.report().get("partition_table")) if (p.get("rows").asLong() == 0) empty++;
    assertTrue(empty >= 7, "12 partitions over 5 rows leave at least 7 empty, saw " + empty);
    assertEquals(5, many.report().get("rows").asLong());
    assertClose(one.gradients(), many.gradients(), 1e-12);
  }

  @Test
  void rerunsWithTheSamePartitioningAreBitwiseIdentical() throws IOException {
    CheckRun a = CheckRun.of(tmp.resolve("a"), "--limit", ROWS, "--partitions", "9", "--fd-directions", "0");
    CheckRun b = CheckRun.of(tmp.resolve("b"), "--limit", ROWS, "--partitions", "9", "--fd-directions", "0");
    assertEquals(0, a.exitCode, a.toString());
    assertArrayEquals(a.gradientBytes(), b.gradientBytes());
  }

  @Test
  void float32AgreesWithItsReferenceAndStaysNearFloat64() throws IOException {
    CheckRun f32 = CheckRun.of(tmp.resolve("f32"), "--limit", ROWS, "--partitions", "3", "--precision", "float32");
    assertEquals(0, f32.exitCode, f32.toString());
    assertEveryTensorPasses(f32);
    assertEquals("float32", f32.report().get("precision").asText());
    CheckRun f64 = CheckRun.of(tmp.resolve("f64"), "--limit", ROWS, "--partitions", "3", "--fd-directions", "0");
    assertClose(f64.gradients(), f32.gradients(), 1e-4);
  }

  @Test
  void anInjectedFaultFailsTheCheckAndNamesW1AndThePartition() throws IOException {
    CheckRun run = CheckRun.of(tmp.resolve("fault"), "--limit", ROWS, "--partitions", "4", "--inject-fault", "2",
        "--verify-partitions", "true", "--fd-directions", "0");
    assertEquals(ExitCode.DISAGREE, run.exitCode, run.toString());
    JsonNode report = run.report();
    assertEquals("fail", report.get("verdict").asText());
    assertFalse(report.get("tensors").get("w1").get("pass").asBoolean());
    for (String t : new String[] {"b1", "w2", "b2", "loss", "input"}) {
      assertTrue(report.get("tensors").get(t).get("pass").asBoolean(), t + " is untouched by the fault");
    }
    JsonNode deviating = report.get("verify_partitions").get("deviating");
    assertEquals(1, deviating.size());
    assertEquals(2, deviating.get(0).get("partition").asInt());
    assertTrue(run.stdout.contains("w1") && run.stdout.contains("FAIL"), run.stdout);
  }

  @Test
  void verifyPartitionsPassesWhenNothingIsCorrupted() throws IOException {
    CheckRun run = CheckRun.of(tmp.resolve("ok"), "--limit", ROWS, "--partitions", "3", "--verify-partitions", "true",
        "--fd-directions", "0");
    assertEquals(0, run.exitCode, run.toString());
    assertTrue(run.report().get("verify_partitions").get("pass").asBoolean());
    assertEquals(3, run.report().get("verify_partitions").get("partitions_checked").asInt());
  }

  @Test
  void theSplitSelectsTheSameRowsWhateverThePartitioning() throws IOException {
    CheckRun a = CheckRun.of(tmp.resolve("a"), "--limit", ROWS, "--split", "valid", "--partitions", "2", "--fd-directions", "0");
    CheckRun b = CheckRun.of(tmp.resolve("b"), "--limit", ROWS, "--split", "valid", "--partitions", "5", "--fd-directions", "0");
    assertEquals(0, a.exitCode, a.toString());
    long rows = a.report().get("rows").asLong();
    assertEquals(rows, b.report().get("rows").asLong());
    assertTrue(rows > 250 && rows < 420, "about 1/6 of 2000 rows, got " + rows);
    assertClose(a.gradients(), b.gradients(), 1e-12);
    CheckRun train = CheckRun.of(tmp.resolve("t"), "--limit", ROWS, "--split", "train", "--fd-directions", "0");
    assertEquals(2000 - rows, train.report().get("rows").asLong());
  }

  @Test
  void referenceRowsComparesASubsetChosenByRowIdAndStillGivesTheFullGradient() throws IOException {
    CheckRun two = CheckRun.of(tmp.resolve("two"), "--limit", ROWS, "--partitions", "2", "--reference-rows", "300");
    CheckRun five = CheckRun.of(tmp.resolve("five"), "--limit", ROWS, "--partitions", "5", "--reference-rows", "300",
        "--fd-directions", "0");
    assertEquals(0, two.exitCode, two.toString());
    assertEveryTensorPasses(two);
    assertEquals(300, two.report().get("reference_rows").asLong());
    assertEquals(2000, two.report().get("rows").asLong());
    assertEquals(300, two.report().get("tensors").get("input").get("shape").get(0).asLong());
    // The same 300 rows whatever the partitioning: the two references are the same computation.
    assertArrayEquals(java.nio.file.Files.readAllBytes(two.out.resolve("reference.npz")),
        java.nio.file.Files.readAllBytes(five.out.resolve("reference.npz")));
    // gradients.npz still holds the gradient over all 2000 rows.
    CheckRun full = CheckRun.of(tmp.resolve("full"), "--limit", ROWS, "--partitions", "2", "--fd-directions", "0");
    assertArrayEquals(full.gradientBytes(), two.gradientBytes());
  }

  @Test
  void theSeedChangesTheParametersAndTheReportSaysWhichBlasRan() throws IOException {
    CheckRun a = CheckRun.of(tmp.resolve("a"), "--limit", "300", "--seed", "1", "--fd-directions", "0");
    CheckRun b = CheckRun.of(tmp.resolve("b"), "--limit", "300", "--seed", "2", "--fd-directions", "0");
    assertNotEquals(a.report().get("loss").get("distributed").asDouble(), b.report().get("loss").get("distributed").asDouble());
    assertFalse(a.report().get("blas").get("implementation").asText().isEmpty());
    assertEquals("4.2.0", a.report().get("spark").get("version").asText());
  }
}
