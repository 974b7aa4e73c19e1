package sparkprop.pass;

import java.io.Serializable;
import sparkprop.nn.InputGradientSink;

/**
 * What a command adds to one partition's gradient pass — the check compares each block's x.g with
 * the reference and may inject a fault; a plain pass (bench, training) adds nothing. It ships to the
 * executors with the task, so it must be small and serializable.
 */
public interface PartitionHook extends Serializable {
  /** Nothing beyond the gradient. */
  PartitionHook NONE = partition -> Observer.NONE;

  /** The observer of partition {@code partition}'s pass, made on the executor. */
  Observer start(int partition);

  /** One partition's view of its pass. */
  interface Observer {
    Observer NONE = new Observer() { };

    /** Receives each block's x.g; null (the default) when the input gradient is not wanted. */
    default InputGradientSink inputGradient() {
      return null;
    }

    /** Called with the partition's unscaled sums (θ's layout) before they leave; may alter them. */
    default void finish(double[] sums) {}

    /** What to send back in the partition's record; null for nothing. */
    default Serializable observed() {
      return null;
    }

    /** Whether what it observed holds a non-finite number (reported as "input"). */
    default boolean observedNonFinite() {
      return false;
    }
  }
}
