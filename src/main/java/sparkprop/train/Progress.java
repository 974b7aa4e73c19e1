package sparkprop.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a person watching sees: on a terminal, one line rewritten in place with the step, the loss, the
 * step's time and the time left; in a pipeline (no terminal), one plain line every N steps.
 */
final class Progress {
  private final PrintStream out;
  private final boolean terminal;
  private final int every;
  private final long steps;

  Progress(PrintStream out, boolean terminal, int every, long steps) {
    this.out = out;
    this.terminal = terminal;
    this.every = Math.max(1, every);
    this.steps = steps;
  }

  /** A terminal when the JVM has a console on both ends. */
  static boolean onTerminal() {
    return System.console() != null;
  }

  void step(StepRecord r, double medianSeconds) {
    long left = steps - r.step - 1;
    String line = String.format(Locale.ROOT, "train: step %d/%d  loss %.6g  %.0f ms/step  %s left%s", r.step + 1, steps,
        r.loss, r.seconds * 1000, duration(left * medianSeconds),
        r.eval == null ? "" : String.format(Locale.ROOT, "  eval loss %.6g accuracy %.4f", r.eval.loss(), r.eval.accuracy()));
    if (terminal) {
      out.print("\r" + line + "\u001b[K");
      if (left == 0) out.println();
    } else if ((r.step + 1) % every == 0 || left == 0 || r.eval != null) {
      out.println(line);
    }
    out.flush();
  }

  void note(String text) {
    if (terminal) out.print("\r\u001b[K");
    out.println("train: " + text);
    out.flush();
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }
}
