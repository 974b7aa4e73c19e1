package sparkprop.model;

import sparkprop.BadInputException;
import sparkprop.nn.Layout;

/**
 * What decides, from a network's layer sizes alone and before its parameters are allocated, whether a
 * run can hold it: the loaders ({@link WeightsFile}, {@link MllibModel}) ask once they know the sizes
 * and before they allocate θ. The run's own budget (its rows, blocks, reference and the heaps it was
 * given) is {@code sparkprop.app.MemoryPlan}.
 */
@FunctionalInterface
public interface NetworkBudget {
  /**
   * @param sizes n0 … nK, each positive
   * @param subject what the line names when it refuses: the option or file the sizes come from
   * @throws BadInputException one line naming the subject, the size needed and the limit
   */
  void require(int[] sizes, String subject);

  /** Only what one Java array holds: θ has at most {@link Layout#MAX_PARAMETERS} elements. */
  NetworkBudget ARRAYS = (sizes, subject) -> {
    long p = Layout.parameters(sizes);
    if (p > Layout.MAX_PARAMETERS) {
      throw new BadInputException(subject + ": " + String.format("%,d", p) + " parameters, more than one Java array"
          + " holds (" + String.format("%,d", Layout.MAX_PARAMETERS) + ")");
    }
  };
}
