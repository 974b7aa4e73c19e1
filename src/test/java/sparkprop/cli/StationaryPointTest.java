package sparkprop.cli;

import sparkprop.InProcessRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.nn.Init;
import sparkprop.nn.Layout;
import sparkprop.nn.Parameters;
import sparkprop.nn.Tensor;
import sparkprop.train.CheckpointFiles;

/**
 * Where the gradient is itself rounding — a stationary point — the comparison's absolute floor keeps
 * check and train's checks from a false "gradients disagree" (issue 17, item 4), while a flipped bit
 * at least ten floors large is still caught and named, alone, at any partition count.
 */
class StationaryPointTest {
  @TempDir Path tmp;

  /** The issue's reproduction: every ReLU dead (w1 = −1), b2 the mean label, so ∇L is rounding. */
  private Path issueWeights(int rows) throws IOException {
    Layout layout = new Layout(784, 50, 1);
    double[] theta = new double[layout.size()];
    fill(layout.weight(1), theta, -1);
    fill(layout.weight(2), theta, 1);
    theta[layout.bias(2).offset] = meanLabel(rows);
    return write(new Parameters(layout, theta), "stationary.npz");
  }

  @Test
  void theIssuesStationaryPointPassesCheck() throws IOException {
    CheckRun run = CheckRun.of(tmp.resolve("st"), "--limit", "500", "--weights", issueWeights(500).toString());
    assertEquals(0, run.exitCode, run.toString());
    JsonNode report = run.report();
    for (JsonNode t : report.get("tensors")) assertTrue(t.get("pass").asBoolean(), report.toString());
    assertTrue(report.get("finite_difference").get("pass").asBoolean(), report.get("finite_difference").toString());
    assertTrue(report.get("finite_difference").get("gradient_norm").asDouble() < 1e-12, "∇L is rounding here");
  }

  @Test
  void trainingAtAStationaryPointIsNotStoppedByItsChecks() throws IOException {
    Path out = tmp.resolve("train");
    String[] args = {"train", "--out", out.toString(), "--limit", "500", "--weights", issueWeights(500).toString(),
        "--steps", "3", "--check-every", "1", "--partitions", "3"};
    InProcessRun run = InProcessRun.of(args);
    assertEquals(0, run.exitCode, run.toString());
    JsonNode checks = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("checks");
    assertTrue(checks.size() >= 3, "checks before steps 0, 1 and 2: " + checks);
    for (JsonNode c : checks) assertTrue(c.get("pass").asBoolean(), c.toString());
  }

  /**
   * A live network (Kaiming init) made stationary in b2 by one Newton step, b2 −= ∂L/∂b2 / 2 (the
   * mean squared error is quadratic in b2 with second derivative 2): there b2's gradient is rounding,
   * and a bit flipped in one partition's w1 must fail the check in w1 only, at least ten floors large.
   */
  @Test
  void aFlippedBitTenFloorsLargeIsCaughtNamingOnlyItsTensorAtAnyPartitionCount() throws IOException {
    Layout layout = new Layout(784, 50, 1);
    Parameters start = Parameters.random(layout, Init.KAIMING, 1);
    CheckRun first = CheckRun.of(tmp.resolve("start"), "--weights", write(start, "start.npz").toString(),
        "--fd-directions", "0", "--input-check", "false");
    double[] theta = start.theta();
    int b2 = layout.bias(2).offset;
    theta[b2] -= first.npz("reference.npz").get("b2").data()[0] / 2;
    String stationary = write(new Parameters(layout, theta), "b2-stationary.npz").toString();

    CheckRun clean = CheckRun.of(tmp.resolve("clean"), "--weights", stationary, "--partitions", "7",
        "--fd-directions", "0", "--input-check", "false");
    assertEquals(0, clean.exitCode, clean.toString());
    assertTrue(Math.abs(clean.npz("reference.npz").get("b2").data()[0]) < 1e-12, "b2 is stationary: " + clean);

    for (int p : new int[] {1, 2, 3, 7, 16, 60, 100}) {
      CheckRun run = CheckRun.of(tmp.resolve("fault" + p), "--weights", stationary, "--partitions", String.valueOf(p),
          "--inject-fault", String.valueOf(p / 2), "--fd-directions", "0", "--input-check", "false");
      assertEquals(1, run.exitCode, p + " partitions: " + run);
      JsonNode report = run.report();
      List<String> failures = new ObjectMapper().convertValue(report.get("failures"),
          new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
      assertEquals(1, failures.size(), p + " partitions: " + failures);
      assertTrue(failures.get(0).startsWith("w1: "), p + " partitions: " + failures);
      JsonNode w1 = report.get("tensors").get("w1");
      assertFalse(w1.get("pass").asBoolean());
      assertTrue(w1.get("diff_over_floor").asDouble() >= 10, p + " partitions: the fault is "
          + w1.get("diff_over_floor").asDouble() + " floors");
    }
  }

  private static void fill(Tensor t, double[] theta, double value) {
    for (int k = t.offset; k < t.offset + t.length(); k++) theta[k] = value;
  }

  /** The mean of the sample's first {@code rows} labels, as NumPy's mean of them gives it (an exact sum, one division). */
  private static double meanLabel(int rows) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("data/mnist-sample/labels-idx1-ubyte.gz")))) {
      byte[] all = in.readAllBytes();
      long sum = 0;
      for (int k = 0; k < rows; k++) sum += all[8 + k] & 0xff;
      return sum / (double) rows;
    }
  }

  private Path write(Parameters p, String name) throws IOException {
    Path file = tmp.resolve(name);
    Files.write(file, CheckpointFiles.weightsNpz(p));
    return file;
  }
}
