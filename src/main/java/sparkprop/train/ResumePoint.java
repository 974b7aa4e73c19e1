package sparkprop.train;

import java.io.IOException;
import java.io.PrintStream;
import sparkprop.BadInputException;

/**
 * Where a run starts, decided before its first step, and the run folder made to match: its
 * checkpoints/ then holds only this run's lineage (never an unfinished {@code .tmp-*} write, nor a
 * checkpoint of an earlier run into the same {@code --out} that this one does not continue).
 *
 * <ul>
 *   <li>Without {@code --resume}: step 0.
 *   <li>With {@code --resume DIR}: the latest checkpoint, among DIR's and the killed run's folder beside
 *       it, that was made with this run's {@link Fingerprint} (the newest progress wins). One that is past
 *       {@code --steps} is refused; so are checkpoints made by another run only (naming what changed),
 *       and a DIR with no checkpoint at all — unless DIR is the run's own {@code --out}: a retry of a run
 *       stopped before its first checkpoint then starts at step 0, with one warning line.
 * </ul>
 */
final class ResumePoint {
  final long step;
  /** The checkpoint continued from; null at step 0. */
  final Checkpoints.Saved saved;

  private ResumePoint(long step, Checkpoints.Saved saved) {
    this.step = step;
    this.saved = saved;
  }

  /**
   * @param progress where the first progress line says what the run continues from
   * @param warnings where a retry that starts over says so
   */
  static ResumePoint choose(RunFolder folder, Fingerprint fingerprint, TrainOptions o, Progress progress,
      PrintStream warnings) throws IOException {
    Checkpoints own = folder.checkpoints();
    if (folder.resumeFrom() == null) {
      int removed = own.clearAfter(-1);
      if (removed > 0) {
        progress.note("starting at step 0; removed the " + removed + " checkpoint(s) that an earlier run into this --out"
            + " left in " + RunFolder.shown(own.runFolder()) + " (--resume continues one)");
      }
      return new ResumePoint(0, null);
    }
    Checkpoints source = null;
    Checkpoints.Latest chosen = null;
    Checkpoints.Latest other = null;
    StringBuilder older = new StringBuilder();
    for (Checkpoints c : folder.resumeFrom()) {
      Checkpoints.Latest l = c.latest();
      if (l == null) continue;
      if (fingerprint.changesSince(l.fingerprint) != null) {
        if (other == null || l.step > other.step) other = l;
      } else if (chosen == null || l.step > chosen.step) {
        if (chosen != null) older.append("; ").append(RunFolder.shown(chosen.folder)).append(" is older");
        source = c;
        chosen = l;
      } else {
        older.append("; ").append(RunFolder.shown(l.folder)).append(" is older");
      }
    }
    if (chosen == null && other != null) {
      throw BadInputException.inFile(o.resume, "its latest checkpoint " + other.folder.getName() + " was made by a"
          + " different run: " + fingerprint.changesSince(other.fingerprint) + " (resume needs the same data and options;"
          + " a larger --steps is fine)");
    }
    if (chosen == null) {
      if (!folder.retry()) throw BadInputException.inFile(o.resume, "holds no checkpoint to resume from");
      warnings.println("sparkprop: warning: --resume " + o.resume + ": no checkpoint to continue from yet (a run into it"
          + " stopped before its first); starting at step 0");
      warnings.flush();
      own.clearAfter(-1);
      return new ResumePoint(0, null);
    }
    if (chosen.step > o.steps) {
      throw BadInputException.inFile(RunFolder.shown(chosen.folder), "the checkpoint is past --steps: it holds θ after "
          + chosen.step + " steps and --steps is " + o.steps + " (give --steps " + chosen.step + " or more)");
    }
    if (other != null && other.step > chosen.step) {
      older.append("; ").append(RunFolder.shown(other.folder)).append(" is newer but was made by a different run (")
          .append(fingerprint.changesSince(other.fingerprint)).append(')');
    }
    Checkpoints.Saved saved = source.read(chosen);
    if (source == own) {
      own.clearAfter(chosen.step);
    } else {
      own.clearAfter(-1);
      own.save(chosen.step, saved.files, fingerprint); // carry the resumed-from state into this run's folder
    }
    progress.note("resuming at step " + chosen.step + " from " + RunFolder.shown(chosen.folder) + older);
    return new ResumePoint(chosen.step, saved);
  }
}
