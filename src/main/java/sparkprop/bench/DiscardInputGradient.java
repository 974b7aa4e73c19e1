package sparkprop.bench;

import sparkprop.nn.InputGradientSink;
import sparkprop.pass.PartitionHook;

/** A pass that computes x.g block by block, as the check does, and throws it away: its cost without the comparison. */
final class DiscardInputGradient {
  private static final InputGradientSink DISCARD = (rowIds, first, dx) -> { };

  static final PartitionHook HOOK = partition -> new PartitionHook.Observer() {
    @Override
    public InputGradientSink inputGradient() {
      return DISCARD;
    }
  };

  private DiscardInputGradient() {}
}
