package sparkprop.report.html;

import java.util.List;
import java.util.Map;
import sparkprop.screen.Finding;
import sparkprop.screen.ScreenReportJson;

/**
 * {@code report.html} of a screen, one self-contained page like the check's: the verdict and the suspects,
 * hosts as rows and rounds as columns (green agreed, red disagreed, grey not screened), the named
 * disagreements with their tensors, what could not be screened and what was lost, the history's weight.
 */
public final class ScreenReportHtml {
  private ScreenReportHtml() {}

  public static byte[] render(ScreenReportJson r) {
    boolean pass = r.suspects().isEmpty();
    StringBuilder b = new StringBuilder();
    b.append("<section class=\"verdict ").append(pass ? "pass" : "fail").append("\"><div class=\"word\">")
        .append(pass ? "PASS" : "SUSPECT").append("</div><div>");
    b.append("<p>").append(pass ? "Every screened host agreed bit for bit." : "Suspect: <b>"
        + Html.esc(String.join(" ", r.suspects())) + "</b>").append("</p>");
    b.append("<p class=\"note\">").append(Html.count(r.rows())).append(" rows in ").append(r.partitions())
        .append(" partitions, ").append(r.rounds()).append(" rounds, ").append(r.replicasPlaced())
        .append(" replicas per partition").append(r.distinctHosts() ? " on distinct hosts" : " (some on one host)")
        .append(", ").append(Html.count(r.comparisons())).append(" comparisons, ")
        .append(String.format(java.util.Locale.ROOT, "%.1f", r.costCoreSeconds())).append(" core-seconds.</p></div></section>\n");

    b.append("<h2 id=\"grid\">Hosts × rounds</h2>\n<table>\n");
    String[] head = new String[r.rounds() + 5];
    head[0] = "host";
    for (int k = 0; k < r.rounds(); k++) head[k + 1] = "round " + (k + 1);
    head[r.rounds() + 1] = "comparisons";
    head[r.rounds() + 2] = "disagreements";
    head[r.rounds() + 3] = "CPU / BLAS core";
    head[r.rounds() + 4] = "history";
    b.append(Html.headerRow(head));
    for (Map.Entry<String, ScreenReportJson.Host> e : r.hosts().entrySet()) {
      ScreenReportJson.Host h = e.getValue();
      b.append("<tr><td>").append(Html.esc(e.getKey())).append(h.suspect() ? " <b class=\"bad-text\">suspect</b>" : "").append("</td>");
      for (String cell : r.grid().getOrDefault(e.getKey(), List.of())) {
        b.append("<td class=\"cell ").append(Html.esc(cell)).append("\">").append(Html.esc(cell.replace('_', ' '))).append("</td>");
      }
      b.append("<td>").append(Html.count(h.comparisons())).append("</td><td>").append(Html.count(h.disagreements()))
          .append("</td><td>").append(Html.esc(h.cpuModel())).append(" / ").append(Html.esc(h.blasCore()))
          .append("</td><td>").append(Html.esc(r.history().getOrDefault(e.getKey(), ""))).append("</td></tr>\n");
    }
    b.append("</table>\n");

    b.append("<h2 id=\"disagreements\">Disagreements</h2>\n");
    if (r.disagreements().isEmpty()) {
      b.append("<p>None.</p>\n");
    } else {
      b.append("<table>\n").append(Html.headerRow("round", "partition", "host", "executor", "CPU / BLAS core", "tensor[element]",
          "value", "majority", "ulps", "referee"));
      for (Finding f : r.disagreements()) {
        b.append(Html.row(String.valueOf(f.round()), String.valueOf(f.partition()), Html.esc(f.host()), Html.esc(f.executorId()),
            Html.esc(f.cpuModel() + " / " + f.blasCore()), Html.esc(f.tensor() + "[" + f.index() + "]"),
            String.valueOf(f.value()), f.undecided() ? "undecided" : String.valueOf(f.majorityValue()),
            Html.count(f.ulps()) + (f.bitwise() ? "" : " (beyond tolerance)"), Html.esc(f.referee())));
      }
      b.append("</table>\n");
    }
    b.append("<h2 id=\"unscreened\">Not screened, lost</h2>\n");
    if (r.notScreened().isEmpty() && r.lostExecutors().isEmpty()) b.append("<p>Every executor was compared; none was lost.</p>\n");
    for (String e : r.notScreened()) b.append("<p>Not screened: ").append(Html.esc(e)).append("</p>\n");
    for (Map.Entry<String, String> e : r.lostExecutors().entrySet()) {
      b.append("<p>Lost: executor ").append(Html.esc(e.getKey())).append(" (").append(Html.esc(e.getValue())).append(")</p>\n");
    }
    b.append("<footer class=\"note\"><p>Written by sparkprop screen; every number is in report.json, the suspects in "
        + "suspects.txt.</p></footer>\n");
    return HtmlPage.render("sparkprop screen: " + (pass ? "pass" : "suspect " + String.join(" ", r.suspects())), b.toString());
  }
}
