package sparkprop.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * The job's output folder ({@code --out}), replaced atomically: the run writes into a hidden sibling
 * folder, ends it with a {@code _SUCCESS} marker, and only then swaps it for the old folder. A run
 * that fails before {@link #commit()} leaves the previous results untouched. Works through Hadoop's
 * FileSystem, so the folder may be on HDFS (where rename is atomic) or S3A (where it is a copy).
 */
public final class OutputFolder {
  public static final String SUCCESS = "_SUCCESS";

  private final FileSystem fs;
  private final Path target;
  private final Path staging;

  private OutputFolder(FileSystem fs, Path target, Path staging) {
    this.fs = fs;
    this.target = target;
    this.staging = staging;
  }

  /** Creates the staging folder now, so that an unwritable location fails before any work (exit 2). */
  public static OutputFolder prepare(String dir, Configuration conf) {
    try {
      Path given = new Path(dir);
      FileSystem fs = given.getFileSystem(conf);
      Path target = fs.makeQualified(given);
      if (target.getParent() == null) throw new BadInputException("--out " + dir + ": cannot replace a file system root");
      if (fs.exists(target) && !fs.getFileStatus(target).isDirectory()) {
        throw BadInputException.inFile(dir, "output path exists and is not a folder");
      }
      Path staging = new Path(target.getParent(), "." + target.getName() + ".staging-" + UUID.randomUUID());
      if (!fs.mkdirs(staging)) throw BadInputException.inFile(dir, "cannot create the output folder");
      return new OutputFolder(fs, target, staging);
    } catch (IOException e) {
      throw BadInputException.inFile(dir, "output folder cannot be written: " + e.getMessage());
    }
  }

  /** Writes one file into the staging folder. */
  public void write(String name, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(new Path(staging, name), false)) {
      out.write(bytes);
    }
  }

  /** Marks the staged output complete and swaps it in for the old folder. */
  public void commit() throws IOException {
    write(SUCCESS, new byte[0]);
    Path old = null;
    if (fs.exists(target)) {
      old = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
      if (!fs.rename(target, old)) throw new IOException("cannot move the old " + target + " aside");
    }
    if (!fs.rename(staging, target)) {
      if (old != null) fs.rename(old, target);
      throw new IOException("cannot move " + staging + " to " + target);
    }
    if (old != null) fs.delete(old, true);
  }

  /** Removes the staging folder of a run that did not complete; the old output stays. */
  public void abandon() {
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
