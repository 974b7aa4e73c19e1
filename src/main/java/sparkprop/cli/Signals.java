package sparkprop.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import sparkprop.app.JobCommand;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT, SIGTERM and SIGHUP in the driver. The run stops as the JVM stops on them — Spark's shutdown
 * hook stops the context, which fails the job under way — but stderr gets one line instead of that
 * failure, {@code sparkprop: interrupted (SIGTERM) at step N; checkpoints kept in …} (what the command
 * leaves: {@link JobCommand#interruption()}), and the exit code is the shells' 128 + the signal's
 * number: 130 (SIGINT), 143 (SIGTERM), 129 (SIGHUP).
 *
 * <p>The main thread reports as the failure unwinds it. Since the JVM halts as soon as its shutdown
 * hooks are done, one hook — after Spark's (which stop the context), before Hadoop closes the file
 * systems — waits up to {@link #WAIT_SECONDS} for the main thread to report and record its exit code
 * (a run that completes meanwhile keeps its own), and reports itself if the main thread has not.
 */
final class Signals {
  private static final String[] HANDLED = {"INT", "TERM", "HUP"};
  static final long WAIT_SECONDS = 10;
  /** In Hadoop's ShutdownHookManager: below Spark's hooks (FileSystem's priority + 30), above the file systems' close. */
  private static final int PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 10;

  private static volatile Signal received;
  private static volatile JobCommand running;
  private static final CountDownLatch CONCLUDED = new CountDownLatch(1);
  private static boolean concluded; // guarded by Signals.class
  private static boolean reported; // guarded by Signals.class

  private Signals() {}

  /**
   * Handles the signals (each passed on to the JVM's own handler, which begins the shutdown) and adds
   * the shutdown hook; {@code recordExitCode} is where an exit code goes (submit.sh's exit file).
   */
  static void install(IntConsumer recordExitCode) {
    for (String name : HANDLED) {
      try {
        Signal signal = new Signal(name);
        SignalHandler[] previous = new SignalHandler[1];
        previous[0] = Signal.handle(signal, s -> {
          synchronized (Signals.class) {
            if (received == null) received = s;
          }
          previous[0].handle(s);
        });
      } catch (IllegalArgumentException e) {
        // Not available here, or reserved (-Xrs): the JVM's own handling stays.
      }
    }
    ShutdownHookManager.get().addShutdownHook(() -> awaitMainThread(recordExitCode), PRIORITY);
  }

  /** The command under way, whose {@link JobCommand#interruption()} completes the line. */
  static void running(JobCommand command) {
    running = command;
  }

  /** The signal that stopped the run, or null. */
  static Signal received() {
    return received;
  }

  /** Prints the line (once, whoever asks first) and returns the exit code 128 + the signal's number. */
  static synchronized int report(PrintStream err) {
    Signal s = received;
    if (!reported) {
      reported = true;
      JobCommand c = running;
      String what = c == null ? "; nothing was written" : c.interruption();
      err.println("sparkprop: interrupted (SIG" + s.getName() + ")" + what);
      err.flush();
    }
    return 128 + s.getNumber();
  }

  /** The run's exit code, recorded once: by the main thread, or by the hook that gave up waiting for it. */
  static synchronized void conclude(int code, IntConsumer recordExitCode) {
    if (concluded) return;
    concluded = true;
    recordExitCode.accept(code);
    CONCLUDED.countDown();
  }

  private static void awaitMainThread(IntConsumer recordExitCode) {
    if (received == null) return; // an ordinary exit
    try {
      if (CONCLUDED.await(WAIT_SECONDS, TimeUnit.SECONDS)) return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    conclude(report(System.err), recordExitCode); // the main thread is in work that does not notice the stop
  }
}
