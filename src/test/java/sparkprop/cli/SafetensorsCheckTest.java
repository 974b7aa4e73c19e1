package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /** gradients.safetensors, read by the independent reader, is gradients.npz in PyTorch's names and layout, bit for bit. */
  @Test
  void gradientsSafetensorsIsGradientsNpzInPyTorchsLayout() throws Exception {
    CheckRun r = check("g", "npz/params-784x50-f64.npz");
    IndependentSafetensorsReader.assertEqualsNpz(r.out.resolve("gradients.safetensors"), r.out.resolve("gradients.npz"));
  }
}
