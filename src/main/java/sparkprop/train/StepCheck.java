package sparkprop.train;

import java.util.ArrayList;
import java.util.List;
import sparkprop.aggregate.Gradients;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.ReferenceGradient;
import sparkprop.compare.Tolerances;
import sparkprop.nn.Parameters;
import sparkprop.nn.Tensor;
import sparkprop.pass.PassSettings;
import sparkprop.rows.RowChunk;

/**
 * The check made as training goes: a step's distributed gradient against the single-node reference
 * at the same θ on the same rows, tensor by tensor and the loss, with the check's tolerances.
 */
public final class StepCheck {
  public final long step;
  public final long rows;
  /** Per tensor (and "loss"): max|a−b| / max|b|. */
  public final List<String> names = new ArrayList<>();
  public final List<Double> relative = new ArrayList<>();
  /** The first tensor beyond its tolerance, or null when the check passed. */
  public final String failed;

  private StepCheck(long step, long rows, String failed) {
    this.step = step;
    this.rows = rows;
    this.failed = failed;
  }

  public boolean pass() {
    return failed == null;
  }

  /** Compares {@code distributed} (over {@code rows}) with the reference computed here from the same rows at θ. */
  static StepCheck run(long step, Parameters theta, PassSettings settings, RowChunk rows, Gradients distributed) {
    Gradients reference = ReferenceGradient.compute(theta, settings, rows, false).gradients;
    Tolerances tol = Tolerances.of(settings.precision);
    String failed = null;
    List<String> names = new ArrayList<>();
    List<Double> rel = new ArrayList<>();
    for (Tensor t : theta.layout().tensors()) {
      Discrepancy d = Discrepancy.of(distributed.tensor(t), reference.tensor(t));
      names.add(t.name);
      rel.add(d.relative());
      if (failed == null && !Tolerances.within(d, tol.gradientRtol)) failed = t.name;
    }
    Discrepancy loss = Discrepancy.of(new double[] {distributed.loss}, new double[] {reference.loss});
    names.add("loss");
    rel.add(loss.relative());
    if (failed == null && !Tolerances.within(loss, tol.lossRtol)) failed = "loss";
    StepCheck c = new StepCheck(step, rows.count, failed);
    c.names.addAll(names);
    c.relative.addAll(rel);
    return c;
  }
}
