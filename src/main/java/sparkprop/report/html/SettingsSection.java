package sparkprop.report.html;

import java.util.Map;
import sparkprop.check.CheckResult;

/** The run's settings, as given: data, rows, partitions, precision, the network, BLAS, Spark, timings. */
final class SettingsSection {
  private SettingsSection() {}

  static String html(CheckResult r) {
    StringBuilder b = new StringBuilder("<section id=\"settings\">\n<h2>The run</h2>\n<table class=\"settings\">\n<tbody>\n");
    item(b, "data", "<code>" + Html.esc(r.data) + "</code>");
    item(b, "rows", Html.count(r.rows) + (r.referenceRows != r.rows
        ? " (the single-node reference: " + Html.count(r.referenceRows) + ")" : ""));
    item(b, "partitions", Html.count(r.partitions));
    item(b, "precision", Html.esc(r.precision));
    item(b, "layers", Html.esc(r.layout.toString()) + " (" + Html.count(r.layout.size()) + " parameters)");
    item(b, "activation", Html.esc(r.architecture.activation.label()));
    item(b, "loss", Html.esc(r.architecture.loss.label()));
    item(b, "weights", r.weights == null ? "random: " + Html.esc(r.init) + ", seed " + r.seed : "<code>" + Html.esc(r.weights) + "</code>");
    item(b, "block rows", Html.count(r.blockRows));
    item(b, "tree aggregation depth", String.valueOf(r.treeDepth));
    item(b, "BLAS", r.blasInfo != null ? Html.esc(r.blasInfo.implementation + ": " + r.blasInfo.source.name().toLowerCase(java.util.Locale.ROOT)
        + " OpenBLAS " + r.blasInfo.version + ", core " + r.blasInfo.coreName)
        : Html.esc(r.blas) + (r.blasNative ? " (native)" : " (not native)"));
    item(b, "Spark", Html.esc(r.sparkVersion) + ", master <code>" + Html.esc(r.sparkMaster) + "</code>, application "
        + Html.esc(r.applicationId));
    if (r.injectedFaultPartition >= 0) {
      item(b, "injected fault", "partition " + r.injectedFaultPartition + ", tensor " + Html.esc(r.injectedFaultTensor));
    }
    StringBuilder t = new StringBuilder();
    for (Map.Entry<String, Long> e : r.timingsMillis.entrySet()) {
      t.append(t.length() > 0 ? ", " : "").append(Html.esc(e.getKey().replace('_', ' '))).append(' ')
          .append(Html.count(e.getValue())).append(" ms");
    }
    if (t.length() > 0) item(b, "timings", t.toString());
    return b.append("</tbody>\n</table>\n</section>\n").toString();
  }

  private static void item(StringBuilder b, String name, String valueHtml) {
    b.append("<tr><th>").append(Html.esc(name)).append("</th><td>").append(valueHtml).append("</td></tr>\n");
  }
}
