package sparkprop.report.html;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sparkprop.compare.Tolerances;
import sparkprop.train.Evaluation;
import sparkprop.train.StepCheck;
import sparkprop.train.TrainResult;

/**
 * The top of the training page: COMPLETED, STOPPED EARLY or STOPPED in large letters, then in a few
 * sentences what was trained, how the loss went, whether the checks passed, the final accuracy, the
 * best evaluation, or why and where the run stopped, naming the tensor whose check failed.
 */
final class TrainStatusSection {
  private static final Pattern STEP = Pattern.compile("^step (\\d+): (.*)$", Pattern.DOTALL);

  private TrainStatusSection() {}

  static String html(TrainResult r, TrainHistory h) {
    boolean ok = r.completed();
    StringBuilder b = new StringBuilder("<header class=\"verdict ").append(ok ? "pass" : "fail").append("\" id=\"status\">\n")
        .append("<div class=\"word long\">").append(word(r)).append("</div>\n<div class=\"what\">\n")
        .append("<h1>sparkprop training</h1>\n");
    if (!ok) b.append("<p class=\"stop\">").append(stopReason(r)).append("</p>\n");
    b.append("<p>").append(what(r, h)).append("</p>\n");
    b.append("<p>").append(checks(r)).append("</p>\n");
    if (r.finalEval != null) {
      Evaluation e = r.finalEval;
      b.append("<p>Final evaluation on the ").append(Html.count(e.rows())).append(" evaluation rows: <strong>accuracy ")
          .append(TrainChart.percent(e.accuracy())).append("</strong>, mean loss ").append(num(e.loss())).append('.');
      if (r.reachedTarget >= 0) {
        b.append(" It reached the target accuracy ").append(TrainChart.percent(r.options.targetAccuracy))
            .append(" before step ").append(r.reachedTarget).append(" and stopped there, as asked.");
      }
      b.append("</p>\n");
    }
    if (r.best != null) b.append("<p>").append(best(r)).append("</p>\n");
    if (r.options.injectFault >= 0) {
      b.append("<p class=\"selftest\">Self-test: this run corrupted partition ").append(r.options.injectFault).append("'s ")
          .append(Html.esc(r.options.faultTensor)).append(" at step ").append(r.options.faultStep)
          .append(" on purpose (<code>--inject-fault</code>), so a check is expected to stop it.</p>\n");
    }
    return b.append("</div>\n</header>\n").toString();
  }

  /** The page's word for how the run ended. */
  static String word(TrainResult r) {
    return !r.completed() ? "STOPPED" : r.stoppedEarly >= 0 ? "STOPPED EARLY" : "COMPLETED";
  }

  /** The best evaluation ({@code --keep-best}) and, with {@code --early-stop}, where and why the run ended. */
  private static String best(TrainResult r) {
    StringBuilder b = new StringBuilder("Best evaluation (by ").append(r.options.keepBestMetric()).append(") at step ")
        .append(Html.count(r.best.step())).append(": <strong>accuracy ").append(TrainChart.percent(r.best.evalAccuracy()))
        .append("</strong>, mean loss ").append(num(r.best.evalLoss()))
        .append(r.completed() ? "; its weights are in weights-best.npz (marked <em>best</em> on the charts)." : ".");
    if (r.stoppedEarly >= 0) {
      b.append(" The run stopped early at step ").append(Html.count(r.stoppedEarly)).append(", after ")
          .append(r.options.earlyStop).append(r.options.earlyStop == 1 ? " evaluation" : " evaluations")
          .append(" in a row without a new best (<code>--early-stop</code>); weights.npz holds the parameters there.");
    }
    return b.toString();
  }

  private static String what(TrainResult r, TrainHistory h) {
    String optimizer = r.options.optimizer.label();
    StringBuilder b = new StringBuilder();
    b.append(Html.count(h.size())).append(h.size() == 1 ? " step" : " steps").append(" of ").append(optimizer.toUpperCase(Locale.ROOT))
        .append(" on a ").append(Html.esc(r.initial.layout().toString())).append(" network (")
        .append(Html.esc(r.architecture.toString())).append(", ").append(Html.esc(r.options.model.precision.label()))
        .append(") over ").append(Html.count(r.rows)).append(" rows in ").append(Html.count(r.partitions))
        .append(r.partitions == 1 ? " partition" : " partitions");
    if (r.startStep > 0) b.append(", resumed at step ").append(r.startStep);
    if (h.size() > 0) {
      int last = h.size() - 1;
      b.append(": the training loss went from ").append(num(h.loss[0])).append(" at step ").append((long) h.steps[0])
          .append(" to ").append(num(h.loss[last])).append(" at step ").append((long) h.steps[last]);
    }
    return b.append('.').toString();
  }

  private static String checks(TrainResult r) {
    int n = r.checks.size();
    StringBuilder b = new StringBuilder();
    if (n == 0) return "No check of the distributed gradient was made.";
    long failed = r.checks.stream().filter(c -> !c.pass()).count();
    if (failed == 0) {
      b.append(n == 1 ? "The check" : n == 2 ? "Both checks" : "All " + n + " checks").append(" of the distributed gradient against the single-node")
          .append(" reference (<a href=\"#checks\">below</a>) passed.");
    } else {
      b.append(failed).append(" of ").append(n).append(" checks of the distributed gradient against the single-node reference")
          .append(" failed (<a href=\"#checks\">below</a>).");
    }
    return b.toString();
  }

  /** Why the run stopped, in the page's words: the failed check's step, tensor and difference, or the non-finite number. */
  static String stopReason(TrainResult r) {
    StepCheck c = failedCheck(r);
    if (c != null) {
      int k = c.names.indexOf(c.failed);
      double rel = k < 0 ? Double.NaN : c.relative.get(k);
      double floor = k < 0 ? Double.NaN : c.floors.get(k);
      return "Stopped at step " + c.step + ": the distributed gradient disagrees with the single-node reference in <code>"
          + Html.esc(c.failed) + "</code>: max|a − b| / max|b| = " + Html.sci(rel) + ", beyond the tolerance "
          + Html.tol(tolerance(r, c.failed)) + " plus each element's rounding floor (at most " + Html.sci(floor)
          + "). No weights.npz was written (exit code 1).";
    }
    Matcher m = STEP.matcher(r.stopped);
    if (m.matches()) {
      return "Stopped at step " + m.group(1) + ": " + Html.esc(m.group(2)) + ". No weights.npz was written (exit code 1).";
    }
    return "Stopped: " + Html.esc(r.stopped) + ". No weights.npz was written (exit code 1).";
  }

  static StepCheck failedCheck(TrainResult r) {
    for (StepCheck c : r.checks) if (!c.pass()) return c;
    return null;
  }

  /** The step the run stopped at, or -1 when it completed. */
  static long stoppedStep(TrainResult r) {
    if (r.completed()) return -1;
    StepCheck c = failedCheck(r);
    if (c != null) return c.step;
    Matcher m = STEP.matcher(r.stopped);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  static double tolerance(TrainResult r, String tensor) {
    Tolerances t = Tolerances.of(r.options.model.precision);
    return "loss".equals(tensor) ? t.lossRtol : t.gradientRtol;
  }

  /** A loss or such: 4 significant digits. */
  static String num(double v) {
    if (!Double.isFinite(v)) return Html.sci(v);
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
