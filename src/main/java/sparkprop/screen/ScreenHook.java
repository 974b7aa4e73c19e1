package sparkprop.screen;

import java.io.Serializable;
import sparkprop.pass.PartitionHook;

/** The screen's addition to each partition's pass: the executor's own {@link ExecutorFacts} ride back with the partial. */
final class ScreenHook implements PartitionHook {
  private static final long serialVersionUID = 1L;

  @Override
  public Observer start(int partition) {
    return new Observer() {
      @Override
      public Serializable observed() {
        return ExecutorFacts.here();
      }
    };
  }
}
