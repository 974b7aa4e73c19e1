package sparkprop.read;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.function.Executable;
import sparkprop.BadInputException;

/**
 * Asserting that hostile input is refused cheaply: a one-line BadInputException, within a time limit,
 * having allocated at most so many bytes on the calling thread (HotSpot's per-thread allocation
 * counter). The allocation bound is what proves the refusal came before the large allocation the
 * input asks for, whatever the heap size; the time bound shows it did not first read or inflate it.
 */
public final class CostAssertions {
  private CostAssertions() {}

  /** What a refusal cost. */
  public record Refusal(String message, long millis, long allocatedBytes) {}

  /**
   * Runs {@code action}, which must throw a one-line BadInputException containing every fragment,
   * taking at most {@code maxMillis} and allocating at most {@code maxBytes} on this thread.
   */
  public static Refusal assertRefusedCheaply(Executable action, long maxMillis, long maxBytes, String... fragments) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
        "this JVM does not count allocated bytes per thread");
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    BadInputException refusal = null;
    try {
      action.execute();
    } catch (BadInputException e) {
      refusal = e;
    } catch (Throwable e) {
      fail("expected a BadInputException, got " + e, e);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    if (refusal == null) fail("expected a BadInputException, but the input was accepted");
    String msg = refusal.getMessage();
    assertFalse(msg.contains("\n") || msg.contains("\r"), "one line: " + msg);
    for (String f : fragments) assertTrue(msg.contains(f), "expected \"" + f + "\" in: " + msg);
    assertTrue(millis <= maxMillis, "refused after " + millis + " ms, more than " + maxMillis + " ms: " + msg);
    assertTrue(allocated <= maxBytes, "allocated " + allocated + " bytes to refuse, more than " + maxBytes + ": " + msg);
    if (Boolean.getBoolean("sparkprop.test.costs")) { // -Dsparkprop.test.costs=true: print what each refusal cost
      System.out.println("refused in " + millis + " ms, " + (allocated >> 10) + " KiB allocated: " + msg);
    }
    return new Refusal(msg, millis, allocated);
  }
}
