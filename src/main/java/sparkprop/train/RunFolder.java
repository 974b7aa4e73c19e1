package sparkprop.train;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a training run keeps its checkpoints while it runs (its output's staging folder, which
 * survives a killed driver) and, for {@code --resume}, the folder whose latest checkpoint it
 * continues from.
 */
public final class RunFolder {
  private final Checkpoints checkpoints;
  private final Checkpoints resumeFrom;

  /** @param resumeFrom the folder holding the checkpoints to continue from, or null to start afresh */
  public RunFolder(FileSystem fs, Path staging, Path resumeFrom) {
    this.checkpoints = new Checkpoints(fs, staging);
    this.resumeFrom = resumeFrom == null ? null
        : resumeFrom.equals(staging) ? checkpoints : new Checkpoints(fs, resumeFrom);
  }

  Checkpoints checkpoints() {
    return checkpoints;
  }

  Checkpoints resumeFrom() {
    return resumeFrom;
  }
}
