package sparkprop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;
import sparkprop.Json;

/**
 * A command's output folder ({@code --out}), replaced whole or not at all. The run takes the folder's
 * {@link OutputLock}, writes into a hidden sibling staging folder, ends it with the {@link #MARKER} (a
 * {@link Manifest} of every file it holds) and {@code _SUCCESS}, and only then swaps it in; the old
 * folder is deleted only after the new one is in place. {@link OutputGuard} decides which folders may
 * be replaced at all: nothing but the staging folder and an earlier sparkprop output is ever deleted.
 *
 * <p>The commit is ordered so that at every instant the old output, the staging folder and a moved-aside
 * {@code .NAME.old-*} are each recognisably sparkprop's: the folder is checked before anything is touched
 * (a refusal says where the finished run is kept and what to do), a resumable run's staging folder keeps
 * its {@link #RUN_MARKER} until it is in place, and a commit killed halfway is finished by the next run
 * into the same folder ({@link InterruptedCommit}). Works through Hadoop's FileSystem, so the folder may be
 * on HDFS (where rename is atomic) or S3A (where it is a copy).
 */
public final class OutputFolder {
  /** Hadoop's completion marker, written last: pipelines wait for it. */
  public static final String SUCCESS = "_SUCCESS";
  /**
   * sparkprop's own marker: one JSON line {@code {"tool":"sparkprop","command":…,"version":2,"folders":[…],
   * "files":[…]}} ({@link Manifest}). A folder is recognised as an earlier output by it, never by a file
   * name that a user's folder might also hold.
   */
  public static final String MARKER = ".sparkprop-output";
  /**
   * The marker of a resumable run's staging folder ({@code .NAME.sparkprop-run}, a fixed name beside the
   * output): {@code {"tool":"sparkprop","command":…}}. A run killed before it commits leaves that folder,
   * with its checkpoints, for {@code --resume}.
   */
  public static final String RUN_MARKER = ".sparkprop-run";

  /** What is asked for: the folder, the command writing it, the inputs it must not touch, whether resumable. */
  private record Request(String dir, String command, List<String> inputs, boolean resumable) {}

  private final FileSystem fs;
  private final Request request;
  private final Path target;
  private final Path staging;
  private final OutputLock lock;
  private final PrintStream warnings;
  private final Set<String> declared = new HashSet<>();

  private OutputFolder(FileSystem fs, Request request, Path target, Path staging, OutputLock lock,
      PrintStream warnings) {
    this.fs = fs;
    this.request = request;
    this.target = target;
    this.staging = staging;
    this.lock = lock;
    this.warnings = warnings;
  }

  /**
   * Checks that {@code job.out()} may be replaced, takes its lock (refused, exit 2, while another run
   * holds it), finishes a commit an earlier run was killed in, and creates the staging folder now, so that
   * a refused or unwritable location fails before any work. Release it with {@link #release()}.
   *
   * @param command the command writing it, recorded in the marker and the lock
   * @param warnings where the one line of a lock taken over or a commit finished goes (stderr)
   */
  public static OutputFolder prepare(String command, JobCommand job, Configuration conf, PrintStream warnings) {
    return open(new Request(job.out(), command, job.inputs(), job.resumable()), conf, warnings);
  }

  /** As a job's, for a non-resumable {@code command}; warnings to stderr. */
  public static OutputFolder prepare(String dir, String command, List<String> inputs, Configuration conf) {
    return prepare(dir, command, inputs, conf, false);
  }

  /**
   * With {@code resumable} the staging folder has a fixed name ({@link #runFolder}), is kept when the run
   * fails, and is taken up again by the next run of the same command into the same {@code dir} — so that
   * checkpoints survive a killed driver.
   */
  public static OutputFolder prepare(String dir, String command, List<String> inputs, Configuration conf,
      boolean resumable) {
    return open(new Request(dir, command, inputs, resumable), conf, System.err);
  }

  private static OutputFolder open(Request r, Configuration conf, PrintStream warnings) {
    try {
      Path given = new Path(r.dir);
      FileSystem fs = given.getFileSystem(conf);
      Path target = fs.makeQualified(given);
      OutputGuard.checkTarget(fs, target, r.dir, r.inputs, conf);
      if (!fs.mkdirs(target.getParent())) throw BadInputException.inFile(r.dir, "cannot create the output folder");
      OutputLock lock = OutputLock.acquire(fs, target, r.dir, r.command, warnings);
      try {
        InterruptedCommit.recover(fs, target, r.dir, warnings);
        OutputGuard.checkReplaceable(fs, target, r.dir);
        return new OutputFolder(fs, r, target, staging(fs, r, target), lock, warnings);
      } catch (IOException | RuntimeException e) {
        lock.release();
        throw e;
      }
    } catch (IOException | IllegalArgumentException e) {
      throw BadInputException.inFile(r.dir, "output folder cannot be written: " + e.getMessage());
    }
  }

  /** A new staging folder, or a resumable run's folder taken up again. */
  private static Path staging(FileSystem fs, Request r, Path target) throws IOException {
    Path staging = r.resumable ? runFolder(target) : InterruptedCommit.newStaging(target);
    if (r.resumable && fs.exists(staging)) {
      String other = runCommand(fs, staging);
      if (other == null && bornEmpty(fs, staging)) {
        // A run killed between creating its run folder and writing the marker: nothing in it to keep.
        writeRunMarker(fs, staging, r.command);
        return staging;
      }
      if (other == null) {
        throw BadInputException.inFile(r.dir, staging.getName() + " beside it was not made by sparkprop (it has"
            + " neither " + RUN_MARKER + " nor " + MARKER + "); move it away");
      }
      if (!other.equals(r.command)) {
        throw BadInputException.inFile(r.dir, staging.getName() + " beside it holds the work of a sparkprop " + other
            + " run; finish it with sparkprop " + other + " --out " + r.dir + ", or move it away");
      }
      // Recognisable at every instant: its own marker first (a commit of an older sparkprop may have
      // removed it), then the previous attempt's commit markers go; this attempt writes its own.
      if (!fs.exists(new Path(staging, RUN_MARKER))) writeRunMarker(fs, staging, r.command);
      fs.delete(new Path(staging, SUCCESS), false);
      fs.delete(new Path(staging, MARKER), false);
      return staging;
    }
    if (!fs.mkdirs(staging)) throw BadInputException.inFile(r.dir, "cannot create the output folder");
    if (r.resumable) writeRunMarker(fs, staging, r.command);
    return staging;
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

  /**
   * The command whose run folder {@code runFolder} is, or null when it is not sparkprop's: its
   * {@link #RUN_MARKER}, or the {@link #MARKER} of a finished run whose commit did not complete.
   */
  public static String runCommand(FileSystem fs, Path runFolder) {
    try {
      Path marker = new Path(runFolder, RUN_MARKER);
      if (!fs.isFile(marker) || fs.getFileStatus(marker).getLen() > 4096) return outputCommand(fs, runFolder);
      JsonNode root;
      try (InputStream in = fs.open(marker)) {
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
      return Manifest.read(fs, folder).command;
    } catch (Manifest.Unusable e) {
      return null;
    }
  }

  /** The folder the run writes into before it commits (for files a command writes as it goes: checkpoints). */
  public Path staging() {
    return staging;
  }

  /**
   * Declares a folder the command wrote into the staging folder itself as it went. A resumable run's
   * commit removes from the staging folder whatever this attempt neither wrote nor declared: the final
   * files of an earlier attempt that this one does not write (a {@code weights.npz} a stopped run has not).
   */
  public void wroteFolder(String name) {
    declared.add(name);
  }

  /** Writes one file into the staging folder (replacing an earlier attempt's). */
  public void write(String name, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(new Path(staging, name), true)) {
      out.write(bytes);
    }
    declared.add(name.contains("/") ? name.substring(0, name.indexOf('/')) : name);
  }

  /**
   * Completes the staged output and swaps it in for the old folder, which is deleted last. Refused (exit
   * 2, nothing touched) when the folder now holds what sparkprop did not write.
   */
  public void commit() throws IOException {
    OutputGuard.Refusal r = OutputGuard.refusal(fs, target);
    if (r != null) {
      throw BadInputException.inFile(request.dir, "--out refused at the end of the run: " + r.why() + "; "
          + (request.resumable ? "the finished run is kept in " + staging.getName() + " beside it" : "nothing was written")
          + ": move " + (r.move() == null ? "it" : "'" + r.move() + "'") + " away and run the same command again");
    }
    if (request.resumable) {
      for (FileStatus s : fs.listStatus(staging)) {
        String name = s.getPath().getName();
        if (!declared.contains(name) && !name.equals(RUN_MARKER)) fs.delete(s.getPath(), true);
      }
    }
    Manifest.of(fs, staging, request.command, SUCCESS).write(fs, staging);
    write(SUCCESS, new byte[0]);
    lock.whileHeld(() -> InterruptedCommit.swap(fs, staging, target, request.dir, warnings));
  }

  /** The run marker's keys, in the file's order. */
  private record RunMarker(String tool, String command) {}

  private static void writeRunMarker(FileSystem fs, Path staging, String command) throws IOException {
    try (OutputStream out = fs.create(new Path(staging, RUN_MARKER), true)) {
      out.write(Json.line(new RunMarker("sparkprop", command)));
    }
  }

  /**
   * Removes the staging folder of a run that did not complete; the old output stays. A resumable run's
   * staging folder stays too: its checkpoints are what {@code --resume} continues from.
   */
  public void abandon() {
    if (request.resumable) return;
    try {
      fs.delete(staging, true);
    } catch (IOException ignored) {
      // Best effort: a leftover hidden staging folder is harmless and has no _SUCCESS in the target.
    }
  }

  /** Releases the folder's lock (after commit or abandon; on any failure too). */
  public void release() {
    lock.release();
  }

  public String location() {
    return target.toString();
  }
}
