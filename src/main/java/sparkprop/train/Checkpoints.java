package sparkprop.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * {@code checkpoints/}: every {@code --checkpoint-every} steps a folder {@code step-NNNNNNNN} holding
 * {@code weights.npz} (θ before step N, the keys {@code --weights} takes), the optimizer's state
 * ({@code momentum.npz}, {@code lbfgs-state.npz} or {@code adam-state.npz}), with {@code --keep-best} the
 * best so far ({@code weights-best.npz}, {@code keep-best.npz}), {@code history.csv} (steps 0 … N−1) and
 * {@code checkpoint.json} (N and the run's fingerprint). Each is written under a temporary name and
 * renamed when complete, so a run killed mid-write leaves the previous checkpoint as the latest.
 */
final class Checkpoints {
  static final String DIR = "checkpoints";
  static final String META = "checkpoint.json";
  private static final String PREFIX = "step-";

  /** What a checkpoint holds: file name → bytes. */
  static final class Saved {
    final long step;
    final Map<String, byte[]> files;

    Saved(long step, Map<String, byte[]> files) {
      this.step = step;
      this.files = files;
    }
  }

  private final FileSystem fs;
  private final Path dir;

  Checkpoints(FileSystem fs, Path runFolder) {
    this.fs = fs;
    this.dir = new Path(runFolder, DIR);
  }

  void save(long step, Map<String, byte[]> files, String fingerprint) throws IOException {
    Path tmp = new Path(dir, ".tmp-" + UUID.randomUUID());
    fs.mkdirs(tmp);
    for (Map.Entry<String, byte[]> f : files.entrySet()) write(new Path(tmp, f.getKey()), f.getValue());
    write(new Path(tmp, META), ("{\"step\": " + step + ", \"fingerprint\": \"" + fingerprint + "\"}\n")
        .getBytes(StandardCharsets.UTF_8));
    Path target = new Path(dir, String.format("%s%08d", PREFIX, step));
    if (fs.exists(target)) fs.delete(target, true); // only ever one of ours: a rerun of the same step
    if (!fs.rename(tmp, target)) throw new IOException("cannot move " + tmp + " to " + target);
  }

  /** The latest complete checkpoint, or null when there is none. */
  Saved latest(String fingerprint, String where) throws IOException {
    if (!fs.exists(dir)) return null;
    Path best = null;
    long bestStep = -1;
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (!s.isDirectory() || !name.startsWith(PREFIX)) continue;
      long step = Long.parseLong(name.substring(PREFIX.length()));
      if (step > bestStep && fs.exists(new Path(s.getPath(), META))) {
        bestStep = step;
        best = s.getPath();
      }
    }
    if (best == null) return null;
    Map<String, byte[]> files = new HashMap<>();
    for (FileStatus s : fs.listStatus(best)) files.put(s.getPath().getName(), read(s.getPath()));
    String meta = new String(files.remove(META), StandardCharsets.UTF_8);
    if (!meta.contains("\"fingerprint\": \"" + fingerprint + "\"")) {
      throw BadInputException.inFile(where, "was made by a different run (model, data or training options differ);"
          + " resume needs the same options, with a larger --steps if you like");
    }
    return new Saved(bestStep, files);
  }

  private void write(Path p, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(p, true)) {
      out.write(bytes);
    }
  }

  private byte[] read(Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    }
  }
}
