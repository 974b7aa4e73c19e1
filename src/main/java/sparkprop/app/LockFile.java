package sparkprop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.Json;

/**
 * The file of an {@link OutputLock}, on any Hadoop file system: created at most once (on a local disk
 * through java.nio with {@code O_EXCL}, and without the {@code .crc} Hadoop's local file system would
 * write beside it; elsewhere Hadoop's {@code create(path, overwrite=false)}, which the HDFS name node
 * decides atomically), rewritten in place, read with its modification time, moved aside by a rename.
 */
final class LockFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BYTES = 64 * 1024;

  /** What a lock file says; {@code id} tells one lock from a later one of the same process. */
  record Holder(String id, String command, String host, long pid, Instant started, Instant refreshed) {
    /** The lock file's one JSON line. */
    byte[] json() {
      return Json.line(new Line("sparkprop", id, command, host, pid, started.toString(), refreshed.toString()));
    }

    /** The holder a lock file names, or null when it is being rewritten or is not one sparkprop wrote. */
    static Holder parse(byte[] bytes) {
      try {
        JsonNode n = JSON.readTree(bytes);
        return new Holder(n.get("id").asText(), n.get("command").asText(), n.get("host").asText(), n.get("pid").asLong(),
            Instant.parse(n.get("started").asText()), Instant.parse(n.get("refreshed").asText()));
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    Holder refreshedAt(Instant time) {
      return new Holder(id, command, host, pid, started, time);
    }

    String describe() {
      return command + " on " + host + ", process " + pid;
    }
  }

  /** A lock file's keys, in the file's order. */
  private record Line(String tool, String id, String command, String host, long pid, String started, String refreshed) {}

  /** A lock file as found: its holder (null when unreadable) and its modification time. */
  record Found(Holder holder, Instant modified) {
    boolean heldBy(Holder h) {
      return holder != null && holder.id.equals(h.id);
    }
  }

  private final FileSystem fs;
  final Path path;

  LockFile(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  /** Creates the file holding {@code bytes}; false when it exists already. */
  boolean create(byte[] bytes) throws IOException {
    return create(path, bytes);
  }

  private boolean create(Path p, byte[] bytes) throws IOException {
    if (local(p)) {
      try {
        Files.write(nio(p), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(p, false)) {
      out.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  /** Rewrites the existing file; a reader may find it empty for an instant (then its time decides). */
  void rewrite(byte[] bytes) throws IOException {
    if (local(path)) {
      Files.write(nio(path), bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      return;
    }
    try (OutputStream out = fs.create(path, true)) {
      out.write(bytes);
    }
  }

  /** The file as it is now, or null when there is none. */
  Found read() throws IOException {
    return read(path);
  }

  private Found read(Path p) throws IOException {
    try {
      if (local(p)) {
        Instant modified = Files.getLastModifiedTime(nio(p)).toInstant();
        return new Found(Holder.parse(Files.readAllBytes(nio(p))), modified);
      }
      Instant modified = Instant.ofEpochMilli(fs.getFileStatus(p).getModificationTime());
      return new Found(Holder.parse(bytes(p)), modified);
    } catch (NoSuchFileException | FileNotFoundException e) {
      return null;
    }
  }

  /**
   * Removes the file if it is {@code stale}: moves it aside first (a rename, so that of several runs
   * taking it over at once one wins) and looks again; a lock that another run took over just before is
   * put back. Whether a stale lock was removed.
   */
  boolean removeIf(Predicate<Found> stale) throws IOException {
    Path aside = new Path(path.getParent(), path.getName() + ".stale-" + UUID.randomUUID());
    if (local(path)) {
      try {
        Files.move(nio(path), nio(aside), StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException e) {
        return false;
      }
    } else if (!fs.rename(path, aside)) {
      return false;
    }
    Found moved = read(aside);
    boolean wasStale = moved == null || stale.test(moved);
    if (!wasStale) create(path, local(aside) ? Files.readAllBytes(nio(aside)) : bytes(aside)); // unless a third has one now
    delete(aside);
    return wasStale;
  }

  void delete() throws IOException {
    delete(path);
  }

  private void delete(Path p) throws IOException {
    if (local(p)) {
      Files.deleteIfExists(nio(p));
    } else {
      fs.delete(p, false);
    }
  }

  private byte[] bytes(Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      return in.readNBytes(MAX_BYTES);
    }
  }

  private static boolean local(Path p) {
    return "file".equals(p.toUri().getScheme());
  }

  private static java.nio.file.Path nio(Path p) {
    return Paths.get(p.toUri());
  }
}
