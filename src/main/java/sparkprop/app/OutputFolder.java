package sparkprop.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * A command's output folder ({@code --out}), replaced whole or not at all. The run writes into a hidden
 * sibling staging folder, ends it with the {@link #MARKER} (which names the command and every file it
 * wrote) and {@code _SUCCESS}, and only then swaps it in; the old folder is deleted only after the new
 * one is in place. A run that fails before {@link #commit()} leaves the previous results untouched.
 * {@link OutputGuard} decides which folders may be replaced at all: nothing but the staging folder and
 * an earlier sparkprop output is ever deleted. Works through Hadoop's FileSystem, so the folder may be
 * on HDFS (where rename is atomic) or S3A (where it is a copy).
 */
public final class OutputFolder {
  /** Hadoop's completion marker, written last: pipelines wait for it. */
  public static final String SUCCESS = "_SUCCESS";
  /**
   * sparkprop's own marker: one JSON line {@code {"tool":"sparkprop","command":…,"files":[…]}}. A folder
   * is recognised as an earlier output by it, never by a file name that a user's folder might also hold.
   */
  public static final String MARKER = ".sparkprop-output";
  /**
   * The marker of a resumable run's staging folder ({@code .NAME.sparkprop-run}, a fixed name beside the
   * output): {@code {"tool":"sparkprop","command":…}}. A run killed before it commits leaves that folder,
   * with its checkpoints, for {@code --resume}.
   */
  public static final String RUN_MARKER = ".sparkprop-run";

  private final FileSystem fs;
  private final String dir;
  private final String command;
  private final Path target;
  private final Path staging;
  private final List<String> written = new ArrayList<>();
  private final boolean resumable;

  private OutputFolder(FileSystem fs, String dir, String command, Path target, Path staging, boolean resumable) {
    this.fs = fs;
    this.dir = dir;
    this.command = command;
    this.target = target;
    this.staging = staging;
    this.resumable = resumable;
  }

  /**
   * Checks that {@code dir} may be replaced and creates the staging folder now, so that a refused or
   * unwritable location fails before any work (exit 2).
   *
   * @param command the command writing it, recorded in the marker
   * @param inputs paths of the run's inputs (data, weights), which the folder must not be or contain
   */
  public static OutputFolder prepare(String dir, String command, List<String> inputs, Configuration conf) {
    return prepare(dir, command, inputs, conf, false);
  }

  /**
   * As {@link #prepare(String, String, List, Configuration)}; with {@code resumable} the staging folder
   * has a fixed name ({@link #runFolder}), is kept when the run fails, and is taken up again by the
   * next run of the same command into the same {@code dir} — so that checkpoints survive a killed driver.
   */
  public static OutputFolder prepare(String dir, String command, List<String> inputs, Configuration conf,
      boolean resumable) {
    try {
      Path given = new Path(dir);
      FileSystem fs = given.getFileSystem(conf);
      Path target = fs.makeQualified(given);
      OutputGuard.checkTarget(fs, target, dir, inputs, conf);
      Path staging = resumable ? runFolder(target)
          : new Path(target.getParent(), "." + target.getName() + ".staging-" + UUID.randomUUID());
      if (resumable && fs.exists(staging) && bornEmpty(fs, staging)) {
        // A run killed between creating its run folder and writing the marker: nothing in it to keep.
        writeJson(fs, new Path(staging, RUN_MARKER), "{\"tool\":\"sparkprop\",\"command\":\"" + command + "\"}");
      } else if (resumable && fs.exists(staging)) {
        if (!command.equals(runCommand(fs, staging))) {
          throw BadInputException.inFile(dir, staging.getName() + " beside it was not left by a sparkprop " + command
              + " run; move it away");
        }
      } else {
        if (!fs.mkdirs(staging)) throw BadInputException.inFile(dir, "cannot create the output folder");
        if (resumable) writeJson(fs, new Path(staging, RUN_MARKER), "{\"tool\":\"sparkprop\",\"command\":\"" + command + "\"}");
      }
      return new OutputFolder(fs, dir, command, target, staging, resumable);
    } catch (IOException | IllegalArgumentException e) {
      throw BadInputException.inFile(dir, "output folder cannot be written: " + e.getMessage());
    }
  }

  /** Whether a run folder holds nothing but, at most, the marker a killed run was writing. */
  private static boolean bornEmpty(FileSystem fs, Path runFolder) throws IOException {
    if (!fs.getFileStatus(runFolder).isDirectory() || runCommand(fs, runFolder) != null) return false;
    for (org.apache.hadoop.fs.FileStatus s : fs.listStatus(runFolder)) {
      if (!s.getPath().getName().equals(RUN_MARKER)) return false;
    }
    return true;
  }

  /** The fixed staging folder of a resumable run into {@code target}. */
  public static Path runFolder(Path target) {
    return new Path(target.getParent(), "." + target.getName() + ".sparkprop-run");
  }

  /** The command recorded in a run folder's {@link #RUN_MARKER}, or null when it has none of sparkprop's. */
  public static String runCommand(FileSystem fs, Path runFolder) {
    try {
      Path marker = new Path(runFolder, RUN_MARKER);
      if (!fs.isFile(marker) || fs.getFileStatus(marker).getLen() > 4096) return null;
      com.fasterxml.jackson.databind.JsonNode root;
      try (java.io.InputStream in = fs.open(marker)) {
        root = new ObjectMapper().readTree(in);
      }
      return "sparkprop".equals(root.path("tool").asText()) ? root.path("command").asText(null) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The command an earlier output's {@link #MARKER} names, or null when {@code folder} is not one. */
  public static String outputCommand(FileSystem fs, Path folder) {
    try {
      Path marker = new Path(folder, MARKER);
      if (!fs.isFile(marker) || fs.getFileStatus(marker).getLen() > 64 * 1024) return null;
      com.fasterxml.jackson.databind.JsonNode root;
      try (java.io.InputStream in = fs.open(marker)) {
        root = new ObjectMapper().readTree(in);
      }
      return "sparkprop".equals(root.path("tool").asText()) ? root.path("command").asText(null) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The folder the run writes into before it commits (for files a command writes as it goes: checkpoints). */
  public Path staging() {
    return staging;
  }

  /** Records a folder the command wrote into the staging folder itself, so that the marker lists it. */
  public void wroteFolder(String name) {
    if (!written.contains(name)) written.add(name);
  }

  /** Writes one file into the staging folder. */
  public void write(String name, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(new Path(staging, name), false)) {
      out.write(bytes);
    }
    String top = name.contains("/") ? name.substring(0, name.indexOf('/')) : name; // the marker lists top-level names
    if (!written.contains(top)) written.add(top);
  }

  /** Marks the staged output complete and swaps it in for the old folder, which is deleted last. */
  public void commit() throws IOException {
    if (resumable) fs.delete(new Path(staging, RUN_MARKER), false);
    written.add(SUCCESS);
    writeMarker();
    write(SUCCESS, new byte[0]);
    Path old = null;
    if (fs.exists(target)) {
      OutputGuard.checkReplaceable(fs, target, dir); // again: someone may have put files there during the run
      old = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
      if (!fs.rename(target, old)) throw new IOException("cannot move the old " + target + " aside");
    }
    if (!fs.rename(staging, target)) {
      if (old != null) fs.rename(old, target);
      throw new IOException("cannot move " + staging + " to " + target);
    }
    if (old != null) fs.delete(old, true);
  }

  private static void writeJson(FileSystem fs, Path file, String json) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private void writeMarker() throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode marker = json.createObjectNode().put("tool", "sparkprop").put("command", command);
    written.forEach(marker.putArray("files")::add);
    try (OutputStream out = fs.create(new Path(staging, MARKER), false)) {
      out.write((json.writeValueAsString(marker) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Removes the staging folder of a run that did not complete; the old output stays. A resumable run's
   * staging folder stays too: its checkpoints are what {@code --resume} continues from.
   */
  public void abandon() {
    if (resumable) return;
    try {
      fs.delete(staging, true);
    } catch (IOException ignored) {
      // Best effort: a leftover hidden staging folder is harmless and has no _SUCCESS in the target.
    }
  }

  public String location() {
    return target.toString();
  }
}
