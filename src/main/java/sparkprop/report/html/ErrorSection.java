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
      double rtol = rtol(r, t.name);
      RelativeHistogram h = RelativeHistogram.of(r.distributed.tensor(t), r.reference.tensor(t), floors(r, t), rtol);
      String title = t.name + "  " + Html.shape(toLong(t.numpyShape()));
      out.add(new ChartFigure("histogram-" + t.name, HistogramChart.chart(title, h, rtol), WIDTH, HEIGHT));
    }
    return out;
  }

  static String html(CheckResult r, List<ChartFigure> figures) {
    StringBuilder b = new StringBuilder("<section id=\"errors\">\n<h2>Where the differences are</h2>\n");
    b.append("<p>For every element of each tensor, |a − b| / (max|b| + floor / rtol): the distance between the ")
        .append("distributed (a) and single-node (b) value, relative to the tensor's largest reference value, counted ")
        .append("in decades. The element's floor c·ε·S (its rounding: S the sum of its per-row terms' absolute values) ")
        .append("counts in the scale, so that an element fails exactly when this exceeds rtol; where the floor is ")
        .append("small against rtol · max|b| — nearly everywhere but at a stationary point — it is |a − b| / max|b|. ")
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

  /** Each element's absolute floor c·ε·S, in the tensor's C order; all zero when the result carries no S. */
  static double[] floors(CheckResult r, Tensor t) {
    if (r.referenceAbsoluteTerms == null || r.tolerances == null) return new double[t.length()];
    return r.tolerances.floors(r.referenceAbsoluteTerms.tensor(t));
  }

  private static long[] toLong(int[] shape) {
    long[] out = new long[shape.length];
    for (int k = 0; k < shape.length; k++) out[k] = shape[k];
    return out;
  }
}
