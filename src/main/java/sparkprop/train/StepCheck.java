package sparkprop.train;

import java.util.ArrayList;
import java.util.List;
import sparkprop.aggregate.Gradients;
import sparkprop.compare.ReferenceGradient;
import sparkprop.compare.TensorComparison;
import sparkprop.compare.Tolerances;
import sparkprop.nn.Parameters;
import sparkprop.pass.PassSettings;
import sparkprop.rows.RowChunk;

/**
 * The check made as training goes: a step's distributed gradient against the single-node reference
 * at the same θ on the same rows, tensor by tensor and the loss, with the check's rule ({@link Tolerances}:
 * relative, with each element's absolute floor).
 */
public final class StepCheck {
  public final long step;
  public final long rows;
  /** Per tensor (and "loss"): max|a−b| / max|b|. */
  public final List<String> names = new ArrayList<>();
  public final List<Double> relative = new ArrayList<>();
  /** Per tensor: the largest floor c·ε·S of its elements ({@link Tolerances}). */
  public final List<Double> floors = new ArrayList<>();
  /** Per tensor: max(|a−b| − floor); the tensor passes when this is at most rtol · max|b|. */
  public final List<Double> excess = new ArrayList<>();
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
    ReferenceGradient reference = ReferenceGradient.compute(theta, settings, rows, false);
    List<TensorComparison> compared = TensorComparison.of(distributed, reference.gradients, reference.absoluteTerms,
        Tolerances.of(settings.precision, rows.count));
    String failed = null;
    for (TensorComparison t : compared) if (failed == null && !t.pass) failed = t.name;
    StepCheck c = new StepCheck(step, rows.count, failed);
    for (TensorComparison t : compared) {
      c.names.add(t.name);
      c.relative.add(t.discrepancy.relative());
      c.floors.add(t.discrepancy.maxFloor());
      c.excess.add(t.discrepancy.maxExcessOverFloor());
    }
    return c;
  }
}
