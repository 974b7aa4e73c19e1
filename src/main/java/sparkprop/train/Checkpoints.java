package sparkprop.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;
import sparkprop.Json;

/**
 * {@code checkpoints/} of a run folder: every {@code --checkpoint-every} steps a folder
 * {@code step-NNNNNNNN} holding {@code weights.npz} (θ before step N, the keys {@code --weights}
 * takes), the optimizer's state ({@code momentum.npz}, {@code lbfgs-state.npz} or
 * {@code adam-state.npz}), with {@code --keep-best} the best so far ({@code weights-best.npz},
 * {@code keep-best.npz}), {@code history.csv}
 * (steps 0 … N−1) and {@code checkpoint.json}: N, the run's {@link Fingerprint} (its components and
 * their hash) and the SHA-256 of each other file. Each is written into {@code .tmp-UUID} and renamed
 * when complete, so a run killed mid-write leaves the previous checkpoint as the latest (and a
 * {@code .tmp-*} folder that the next run into the same folder removes).
 */
final class Checkpoints {
  static final String DIR = "checkpoints";
  static final String META = "checkpoint.json";
  private static final String PREFIX = "step-";
  private static final Pattern NAME = Pattern.compile("step-(\\d{8,18})");
  private static final String TMP = ".tmp-";
  /** checkpoint.json is a few KB (a hundred components); anything far larger is not one of ours. */
  private static final long MAX_META = 4 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** checkpoint.json's keys, in the file's order: file name → SHA-256, component name → value. */
  private record Meta(long step, String fingerprint, Map<String, String> files, Map<String, String> components) {}

  /** The latest complete checkpoint of a folder, as its checkpoint.json describes it (files not yet read). */
  static final class Latest {
    final long step;
    final Path folder;
    final Fingerprint fingerprint;
    private final Map<String, String> digests;

    private Latest(long step, Path folder, Fingerprint fingerprint, Map<String, String> digests) {
      this.step = step;
      this.folder = folder;
      this.fingerprint = fingerprint;
      this.digests = digests;
    }
  }

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

  /** The run folder these checkpoints are in. */
  Path runFolder() {
    return dir.getParent();
  }

  void save(long step, Map<String, byte[]> files, Fingerprint fingerprint) throws IOException {
    Path tmp = new Path(dir, TMP + UUID.randomUUID());
    try {
      fs.mkdirs(tmp);
      Map<String, String> sums = new LinkedHashMap<>();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        write(new Path(tmp, f.getKey()), f.getValue());
        sums.put(f.getKey(), sha256(f.getValue()));
      }
      write(new Path(tmp, META), Json.pretty(new Meta(step, fingerprint.hash(), sums, fingerprint.components())));
      Path target = new Path(dir, String.format("%s%08d", PREFIX, step));
      if (fs.exists(target)) fs.delete(target, true); // only ever one of ours: a rerun of the same step
      if (!fs.rename(tmp, target)) throw new IOException("cannot move " + tmp + " to " + target);
    } finally {
      if (fs.exists(tmp)) fs.delete(tmp, true);
    }
  }

  /**
   * The latest complete checkpoint (a {@code step-N} folder with its checkpoint.json), or null when
   * there is none. Unfinished writes ({@code .tmp-*}) and other names are passed over; a folder named
   * {@code step-} but not {@code step-NNNNNNNN} is refused (exit 2), since it may be the newest.
   */
  Latest latest() throws IOException {
    if (!fs.isDirectory(dir)) return null;
    Path best = null;
    long bestStep = -1;
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (!name.startsWith(PREFIX)) continue;
      Matcher m = NAME.matcher(name);
      if (!m.matches() || !s.isDirectory()) {
        throw BadInputException.inFile(RunFolder.shown(s.getPath()), "not a checkpoint: checkpoints/ holds only folders"
            + " step-NNNNNNNN (move it away to resume from the others)");
      }
      long step = Long.parseLong(m.group(1));
      if (step > bestStep && fs.exists(new Path(s.getPath(), META))) {
        bestStep = step;
        best = s.getPath();
      }
    }
    return best == null ? null : describe(best, bestStep);
  }

  private Latest describe(Path folder, long step) throws IOException {
    Path metaFile = new Path(folder, META);
    JsonNode meta;
    try {
      if (fs.getFileStatus(metaFile).getLen() > MAX_META) throw new IOException("larger than " + MAX_META + " bytes");
      meta = JSON.readTree(read(metaFile));
    } catch (IOException | RuntimeException e) {
      throw corrupt(metaFile, e);
    }
    if (meta == null || meta.path("step").asLong(-1) != step) throw corrupt(metaFile, null);
    JsonNode components = meta.get("components");
    JsonNode files = meta.get("files");
    if (components == null || !components.isObject() || files == null || !files.isObject()) {
      throw BadInputException.inFile(RunFolder.shown(metaFile), "written by an earlier sparkprop, which kept no record of"
          + " the run's options and data to compare; start afresh (or give its weights.npz with --weights)");
    }
    Map<String, String> stored = new LinkedHashMap<>();
    components.fields().forEachRemaining(e -> stored.put(e.getKey(), e.getValue().asText()));
    Map<String, String> digests = new LinkedHashMap<>();
    files.fields().forEachRemaining(e -> digests.put(e.getKey(), e.getValue().asText()));
    return new Latest(step, folder, Fingerprint.of(stored), digests);
  }

  /**
   * Reads the checkpoint {@code latest} describes, each file checked against its SHA-256 in
   * checkpoint.json: a file that differs, or that Hadoop's own {@code .crc} finds damaged, is refused
   * naming it (exit 2).
   */
  Saved read(Latest latest) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : latest.digests.entrySet()) {
      Path p = new Path(latest.folder, f.getKey());
      if (!fs.isFile(p)) throw BadInputException.inFile(RunFolder.shown(p), "missing: the checkpoint is incomplete");
      byte[] bytes;
      try {
        bytes = read(p);
      } catch (ChecksumException e) {
        throw corrupt(p, e);
      }
      if (!sha256(bytes).equals(f.getValue())) throw corrupt(p, null);
      files.put(f.getKey(), bytes);
    }
    return new Saved(latest.step, files);
  }

  /**
   * Removes what a run starting at {@code start} does not continue from this folder: unfinished writes
   * ({@code .tmp-*}) and every checkpoint after {@code start} (all of them for a run that starts afresh
   * or continues from another folder: pass -1). Returns how many checkpoints it removed.
   */
  int clearAfter(long start) throws IOException {
    if (!fs.isDirectory(dir)) return 0;
    int removed = 0;
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      Matcher m = NAME.matcher(name);
      if (name.startsWith(TMP) && s.isDirectory()) {
        fs.delete(s.getPath(), true);
      } else if (m.matches() && s.isDirectory() && Long.parseLong(m.group(1)) > start) {
        fs.delete(s.getPath(), true);
        removed++;
      }
    }
    return removed;
  }

  private static BadInputException corrupt(Path file, Exception why) {
    return BadInputException.inFile(RunFolder.shown(file), "corrupt: " + (why == null
        ? "its content does not match what checkpoint.json recorded" : "cannot be read back (" + why.getMessage() + ")")
        + "; remove this checkpoint folder to resume from an earlier one");
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

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
