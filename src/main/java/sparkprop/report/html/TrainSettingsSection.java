package sparkprop.report.html;

import java.util.Locale;
import java.util.Map;
import sparkprop.train.OptimizerKind;
import sparkprop.train.StepRecord;
import sparkprop.train.TrainOptions;
import sparkprop.train.TrainResult;

/** The training run's settings, as given and as they came out: data, network, optimizer, batches, checks, time. */
final class TrainSettingsSection {
  private TrainSettingsSection() {}

  static String html(TrainResult r, TrainHistory h) {
    TrainOptions o = r.options;
    StringBuilder b = new StringBuilder("<section id=\"settings\">\n<h2>The run</h2>\n<table class=\"settings\">\n<tbody>\n");
    item(b, "data", "<code>" + Html.esc(r.data) + "</code>");
    item(b, "rows", Html.count(r.rows) + (o.data.split != null ? " (the " + o.data.split.name().toLowerCase(Locale.ROOT)
        + " side of the split)" : ""));
    item(b, "partitions", Html.count(r.partitions));
    item(b, "evaluated on", r.evalData == null ? "nothing (<code>--split train</code> or <code>--eval-data</code> give an evaluation)"
        : "<code>" + Html.esc(r.evalData) + "</code>" + (r.finalEval == null ? "" : ", " + Html.count(r.finalEval.rows()) + " rows")
            + ", every " + o.evalEvery + " steps and after the last");
    item(b, "layers", Html.esc(r.initial.layout().toString()) + " (" + Html.count(r.initial.layout().size()) + " parameters)");
    item(b, "activation", Html.esc(r.architecture.activation.label()));
    item(b, "loss", Html.esc(r.architecture.loss.label()));
    item(b, "precision", Html.esc(o.model.precision.label()));
    item(b, "initial weights", o.model.weights == null ? "random: " + Html.esc(o.model.init.label()) + ", seed " + o.model.seed
        : "<code>" + Html.esc(o.model.weights) + "</code>");
    item(b, "optimizer", optimizer(o));
    item(b, "batches", r.stepsPerEpoch > 1
        ? "about " + Html.count(o.batchRows) + " rows a step, " + Html.count(r.stepsPerEpoch) + " steps an epoch"
        : "every row every step (full batch)");
    item(b, "steps", Html.count(o.steps) + " asked, " + Html.count(h.size()) + " made"
        + (r.reachedTarget >= 0 ? "; stopped at the target accuracy " + TrainChart.percent(o.targetAccuracy)
        : o.targetAccuracy > 0 ? "; target accuracy " + TrainChart.percent(o.targetAccuracy) + " not reached" : ""));
    if (o.keepBestMetric() != null) {
      item(b, "best kept", "by evaluation " + o.keepBestMetric() + (o.earlyStop > 0 ? "; stop after " + o.earlyStop
          + " evaluations in a row without a new best" : "") + (r.best == null ? "" : "; best at step " + Html.count(r.best.step())));
    }
    item(b, "checks", "before the first step" + (o.checkEvery > 0 ? " and every " + o.checkEvery + " steps" : " only")
        + ", on " + (r.checks.isEmpty() ? "the reference's" : Html.count(r.checks.get(0).rows)) + " rows; "
        + r.checks.size() + " made");
    item(b, "checkpoints", o.checkpointEvery > 0 ? "every " + o.checkpointEvery + " steps and at the end" : "at the end only");
    if (r.resumedFrom != null) {
      item(b, "resumed from", "<code>" + Html.esc(r.resumedFrom) + "</code> at step " + r.startStep);
    }
    if (o.injectFault >= 0) {
      item(b, "injected fault", "partition " + o.injectFault + ", tensor " + Html.esc(o.faultTensor) + ", step " + o.faultStep);
    }
    item(b, "BLAS", Html.esc(r.blas));
    item(b, "Spark", Html.esc(r.sparkVersion) + ", master <code>" + Html.esc(r.sparkMaster) + "</code>");
    item(b, "seconds", seconds(r, h));
    return b.append("</tbody>\n</table>\n</section>\n").toString();
  }

  private static String optimizer(TrainOptions o) {
    if (o.optimizer == OptimizerKind.LBFGS) {
      return "L-BFGS (Breeze's, as MLlib drives it), " + o.lbfgsCorrections + " correction pairs";
    }
    if (o.optimizer == OptimizerKind.ADAM) {
      return String.format(Locale.ROOT, "Adam (PyTorch's rule): learning rate %s (%s), betas %s, %s, eps %s, weight decay %s",
          plain(o.lr()), Html.esc(o.scheduleText()), plain(o.betas()[0]),
          plain(o.betas()[1]), plain(o.eps()), plain(o.weightDecay));
    }
    return String.format(Locale.ROOT, "SGD (PyTorch's rule): learning rate %s (%s), momentum %s, weight decay %s",
        plain(o.lr()), Html.esc(o.scheduleText()), plain(o.momentum), plain(o.weightDecay));
  }

  private static String seconds(TrainResult r, TrainHistory h) {
    double eval = 0;
    for (StepRecord s : r.records()) eval += s.evalSeconds;
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "training %.1f", h.trainSeconds));
    if (eval > 0) b.append(String.format(Locale.ROOT, ", evaluations %.1f", eval));
    for (Map.Entry<String, Double> e : r.seconds.entrySet()) {
      b.append(String.format(Locale.ROOT, ", %s %.1f", Html.esc(e.getKey().replace('_', ' ')), e.getValue()));
    }
    if (r.startStep > 0) b.append(" (training counts the steps before the resume too)");
    return b.toString();
  }

  private static String plain(double v) {
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  private static void item(StringBuilder b, String name, String valueHtml) {
    b.append("<tr><th>").append(Html.esc(name)).append("</th><td>").append(valueHtml).append("</td></tr>\n");
  }
}
