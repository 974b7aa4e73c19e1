package sparkprop.check;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import sparkprop.compare.InputGradientCheck;
import sparkprop.compare.ReferenceInputGradient;
import sparkprop.compare.Tolerances;
import sparkprop.nn.InputGradientSink;
import sparkprop.pass.InjectedFault;
import sparkprop.pass.PartitionHook;

/**
 * The check's additions to each partition's pass: each block's x.g compared on the spot with the
 * broadcast reference (only the statistics leave the partition), and the injected fault.
 */
final class CheckHook implements PartitionHook {
  private static final long serialVersionUID = 1L;

  private final Broadcast<ReferenceInputGradient> referenceInput;
  private final double inputScale;
  private final Tolerances tolerances;
  private final InjectedFault fault;

  /**
   * @param referenceInput null to skip the input gradient
   * @param inputScale     1/(N·terms per row): the kernel's unscaled x.g to the seed's
   * @param tolerances     whose floor each element of x.g gets
   * @param fault          the injected fault; null for none
   */
  CheckHook(Broadcast<ReferenceInputGradient> referenceInput, double inputScale, Tolerances tolerances,
      InjectedFault fault) {
    this.referenceInput = referenceInput;
    this.inputScale = inputScale;
    this.tolerances = tolerances;
    this.fault = fault;
  }

  @Override
  public Observer start(int partition) {
    InputGradientCheck input =
        referenceInput == null ? null : new InputGradientCheck(referenceInput.value(), inputScale, tolerances);
    return new Observer() {
      @Override
      public InputGradientSink inputGradient() {
        return input;
      }

      @Override
      public void finish(double[] sums) {
        if (fault != null) fault.apply(partition, sums);
      }

      @Override
      public Serializable observed() {
        return input == null ? null : input.discrepancy();
      }

      @Override
      public boolean observedNonFinite() {
        return input != null && input.discrepancy().nonFinite() > 0;
      }
    };
  }
}
