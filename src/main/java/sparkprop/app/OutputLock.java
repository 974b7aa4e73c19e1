package sparkprop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * One sparkprop run at a time writes into an output folder (issue 17: two runs into one {@code --out}
 * both exited 0, the survivor missing the first's checkpoints). The lock is a file beside the folder,
 * {@code .NAME.sparkprop-lock}, never inside it, created atomically (Hadoop's {@code create(path,
 * overwrite=false)}; on a local disk {@code O_EXCL}). It names the command, host, process id and start
 * time of the driver holding it and the time it last refreshed it: a daemon thread rewrites that every
 * {@link #REFRESH}. It is released at the end of the run, on failure too, and by a shutdown hook on a
 * signal. A lock is stale, and taken over with one warning line, when its host is this host and its
 * process is gone, or when it has not been refreshed for {@link #STALE_AFTER} (the test that works on
 * HDFS and across hosts, whose clocks must agree to well within that). A lock being rewritten reads as
 * unreadable for an instant: it is judged by its modification time then.
 */
public final class OutputLock {
  static final Duration REFRESH = Duration.ofSeconds(5);
  static final Duration STALE_AFTER = Duration.ofSeconds(60);
  /** A process that started this long after the lock was taken holds a reused pid (start times are coarse). */
  private static final Duration PID_REUSE_SLACK = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST = host();

  private final FileSystem fs;
  private final Path file;
  private final String dir;
  private final Holder mine;
  private final ReentrantLock using = new ReentrantLock();
  private final Thread refresher;
  private final Thread onSignal;
  private volatile boolean released;

  /** What a lock file says; {@code id} tells this lock from a later one of the same process. */
  record Holder(String id, String command, String host, long pid, Instant started, Instant refreshed) {
    byte[] json() {
      return (JSON.createObjectNode().put("tool", "sparkprop").put("id", id).put("command", command).put("host", host)
          .put("pid", pid).put("started", started.toString()).put("refreshed", refreshed.toString()) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    }

    static Holder parse(byte[] bytes) {
      try {
        JsonNode n = JSON.readTree(bytes);
        return new Holder(n.get("id").asText(), n.get("command").asText(), n.get("host").asText(), n.get("pid").asLong(),
            Instant.parse(n.get("started").asText()), Instant.parse(n.get("refreshed").asText()));
      } catch (IOException | RuntimeException e) {
        return null; // being rewritten, or not one sparkprop wrote
      }
    }

    String describe() {
      return command + " on " + host + ", process " + pid;
    }
  }

  /** A lock file as found: its holder (null when unreadable) and its modification time. */
  private record Found(Holder holder, Instant modified) {}

  private OutputLock(FileSystem fs, Path file, String dir, Holder mine) {
    this.fs = fs;
    this.file = file;
    this.dir = dir;
    this.mine = mine;
    this.refresher = new Thread(this::refreshUntilReleased, "sparkprop-output-lock");
    this.refresher.setDaemon(true);
    this.onSignal = new Thread(this::releaseAfterCommit, "sparkprop-output-lock-release");
  }

  /** The lock file of the output folder {@code target}. */
  public static Path lockFile(Path target) {
    return new Path(target.getParent(), "." + target.getName() + ".sparkprop-lock");
  }

  /**
   * Takes the lock of {@code target} for {@code command}, or refuses (exit 2) while another live run
   * holds it. A stale lock is taken over with one warning line on {@code warnings}.
   */
  static OutputLock acquire(FileSystem fs, Path target, String dir, String command, PrintStream warnings)
      throws IOException {
    Path file = lockFile(target);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Holder me = new Holder(UUID.randomUUID().toString(), command, HOST, ProcessHandle.current().pid(), now, now);
    for (int attempt = 0; attempt < 5; attempt++) {
      if (createNew(fs, file, me.json())) {
        OutputLock lock = new OutputLock(fs, file, dir, me);
        lock.refresher.start();
        Runtime.getRuntime().addShutdownHook(lock.onSignal);
        return lock;
      }
      Found found = read(fs, file);
      if (found == null) continue; // released meanwhile: try again
      String stale = staleness(found);
      if (stale == null) {
        Holder h = found.holder;
        throw BadInputException.inFile(dir, "another sparkprop run is writing " + dir + " since "
            + (h == null ? found.modified + " (its lock is being rewritten)" : h.started + " (" + h.describe() + ")")
            + "; wait for it to end (its lock " + file.getName() + " beside it is stale after "
            + STALE_AFTER.toSeconds() + " s without a refresh)");
      }
      if (takeOver(fs, file)) {
        warnings.println("sparkprop: warning: " + dir + ": took over the lock " + file.getName() + " of a run that "
            + stale);
        warnings.flush();
      }
    }
    throw new IOException("cannot take the lock " + file + ": other runs keep taking it");
  }

  /** Why the lock found is stale, or null while its holder may be alive. */
  static String staleness(Found found) {
    Holder h = found.holder;
    if (h != null && h.host.equals(HOST)) {
      Optional<ProcessHandle> p = ProcessHandle.of(h.pid);
      boolean alive = p.map(ProcessHandle::isAlive).orElse(false)
          && !p.flatMap(q -> q.info().startInstant()).map(s -> s.isAfter(h.started.plus(PID_REUSE_SLACK))).orElse(false); // not a reused pid
      if (!alive) return "is gone (" + h.describe() + ", since " + h.started + ")";
    }
    Instant last = h != null ? h.refreshed : found.modified;
    Duration quiet = Duration.between(last, Instant.now());
    if (quiet.compareTo(STALE_AFTER) > 0) {
      return "has not refreshed it for " + quiet.toSeconds() + " s (" + (h == null ? "unreadable" : h.describe() + ", since "
          + h.started) + ")";
    }
    return null;
  }

  /**
   * Runs {@code step} (the commit's renames) while this lock is certainly held: not released, not taken
   * over; a signal's release waits for it.
   */
  void whileHeld(IoStep step) throws IOException {
    using.lock();
    try {
      Found now = released ? null : read(fs, file);
      if (now == null || now.holder == null || !now.holder.id.equals(mine.id)) {
        throw new IOException("the lock " + file + " was released or taken over by another run while this one ran"
            + (now != null && now.holder != null ? " (" + now.holder.describe() + ")" : "")
            + "; nothing was moved into " + dir);
      }
      step.run();
    } finally {
      using.unlock();
    }
  }

  /** An I/O step run under the lock. */
  interface IoStep {
    void run() throws IOException;
  }

  /** Releases the lock: deletes the file while it is still this run's. Idempotent. */
  public void release() {
    using.lock();
    try {
      if (released) return;
      released = true;
      refresher.interrupt();
      Found now = read(fs, file);
      if (now != null && now.holder != null && now.holder.id.equals(mine.id)) delete(fs, file);
    } catch (IOException e) {
      // Best effort: a lock left behind is stale as soon as this process is gone.
    } finally {
      using.unlock();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(onSignal);
    } catch (IllegalStateException shuttingDown) {
      // Called from the hook itself, or during shutdown: nothing to remove.
    }
  }

  /** The shutdown hook: a commit in progress finishes its renames first; one stuck for 30 s keeps the lock. */
  private void releaseAfterCommit() {
    try {
      if (using.tryLock(30, TimeUnit.SECONDS)) {
        try {
          release();
        } finally {
          using.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void refreshUntilReleased() {
    while (!released) {
      try {
        Thread.sleep(REFRESH.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      using.lock();
      try {
        if (released) return;
        Found now = read(fs, file);
        if (now == null || now.holder == null || !now.holder.id.equals(mine.id)) return; // lost: commit will say so
        rewrite(fs, file, new Holder(mine.id, mine.command, mine.host, mine.pid, mine.started,
            Instant.now().truncatedTo(ChronoUnit.MILLIS)).json());
      } catch (IOException e) {
        // Try again at the next refresh; a lock unrefreshed for STALE_AFTER is lost and commit says so.
      } finally {
        using.unlock();
      }
    }
  }

  // File operations: java.nio on a local disk (O_EXCL creation, no .crc file beside the lock), Hadoop's
  // FileSystem elsewhere (on HDFS the name node creates a file at most once).

  private static boolean local(Path p) {
    return "file".equals(p.toUri().getScheme());
  }

  private static java.nio.file.Path nio(Path p) {
    return Paths.get(p.toUri());
  }

  private static boolean createNew(FileSystem fs, Path file, byte[] bytes) throws IOException {
    if (local(file)) {
      try {
        Files.write(nio(file), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  private static void rewrite(FileSystem fs, Path file, byte[] bytes) throws IOException {
    if (local(file)) {
      Files.write(nio(file), bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      return;
    }
    try (OutputStream out = fs.create(file, true)) {
      out.write(bytes);
    }
  }

  /** The lock file as it is now, or null when there is none. */
  static Found read(FileSystem fs, Path file) throws IOException {
    try {
      if (local(file)) {
        Instant modified = Files.getLastModifiedTime(nio(file)).toInstant();
        return new Found(Holder.parse(Files.readAllBytes(nio(file))), modified);
      }
      Instant modified = Instant.ofEpochMilli(fs.getFileStatus(file).getModificationTime());
      try (InputStream in = fs.open(file)) {
        return new Found(Holder.parse(in.readNBytes(64 * 1024)), modified);
      }
    } catch (NoSuchFileException | FileNotFoundException e) {
      return null;
    }
  }

  /**
   * Moves a stale lock aside (a rename: of several runs taking it over at once, one wins) and deletes it;
   * if what was moved is no longer stale (another run took it over just before), puts it back.
   */
  private static boolean takeOver(FileSystem fs, Path file) throws IOException {
    Path aside = new Path(file.getParent(), file.getName() + ".stale-" + UUID.randomUUID());
    if (local(file)) {
      try {
        Files.move(nio(file), nio(aside), StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException e) {
        return false;
      }
    } else if (!fs.rename(file, aside)) {
      return false;
    }
    Found moved = read(fs, aside);
    boolean wasStale = moved == null || staleness(moved) != null;
    if (!wasStale) { // a run took it over just before us: give its lock back unless yet another run has one now
      byte[] bytes = local(aside) ? Files.readAllBytes(nio(aside)) : readAll(fs, aside);
      createNew(fs, file, bytes);
    }
    delete(fs, aside);
    return wasStale;
  }

  private static byte[] readAll(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return in.readNBytes(64 * 1024);
    }
  }

  private static void delete(FileSystem fs, Path file) throws IOException {
    if (local(file)) {
      Files.deleteIfExists(nio(file));
    } else {
      fs.delete(file, false);
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
    }
  }
}
