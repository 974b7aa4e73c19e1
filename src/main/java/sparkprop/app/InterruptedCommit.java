package sparkprop.app;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The swap at the end of a commit, and its recovery when a driver died in it. The swap moves the old
 * output aside to {@code .NAME.old-*}, moves the complete staging folder in, and deletes the old one
 * only if it still holds nothing but sparkprop's files. A driver killed between the two moves leaves no
 * {@code --out} at all, the old output aside and a complete staging folder (its marker and
 * {@code _SUCCESS}) beside it; the next run into the same folder, holding its lock, finishes that
 * commit — or, when no complete staging folder is there, puts the old output back — and says so in one
 * warning line. Neither folder is ever deleted unless the other is in place.
 */
final class InterruptedCommit {
  private static final String OLD = ".old-";
  private static final String STAGING = ".staging-";

  private InterruptedCommit() {}

  /** A new staging folder beside {@code target} for a run that is not resumable. */
  static Path newStaging(Path target) {
    return sibling(target, STAGING + UUID.randomUUID());
  }

  /** Moves {@code staging} in as {@code target}; the old {@code target} goes aside first and is deleted last. */
  static void swap(FileSystem fs, Path staging, Path target, String dir, PrintStream warnings)
      throws IOException {
    Path old = null;
    if (fs.exists(target)) {
      old = sibling(target, OLD + UUID.randomUUID());
      if (!fs.rename(target, old)) throw new IOException("cannot move the old " + target + " aside");
    }
    if (!fs.rename(staging, target)) {
      if (old != null) fs.rename(old, target);
      throw new IOException("cannot move " + staging + " to " + target);
    }
    fs.delete(new Path(target, OutputFolder.RUN_MARKER), false); // listed in the marker: harmless if it stays
    if (old != null) dropOld(fs, old, dir, warnings);
  }

  /**
   * Finishes a commit that a killed driver left halfway through, and removes old outputs a killed commit
   * left aside. Call while holding the folder's lock.
   */
  static void recover(FileSystem fs, Path target, String dir, PrintStream warnings) throws IOException {
    List<FileStatus> olds = siblings(fs, target, OLD);
    if (!fs.exists(target)) {
      FileStatus done = newestComplete(fs, target);
      if (done != null) {
        if (!fs.rename(done.getPath(), target)) throw new IOException("cannot move " + done.getPath() + " to " + target);
        fs.delete(new Path(target, OutputFolder.RUN_MARKER), false);
        warn(warnings, dir, "moved in the finished output that a run killed while committing it left in "
            + done.getPath().getName());
      } else if (!olds.isEmpty()) {
        FileStatus back = olds.remove(olds.size() - 1);
        if (!fs.rename(back.getPath(), target)) throw new IOException("cannot move " + back.getPath() + " to " + target);
        warn(warnings, dir, "put back the previous output, which a run killed while committing had moved to "
            + back.getPath().getName());
      }
    }
    for (FileStatus old : olds) dropOld(fs, old.getPath(), dir, warnings);
  }

  /** Deletes an old output moved aside, unless something not sparkprop's appeared in it: that stays, with a warning. */
  private static void dropOld(FileSystem fs, Path old, String dir, PrintStream warnings) throws IOException {
    OutputGuard.Refusal r = OutputGuard.refusal(fs, old);
    if (r == null) {
      fs.delete(old, true);
    } else {
      warn(warnings, dir, "kept the previous output in " + old.getName() + " beside it, as " + r.why()
          + "; look at it and delete it yourself");
    }
  }

  /** The newest staging folder beside {@code target} that holds a complete output (a marker and _SUCCESS). */
  private static FileStatus newestComplete(FileSystem fs, Path target) throws IOException {
    List<FileStatus> candidates = siblings(fs, target, STAGING);
    Path run = OutputFolder.runFolder(target);
    if (fs.exists(run)) candidates.add(fs.getFileStatus(run));
    FileStatus newest = null;
    for (FileStatus c : candidates) {
      if (!c.isDirectory() || !fs.exists(new Path(c.getPath(), OutputFolder.SUCCESS))
          || OutputFolder.outputCommand(fs, c.getPath()) == null) {
        continue;
      }
      if (newest == null || c.getModificationTime() > newest.getModificationTime()) newest = c;
    }
    return newest;
  }

  /** The folders beside {@code target} named {@code .NAME<infix>…}, oldest first. */
  private static List<FileStatus> siblings(FileSystem fs, Path target, String infix) throws IOException {
    String prefix = "." + target.getName() + infix;
    List<FileStatus> found = new ArrayList<>();
    for (FileStatus s : fs.listStatus(target.getParent(), p -> p.getName().startsWith(prefix))) {
      if (s.isDirectory()) found.add(s);
    }
    found.sort(Comparator.comparingLong(FileStatus::getModificationTime));
    return found;
  }

  private static Path sibling(Path target, String suffix) {
    return new Path(target.getParent(), "." + target.getName() + suffix);
  }

  private static void warn(PrintStream warnings, String dir, String what) {
    warnings.println("sparkprop: warning: " + dir + ": " + what);
    warnings.flush();
  }
}
