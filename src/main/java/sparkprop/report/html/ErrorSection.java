package sparkprop.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sparkprop.check.CheckResult;
import sparkprop.compare.TensorComparison;
import sparkprop.nn.Tensor;

/** Where the errors are: per layer tensor, how its elements spread over the relative difference. */
final class ErrorSection {
  static final int WIDTH = 560;
  static final int HEIGHT = 330;

  private ErrorSection() {}

  static List<ChartFigure> figures(CheckResult r) {
    List<ChartFigure> out = new ArrayList<>();
    for (Tensor t : r.layout.tensors()) {
      RelativeHistogram h = RelativeHistogram.of(r.distributed.tensor(t), r.reference.tensor(t));
      String title = t.name + "  " + Html.shape(toLong(t.numpyShape()));
      out.add(new ChartFigure("histogram-" + t.name, HistogramChart.chart(title, h, rtol(r, t.name)), WIDTH, HEIGHT));
    }
    return out;
  }

  static String html(CheckResult r, List<ChartFigure> figures) {
    StringBuilder b = new StringBuilder("<section id=\"errors\">\n<h2>Where the differences are</h2>\n");
    b.append("<p>For every element of each tensor, |a − b| / max|b|: the distance between the distributed (a) and ")
        .append("single-node (b) value, relative to the tensor's largest reference value, counted in decades. ")
        .append("The grey bar on the left counts elements where both agree exactly; the others differ by rounding, ")
        .append("since the partitions add their rows in a different order: ")
        .append("float32".equals(r.precision) ? "in float32 around 1e-11…1e-7. " : "in float64 around 1e-18…1e-15. ")
        .append("Any bar right of the dashed tolerance line fails the check. ")
        .append("The loss (one number) and the input gradient (compared inside the partitions) are in the table above.</p>\n");
    b.append("<div class=\"charts\">\n");
    for (ChartFigure f : figures) b.append(f.html(null));
    return b.append("</div>\n</section>\n").toString();
  }

  static void pngs(List<ChartFigure> figures, Map<String, byte[]> out) {
    for (ChartFigure f : figures) out.put(f.name() + ".png", f.png());
  }

  private static double rtol(CheckResult r, String name) {
    for (TensorComparison t : r.tensors) if (t.name.equals(name)) return t.rtol;
    throw new IllegalStateException("no comparison for " + name);
  }

  private static long[] toLong(int[] shape) {
    long[] out = new long[shape.length];
    for (int k = 0; k < shape.length; k++) out[k] = shape[k];
    return out;
  }
}
