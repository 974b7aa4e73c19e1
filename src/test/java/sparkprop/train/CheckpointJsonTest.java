package sparkprop.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.JsonPin;

/**
 * checkpoint.json pinned byte for byte: the step, the fingerprint's hash, each file's SHA-256 and the
 * fingerprint's components, in that order, as the checkpoints of runs that may be resumed hold them.
 */
class CheckpointJsonTest {
  @TempDir Path tmp;

  @Test
  void checkpointJsonKeepsItsKeysAndOrder() throws Exception {
    Map<String, String> components = new LinkedHashMap<>();
    components.put("data location", "data/mnist-sample");
    components.put("--lr", "0.1");
    components.put("--seed", "0");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("weights.npz", new byte[] {1, 2, 3});
    files.put("optimizer.npz", new byte[] {4});
    new Checkpoints(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(tmp.toString()))
        .save(7, files, Fingerprint.of(components));
    JsonPin.assertPinned(CheckpointJsonTest.class, "checkpoint.json",
        Files.readAllBytes(tmp.resolve("checkpoints/step-00000007/checkpoint.json")));
  }
}
