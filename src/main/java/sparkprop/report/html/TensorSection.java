package sparkprop.report.html;

import java.util.Locale;
import sparkprop.check.CheckResult;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.FiniteDifferenceCheck;
import sparkprop.compare.TensorComparison;
import sparkprop.compare.Tolerances;
import sparkprop.nn.Tensor;

/** The console's table of tensors, what each row means and the tolerances; then the finite-difference directions. */
final class TensorSection {
  private TensorSection() {}

  static String html(CheckResult r) {
    StringBuilder b = new StringBuilder("<section id=\"tensors\">\n<h2>Distributed against single-node, tensor by tensor</h2>\n");
    b.append("<p><b>a</b> is the gradient Spark computed partition by partition and summed with a tree aggregation; ")
        .append("<b>b</b> is the same gradient computed on one node (the driver) over ")
        .append(r.referenceRows == r.rows ? "the same " + Html.count(r.rows) + " rows"
            : "a subset of " + Html.count(r.referenceRows) + " of the " + Html.count(r.rows) + " rows (chosen by row id; a is computed over that subset too)")
        .append(". A tensor passes when every element has |a − b| ≤ rtol · max|b| + c·ε·S and neither side holds NaN ")
        .append("or ∞: S is the sum of the element's per-row terms' absolute values, computed by the reference, ε the ")
        .append("precision's unit roundoff and c = ").append(Html.tol(Tolerances.FLOOR_C))
        .append(" — an absolute floor for where the terms cancel (near a stationary point the gradient itself is ")
        .append("rounding), far below a real error elsewhere. \"largest floor\" is the largest c·ε·S of the tensor; ")
        .append("\"ok (floor)\" marks a tensor that passes only by its elements' floors.</p>\n");
    b.append("<table class=\"tensors\">\n<thead>")
        .append(Html.headerRow("tensor", "what it is", "shape", "max|a − b|", "max|b|", "relative<br>max|a − b| / max|b|",
            "rtol", "largest floor", "result"))
        .append("</thead>\n<tbody>\n");
    for (TensorComparison t : r.tensors) {
      Discrepancy d = t.discrepancy;
      b.append("<tr class=\"").append(t.pass ? "ok" : "bad").append("\">")
          .append("<td><code>").append(Html.esc(t.name)).append("</code></td>")
          .append("<td>").append(Html.esc(describe(r, t.name))).append("</td>")
          .append("<td class=\"num\">").append(Html.shape(t.shape)).append("</td>")
          .append("<td class=\"num\">").append(Html.sci(d.maxAbsDiff())).append("</td>")
          .append("<td class=\"num\">").append(Html.sci(d.maxAbsReference())).append("</td>")
          .append("<td class=\"num\">").append(Html.sci(d.relative())).append("</td>")
          .append("<td class=\"num\">").append(Html.tol(t.rtol)).append("</td>")
          .append("<td class=\"num\">").append(Html.sci(d.maxFloor())).append("</td>")
          .append("<td class=\"result\">").append(!t.pass ? "FAIL" : d.maxAbsDiff() > t.rtol * d.maxAbsReference() ? "ok (floor)" : "ok")
          .append(d.nonFinite() > 0 ? " (" + Html.count(d.nonFinite()) + " not finite)" : "").append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
    b.append(String.format(Locale.ROOT, "<p>Mean loss: distributed %.17g, single-node %.17g", r.distributed.loss,
        r.reference.loss));
    if (r.referenceRows != r.rows) {
      b.append(String.format(Locale.ROOT, "; over all %s rows %.17g", Html.count(r.rows), r.fullGradient().loss));
    }
    b.append(".</p>\n");
    b.append(finiteDifferences(r.finiteDifference));
    return b.append("</section>\n").toString();
  }

  /** A plain-words description of a row of the table. */
  static String describe(CheckResult r, String name) {
    if (name.equals("loss")) return "the mean loss itself (a number)";
    if (name.equals("input")) return "gradient with respect to the input rows, compared inside each partition";
    Tensor t = r.layout.tensor(name);
    if (t == null) return "";
    String layer = "layer " + t.layer + (t.layer == r.layout.layers() ? " (output)" : "");
    return t.bias ? layer + " biases" : layer + " weights, " + r.layout.size(t.layer - 1) + " inputs × " + t.cols + " units";
  }

  private static String finiteDifferences(FiniteDifferenceCheck fd) {
    StringBuilder b = new StringBuilder("<h3 id=\"finite-differences\">Finite differences</h3>\n");
    if (fd == null) {
      return b.append("<p>Skipped (<code>--fd-directions 0</code>).</p>\n").toString();
    }
    b.append("<p>Independent of the backward formulas: along ").append(fd.directions.size())
        .append(" random unit directions u in parameter space (seed ").append(fd.seed)
        .append("), the central difference (L(θ + εu) − L(θ − εu)) / 2ε of the float64 loss, ε = ")
        .append(Html.tol(fd.epsilon)).append(", against ⟨∇L, u⟩ from the distributed gradient. ")
        .append("A direction passes when |fd − ⟨∇L, u⟩| ≤ ").append(Html.tol(fd.rtol)).append(" · ‖∇L‖ + ")
        .append(Html.sci(fd.floor)).append(", ‖∇L‖ = ").append(Html.sci(fd.gradientNorm))
        .append(": the floor is the rounding of the two float64 losses over the step, c·ε·S(loss)/h for the step h, ")
        .append("plus that of the gradient, c·ε·‖S‖, which matter only where ‖∇L‖ is itself near rounding.</p>\n");
    b.append("<table class=\"fd\">\n<thead>")
        .append(Html.headerRow("direction", "finite difference", "⟨∇L, u⟩", "|fd − ⟨∇L, u⟩| / ‖∇L‖", "rtol", "result"))
        .append("</thead>\n<tbody>\n");
    int n = 1;
    for (FiniteDifferenceCheck.Direction d : fd.directions) {
      boolean ok = d.pass;
      b.append("<tr class=\"").append(ok ? "ok" : "bad").append("\">")
          .append("<td class=\"num\">").append(n++).append("</td>")
          .append(String.format(Locale.ROOT, "<td class=\"num\">%+.10e</td><td class=\"num\">%+.10e</td>",
              d.finiteDifference, d.analytic))
          .append("<td class=\"num\">").append(Html.sci(d.error)).append("</td>")
          .append("<td class=\"num\">").append(Html.tol(fd.rtol)).append("</td>")
          .append("<td class=\"result\">").append(ok ? "ok" : "FAIL").append("</td></tr>\n");
    }
    return b.append("</tbody>\n</table>\n").toString();
  }
}
