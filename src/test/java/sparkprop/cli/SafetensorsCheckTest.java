package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.read.safetensors.SafeTensor;
import sparkprop.read.safetensors.SafetensorsWriter;

/** {@code check} with safetensors: a PyTorch state dict as {@code --weights}, and {@code gradients.safetensors}. */
class SafetensorsCheckTest {
  private static final Path FIXTURES = JobProcess.PROJECT.resolve("src/test/resources");

  @TempDir Path tmp;

  private CheckRun check(String name, String weights) {
    CheckRun r = CheckRun.of(tmp.resolve(name), "--data", JobProcess.PROJECT.resolve("data/mnist-sample").toString(),
        "--limit", "600", "--partitions", "3", "--fd-directions", "0", "--weights", FIXTURES.resolve(weights).toString());
    assertEquals(0, r.exitCode, r.stdout + r.stderr);
    return r;
  }

  /** The .npz fixture transposed into a PyTorch state dict (by fixtures.py) gives the .npz's gradients, byte for byte. */
  @Test
  void aPyTorchStateDictGivesTheGradientsOfTheNpzItWasMadeFrom() throws Exception {
    CheckRun npz = check("npz", "npz/params-784x50-f64.npz");
    CheckRun torch = check("torch", "safetensors/torch-784x50x1-f64.safetensors");
    assertArrayEquals(Files.readAllBytes(npz.out.resolve("gradients.npz")), Files.readAllBytes(torch.out.resolve("gradients.npz")));
    assertArrayEquals(Files.readAllBytes(npz.out.resolve("gradients.safetensors")),
        Files.readAllBytes(torch.out.resolve("gradients.safetensors")));
  }

  /** A lying header and a tensor outside the network: exit 2, one line naming the file, no report, the earlier output kept. */
  @Test
  void aBadSafetensorsFileExitsTwoInOneLineAndKeepsThePreviousOutput() throws Exception {
    CheckRun good = check("out", "npz/params-784x50-f64.npz");
    byte[] report = Files.readAllBytes(good.out.resolve("report.json"));
    byte[] whole = Files.readAllBytes(FIXTURES.resolve("safetensors/torch-784x50x1-f64.safetensors"));
    ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40); // a length prefix past the file
    Path lying = tmp.resolve("lying.safetensors");
    Files.write(lying, whole);
    Path extra = tmp.resolve("extra.safetensors");
    Files.write(extra, SafetensorsWriter.bytes(List.of(
        SafeTensor.f64("0.weight", new int[] {10, 784}, new double[7840]),
        SafeTensor.f64("0.bias", new int[] {10}, new double[10]),
        SafeTensor.f64("optimizer.lr", new int[0], new double[1])), Map.of()));
    String[][] cases = {{lying.toString(), "exceeds the format's 100000000"}, {extra.toString(), "tensor 'optimizer.lr' is not part"}};
    for (String[] c : cases) {
      CheckRun bad = CheckRun.of(good.out, "--data", JobProcess.PROJECT.resolve("data/mnist-sample").toString(), "--limit", "600",
          "--weights", c[0]);
      assertEquals(2, bad.exitCode, bad.stdout + bad.stderr);
      String err = bad.stderr.strip();
      assertEquals(1, err.lines().count(), "one line: " + err);
      assertTrue(err.contains(c[0] + ": ") && err.contains(c[1]), err);
      assertArrayEquals(report, Files.readAllBytes(good.out.resolve("report.json")), "the previous output stays");
    }
  }

  /** gradients.safetensors, read by the independent reader, is gradients.npz in PyTorch's names and layout, bit for bit. */
  @Test
  void gradientsSafetensorsIsGradientsNpzInPyTorchsLayout() throws Exception {
    CheckRun r = check("g", "npz/params-784x50-f64.npz");
    IndependentSafetensorsReader.assertEqualsNpz(r.out.resolve("gradients.safetensors"), r.out.resolve("gradients.npz"));
  }
}
