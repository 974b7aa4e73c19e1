package sparkprop.report.html;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkprop.check.CheckResult;

/**
 * {@code report.html}: one check's result for a person, in one self-contained file (figures inline,
 * nothing fetched, printable): the verdict, the tensor table and finite differences, the first
 * layer's gradient as images, where the differences are, the partitions, and the run's settings.
 */
public final class CheckReportHtml {
  private CheckReportHtml() {}

  /** The page, UTF-8, to be written as {@code report.html} beside {@code report.json}. */
  public static byte[] render(CheckResult r) {
    FirstLayerTiles tiles = FirstLayerTiles.of(r);
    List<ChartFigure> histograms = ErrorSection.figures(r);
    ChartFigure partitions = PartitionSection.figure(r);
    String body = VerdictSection.html(r)
        + "<nav><a href=\"#tensors\">Tensors</a><a href=\"#first-layer\">First layer</a>"
        + "<a href=\"#errors\">Where the differences are</a><a href=\"#partitions\">Partitions</a>"
        + "<a href=\"#settings\">The run</a></nav>\n"
        + TensorSection.html(r)
        + FirstLayerSection.html(r, tiles)
        + ErrorSection.html(r, histograms)
        + PartitionSection.html(r, partitions)
        + SettingsSection.html(r)
        + "<footer class=\"note\"><p>Written by sparkprop; the same result for machines is in report.json, "
        + "the gradients in gradients.npz and reference.npz.</p></footer>\n";
    return HtmlPage.render("sparkprop check: " + (r.pass() ? "PASS" : "FAIL") + " — " + r.layout, body);
  }

  /**
   * The page's figures as PNG files for slides ({@code --report-png DIR}): file name → PNG bytes,
   * e.g. first-layer-difference.png, histogram-w1.png, partitions.png.
   */
  public static Map<String, byte[]> renderPngs(CheckResult r) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    FirstLayerSection.pngs(FirstLayerTiles.of(r), out);
    ErrorSection.pngs(ErrorSection.figures(r), out);
    out.put("partitions.png", PartitionSection.figure(r).png());
    return out;
  }
}
