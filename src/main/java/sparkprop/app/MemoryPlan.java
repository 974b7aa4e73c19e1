package sparkprop.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.BadInputException;
import sparkprop.model.NetworkBudget;
import sparkprop.nn.Layout;
import sparkprop.nn.PassFootprint;
import sparkprop.nn.Precision;

/**
 * The memory a run needs at least, from the network's sizes and the run's shape alone, checked against
 * the heaps it was given ({@link MemoryLimits}) before θ or any buffer of that size is allocated: a run
 * that cannot fit ends in one line naming the option or file, the bytes needed, the limit and how to
 * raise it (exit 2, in seconds), not in an OutOfMemoryError. With P parameters, m inputs, N rows in P'
 * partitions, blocks of B rows and N_ref rows in the reference:
 *
 * <pre>
 *   driver     8·P·(1 + V)                 θ and the V vectors of its size the command keeps (the reference's
 *                                          and the distributed gradient; an optimizer's state)
 *            + N_ref·(m + 9)               the reference's rows (pixels, label, row id)
 *            + 8·N_ref·m                   with the x.g check: the reference's x.g in double
 *            + max(reference, executor)    the reference's pass over blocks of min(B, N_ref) rows
 *                                          ({@link PassFootprint}), or, in local mode, the executor's share
 *   executor   8·P                         on a cluster, θ as the tasks or a broadcast bring it (in local mode the driver's own)
 *            + T·(pass + 8·P)              T tasks at once: a pass over blocks of min(B, ⌈N/P'⌉) rows, its result
 * </pre>
 *
 * Every term is a lower bound: what the run certainly holds at once — no object headers, no Spark of
 * its own, nothing Spark's storage may drop or spill (cached rows, a broadcast's serialized pieces), the
 * other phases' garbage not counted — so a run refused here could not have finished; one that passes
 * may still be tight.
 */
public final class MemoryPlan implements NetworkBudget {
  private final MemoryLimits limits;
  private final Precision precision;
  private final int blockRows;
  private final long rows;
  private final int partitions;
  private final long referenceRows;
  private final boolean inputGradient;
  private final int vectors;

  private MemoryPlan(MemoryLimits limits, Precision precision, int blockRows, long rows, int partitions,
      long referenceRows, boolean inputGradient, int vectors) {
    this.limits = limits;
    this.precision = precision;
    this.blockRows = blockRows;
    this.rows = rows;
    this.partitions = partitions;
    this.referenceRows = referenceRows;
    this.inputGradient = inputGradient;
    this.vectors = vectors;
  }

  /** A run over {@code data} with the pass {@code model} describes, in {@code sc}; no reference yet, θ alone kept. */
  public static MemoryPlan of(JavaSparkContext sc, ModelOptions model, PreparedRows data) {
    return of(MemoryLimits.of(sc), model, data.count, data.partitions);
  }

  /** A run over {@code rows} rows in {@code partitions} partitions within {@code limits}. */
  public static MemoryPlan of(MemoryLimits limits, ModelOptions model, long rows, int partitions) {
    return new MemoryPlan(limits, model.precision, model.blockRows, rows, partitions, 0, false, 0);
  }

  /** θ alone, in this JVM's heap: loading a model outside a run. */
  public static MemoryPlan parametersOnly() {
    return new MemoryPlan(MemoryLimits.driverOnly(), Precision.FLOAT64, 1, 0, 1, 0, false, 0);
  }

  /** The same with a reference on the driver over {@code rows} rows, and their x.g when {@code inputGradient}. */
  public MemoryPlan reference(long rows, boolean inputGradient) {
    return new MemoryPlan(limits, precision, blockRows, this.rows, partitions, rows, inputGradient, vectors);
  }

  /** The same with {@code vectors} more θ-sized double vectors kept on the driver (gradients, an optimizer's state). */
  public MemoryPlan keeping(int vectors) {
    return new MemoryPlan(limits, precision, blockRows, rows, partitions, referenceRows, inputGradient, vectors);
  }

  @Override
  public void require(int[] sizes, String subject) {
    long p = Layout.parameters(sizes);
    long m = sizes[0];
    List<Need> executor = new ArrayList<>();
    if (rows > 0) {
      long perTask = Math.min(blockRows, (rows + partitions - 1) / partitions);
      long tasks = Math.min(limits.slots, partitions);
      if (!limits.local) executor.add(new Need("θ as the executor receives it", times(8, p)));
      executor.add(new Need(tasks + (tasks == 1 ? " task's pass" : " tasks' passes") + " over blocks of " + rows(perTask)
          + " (--block-rows " + blockRows + ") and results", times(tasks, plus(PassFootprint.bytes(sizes, precision,
          perTask, inputGradient), times(8, p)))));
    }
    List<Need> driver = new ArrayList<>();
    driver.add(new Need("θ (" + String.format(Locale.ROOT, "%,d", p) + " parameters)"
        + (vectors > 0 ? " and " + vectors + " more vectors of its size" : ""), times(times(8, p), 1 + vectors)));
    if (referenceRows > 0) {
      driver.add(new Need("the reference's " + rows(referenceRows), times(referenceRows, m + 9)));
      if (inputGradient) driver.add(new Need("the reference's x.g (--input-check)", times(times(8, referenceRows), m)));
      long block = Math.min(blockRows, referenceRows);
      List<Need> pass = List.of(new Need("the reference's pass over blocks of " + rows(block),
          PassFootprint.bytes(sizes, precision, block, inputGradient)));
      driver.addAll(limits.local && total(executor) > total(pass) ? executor : pass);
    } else if (limits.local) {
      driver.addAll(executor);
    }
    check(subject, "on the driver", driver, limits.driverHeap, "its heap",
        "spark.driver.memory: raise it with --driver-memory" + (limits.local ? ", which local executors share" : ""));
    if (!limits.local) {
      check(subject, "on each executor", executor, limits.executorHeap, "spark.executor.memory",
          "raise it with --executor-memory, or run fewer tasks per executor");
    }
    NetworkBudget.ARRAYS.require(sizes, subject);
  }

  private static void check(String subject, String where, List<Need> needs, long limit, String limitName, String raise) {
    long total = total(needs);
    if (total <= limit) return;
    List<Need> largest = new ArrayList<>(needs);
    largest.sort(Comparator.comparingLong((Need n) -> n.bytes).reversed());
    StringBuilder items = new StringBuilder();
    for (int k = 0; k < Math.min(3, largest.size()); k++) {
      items.append(k > 0 ? "; " : "").append(largest.get(k).what).append(' ').append(bytes(largest.get(k).bytes));
    }
    if (largest.size() > 3) items.append("; …");
    throw new BadInputException(subject + ": needs at least " + bytes(total) + " " + where + " (" + items + "), more than "
        + limitName + " of " + bytes(limit) + " (" + raise + ")");
  }

  private static long total(List<Need> needs) {
    long t = 0;
    for (Need n : needs) t = plus(t, n.bytes);
    return t;
  }

  /** a + b and a·b of non-negative sizes, Long.MAX_VALUE when too large for a long. */
  private static long plus(long a, long b) {
    long s = a + b;
    return s < 0 ? Long.MAX_VALUE : s;
  }

  private static long times(long a, long b) {
    return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }

  private static String rows(long n) {
    return n + (n == 1 ? " row" : " rows");
  }

  /** "12.8 GiB", "640 MiB". */
  static String bytes(long n) {
    if (n >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
    return String.format(Locale.ROOT, "%d MiB", Math.max(1, (n + (1 << 19)) >> 20));
  }

  private static final class Need {
    final String what;
    final long bytes;

    Need(String what, long bytes) {
      this.what = what;
      this.bytes = bytes;
    }
  }
}
