package sparkprop.app;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
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
import sparkprop.app.LockFile.Found;
import sparkprop.app.LockFile.Holder;

/**
 * One sparkprop run at a time writes into an output folder (issue 17: two runs into one {@code --out}
 * both exited 0, the survivor missing the first's checkpoints). The lock is a file beside the folder,
 * {@code .NAME.sparkprop-lock}, never inside it, created atomically ({@link LockFile}). It names the
 * command, host, process id and start time of the driver holding it and the time it last refreshed it:
 * a daemon thread rewrites that every {@link #REFRESH}. It is released at the end of the run, on failure too, and by a shutdown hook on a
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
  private static final String HOST = host();

  private final LockFile file;
  private final String dir;
  private final Holder mine;
  private final ReentrantLock using = new ReentrantLock();
  private final Thread refresher;
  private final Thread onSignal;
  private volatile boolean released;

  private OutputLock(LockFile file, String dir, Holder mine) {
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
    LockFile file = new LockFile(fs, lockFile(target));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Holder me = new Holder(UUID.randomUUID().toString(), command, HOST, ProcessHandle.current().pid(), now, now);
    for (int attempt = 0; attempt < 5; attempt++) {
      if (file.create(me.json())) {
        OutputLock lock = new OutputLock(file, dir, me);
        lock.refresher.start();
        Runtime.getRuntime().addShutdownHook(lock.onSignal);
        return lock;
      }
      Found found = file.read();
      if (found == null) continue; // released meanwhile: try again
      String stale = staleness(found);
      if (stale == null) {
        Holder h = found.holder();
        throw BadInputException.inFile(dir, "another sparkprop run is writing " + dir + " since "
            + (h == null ? found.modified() + " (its lock is being rewritten)" : h.started() + " (" + h.describe() + ")")
            + "; wait for it to end (its lock " + file.path.getName() + " beside it is stale after "
            + STALE_AFTER.toSeconds() + " s without a refresh)");
      }
      if (file.removeIf(f -> staleness(f) != null)) {
        warnings.println("sparkprop: warning: " + dir + ": took over the lock " + file.path.getName() + " of a run that "
            + stale);
        warnings.flush();
      }
    }
    throw new IOException("cannot take the lock " + file.path + ": other runs keep taking it");
  }

  /** Why the lock found is stale, or null while its holder may be alive. */
  static String staleness(Found found) {
    Holder h = found.holder();
    if (h != null && h.host().equals(HOST)) {
      Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
      boolean reused = p.flatMap(q -> q.info().startInstant()).map(s -> s.isAfter(h.started().plus(PID_REUSE_SLACK)))
          .orElse(false);
      if (!p.map(ProcessHandle::isAlive).orElse(false) || reused) {
        return "is gone (" + h.describe() + ", since " + h.started() + ")";
      }
    }
    Duration quiet = Duration.between(h != null ? h.refreshed() : found.modified(), Instant.now());
    if (quiet.compareTo(STALE_AFTER) > 0) {
      return "has not refreshed it for " + quiet.toSeconds() + " s ("
          + (h == null ? "unreadable" : h.describe() + ", since " + h.started()) + ")";
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
      Found now = released ? null : file.read();
      if (now == null || !now.heldBy(mine)) {
        throw new IOException("the lock " + file.path + " was released or taken over by another run while this one ran"
            + (now != null && now.holder() != null ? " (" + now.holder().describe() + ")" : "")
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
      Found now = file.read();
      if (now != null && now.heldBy(mine)) file.delete();
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
        Found now = file.read();
        if (now == null || !now.heldBy(mine)) return; // lost: the commit will say so
        file.rewrite(mine.refreshedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).json());
      } catch (IOException e) {
        // Try again at the next refresh; a lock unrefreshed for STALE_AFTER is lost and the commit says so.
      } finally {
        using.unlock();
      }
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
