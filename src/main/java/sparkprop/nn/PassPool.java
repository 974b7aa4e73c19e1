package sparkprop.nn;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link GradientPass}es kept between the tasks of a JVM, so that a task does not allocate (and zero)
 * its block buffers again: for 784 inputs and blocks of 1,024 rows, 6.4 MB for x and as much again for
 * x.g in float64, per task — at 200 partitions, 2.5 GB per pass. A pass is filed under its shape
 * (layer sizes, architecture, precision, block rows, pixel scale, x.g or not); borrowing one restarts
 * it at the given θ with its sums at zero, so that what it computes does not depend on whether it was
 * new. Idle passes are held softly, a few per shape.
 */
public final class PassPool {
  /** Idle passes kept per shape: more than the task slots of an executor is waste. */
  static final int MAX_IDLE = 8;

  private static final Map<Key, Deque<SoftReference<GradientPass>>> IDLE = new HashMap<>();

  private PassPool() {}

  /** A pass over θ = {@code theta} with zero sums, from the pool when one of its shape is idle. */
  public static GradientPass borrow(Parameters theta, Architecture architecture, Precision precision, int blockRows,
      PixelScale scale, boolean inputGradient) {
    Key key = new Key(theta.layout(), architecture, precision, blockRows, scale.pixelMax(), inputGradient);
    synchronized (IDLE) {
      Deque<SoftReference<GradientPass>> idle = IDLE.get(key);
      while (idle != null && !idle.isEmpty()) {
        GradientPass pass = idle.pop().get();
        if (pass != null) {
          pass.restart(theta);
          return pass;
        }
      }
    }
    GradientPass pass = new GradientPass(new Network(theta, architecture, precision), blockRows, scale, inputGradient);
    pass.poolKey = key;
    return pass;
  }

  /** Gives {@code pass} back (after its results were read); it must not be used afterwards. */
  public static void release(GradientPass pass) {
    if (pass.poolKey == null) throw new IllegalArgumentException("not a pooled pass");
    synchronized (IDLE) {
      Deque<SoftReference<GradientPass>> idle = IDLE.computeIfAbsent(pass.poolKey, k -> new ArrayDeque<>());
      idle.removeIf(r -> r.get() == null);
      if (idle.size() < MAX_IDLE) idle.push(new SoftReference<>(pass));
    }
  }

  static final class Key {
    private final Layout layout;
    private final Architecture architecture;
    private final Precision precision;
    private final int blockRows;
    private final int pixelMax;
    private final boolean inputGradient;

    Key(Layout layout, Architecture architecture, Precision precision, int blockRows, int pixelMax,
        boolean inputGradient) {
      this.layout = layout;
      this.architecture = architecture;
      this.precision = precision;
      this.blockRows = blockRows;
      this.pixelMax = pixelMax;
      this.inputGradient = inputGradient;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) return false;
      Key k = (Key) o;
      return layout.equals(k.layout) && architecture.equals(k.architecture) && precision == k.precision
          && blockRows == k.blockRows && pixelMax == k.pixelMax && inputGradient == k.inputGradient;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(new Object[] {layout, architecture, precision, blockRows, pixelMax, inputGradient});
    }
  }
}
