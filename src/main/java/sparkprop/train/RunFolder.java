package sparkprop.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a training run keeps its checkpoints while it runs (its output's staging folder, which
 * survives a killed driver) and, for {@code --resume DIR}, the folders whose latest checkpoint it may
 * continue from: DIR when it is a completed training output, and the run folder a killed run into DIR
 * left beside it — the newer of the two wins ({@link ResumePoint}).
 */
public final class RunFolder {
  private final Checkpoints checkpoints;
  private final List<Checkpoints> resumeFrom;
  private final boolean retry;

  /** A run that starts afresh. */
  public RunFolder(FileSystem fs, Path staging) {
    this(fs, staging, null, false);
  }

  /** @param resumeFrom the folder holding the checkpoints to continue from, or null to start afresh */
  public RunFolder(FileSystem fs, Path staging, Path resumeFrom) {
    this(fs, staging, resumeFrom == null ? null : List.of(resumeFrom), false);
  }

  /**
   * @param resumeFrom the folders that {@code --resume} names and that exist (empty when none does),
   *     or null to start afresh
   * @param retry whether {@code --resume} names the run's own {@code --out}: then a folder with no
   *     checkpoint yet is a retry of a run stopped before its first one, which starts at step 0
   */
  public RunFolder(FileSystem fs, Path staging, List<Path> resumeFrom, boolean retry) {
    this.checkpoints = new Checkpoints(fs, staging);
    this.retry = retry;
    if (resumeFrom == null) {
      this.resumeFrom = null;
    } else {
      this.resumeFrom = new ArrayList<>();
      for (Path p : resumeFrom) this.resumeFrom.add(p.equals(staging) ? checkpoints : new Checkpoints(fs, p));
    }
  }

  /** A folder as messages show it: a local one as a plain path, others as their URI. */
  public static String shown(Path p) {
    return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
  }

  Checkpoints checkpoints() {
    return checkpoints;
  }

  /** Null when the run starts afresh. */
  List<Checkpoints> resumeFrom() {
    return resumeFrom;
  }

  boolean retry() {
    return retry;
  }
}
