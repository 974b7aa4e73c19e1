package sparkprop.check;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import sparkprop.compare.InputGradientCheck;
import sparkprop.compare.ReferenceInputGradient;
import sparkprop.nn.InputGradientSink;
import sparkprop.nn.Tensor;
import sparkprop.pass.PartitionHook;

/**
 * The check's additions to each partition's pass: each block's x.g compared on the spot with the
 * broadcast reference (only the statistics leave the partition), and the injected fault.
 */
final class CheckHook implements PartitionHook {
  private static final long serialVersionUID = 1L;

  private final Broadcast<ReferenceInputGradient> referenceInput;
  private final double inputScale;
  private final int faultPartition;
  private final Tensor faultTensor;

  /**
   * @param referenceInput null to skip the input gradient
   * @param inputScale     1/(N·terms per row): the kernel's unscaled x.g to the seed's
   * @param faultPartition the partition whose partial is corrupted; -1 for none
   */
  CheckHook(Broadcast<ReferenceInputGradient> referenceInput, double inputScale, int faultPartition, Tensor faultTensor) {
    this.referenceInput = referenceInput;
    this.inputScale = inputScale;
    this.faultPartition = faultPartition;
    this.faultTensor = faultTensor;
  }

  @Override
  public Observer start(int partition) {
    InputGradientCheck input =
        referenceInput == null ? null : new InputGradientCheck(referenceInput.value(), inputScale);
    return new Observer() {
      @Override
      public InputGradientSink inputGradient() {
        return input;
      }

      @Override
      public void finish(double[] sums) {
        if (partition == faultPartition) InjectedFault.flipMantissaBit(sums, faultTensor);
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
