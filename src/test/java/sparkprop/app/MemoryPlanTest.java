package sparkprop.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sparkprop.BadInputException;
import sparkprop.nn.Layout;

/**
 * On a cluster the executors have heaps of their own: a run whose tasks cannot fit
 * spark.executor.memory is refused naming it and --executor-memory, and the count of tasks an executor
 * runs at once is what multiplies the per-task buffers.
 */
class MemoryPlanTest {
  private static final long GIB = 1L << 30;
  private static final int[] NETWORK = Layout.parseSizes("784-20000-10"); // 15.9 million parameters, 127 MB

  private static MemoryPlan plan(int slots, int blockRows) {
    ModelOptions model = new ModelOptions();
    model.blockRows = blockRows;
    return MemoryPlan.of(new MemoryLimits(8 * GIB, false, GIB, slots), model, 60_000, 8).keeping(2);
  }

  @Test
  void tasksThatCannotFitAnExecutorAreRefusedNamingItsMemory() {
    BadInputException e = assertThrows(BadInputException.class, () -> plan(4, 128).require(NETWORK, "--layers 784-20000-10"));
    String line = e.getMessage();
    assertTrue(line.startsWith("--layers 784-20000-10: needs at least ") && line.contains(" on each executor (4 tasks' passes"),
        line);
    assertTrue(line.contains("more than spark.executor.memory of 1.0 GiB") && line.contains("--executor-memory"), line);
    assertDoesNotThrow(() -> plan(1, 128).require(NETWORK, "--layers 784-20000-10"), "one task at a time fits 1 GiB");
  }

  @Test
  void wideBlocksAreCountedPerTask() {
    BadInputException e = assertThrows(BadInputException.class, () -> plan(1, 7500).require(NETWORK, "--layers 784-20000-10"));
    assertTrue(e.getMessage().contains("blocks of 7500 rows (--block-rows 7500)"), e.getMessage());
  }
}
