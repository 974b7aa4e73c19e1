package sparkprop.pass;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sparkprop.nn.Layout;
import sparkprop.nn.Tensor;

/**
 * The fire drill: a fault of the node's own, for an operator to prove that {@code screen} catches a bad
 * host. Set {@value #VARIABLE} in one node's environment (a standalone worker's, which its executors
 * inherit) and the kernel there flips one mantissa bit of a partition's partial sum, as a mercurial
 * core would, exactly as {@code --inject-fault} does ({@link InjectedFault#flipMantissaBit}):
 *
 * <ul>
 *   <li>{@code always}: in every task;
 *   <li>{@code p=0.3,seed=7}: in a task with probability p, drawn from (seed, stage, partition), so a run
 *       is repeatable; {@code tensor=b2} picks the tensor (default w1);
 *   <li>{@code host=H} added to either: only in executors whose host (as Spark names it, the host the
 *       screen reports) is H. With it the drill can be given to one application's executors on every node
 *       ({@code --conf spark.executorEnv.SPARKPROP_FIRE_DRILL=always,host=node7}) and still fire on one
 *       host only, without restarting a worker.
 * </ul>
 *
 * Read once per JVM, inside Spark tasks only ({@link PartitionPass}); the driver's own code never reads it,
 * so the screen does not know where the fault is. Each flip is logged at WARN in the executor's log.
 */
public final class FireDrill {
  public static final String VARIABLE = "SPARKPROP_FIRE_DRILL";
  private static final Logger LOG = LoggerFactory.getLogger("sparkprop");

  /** This JVM's drill, from its environment; NONE when unset. */
  private static volatile FireDrill here;

  static final FireDrill NONE = new FireDrill(0, 0, "w1", null);

  final double probability;
  final long seed;
  final String tensor;
  /** The one host it fires on; null: any host whose environment holds it. */
  final String host;

  FireDrill(double probability, long seed, String tensor, String host) {
    this.probability = probability;
    this.seed = seed;
    this.tensor = tensor;
    this.host = host;
  }

  /**
   * Parses the variable's value: "always", or comma-separated {@code p=P}, {@code seed=S}, {@code tensor=T},
   * {@code host=H}.
   * An unparsable value turns the drill off and says so in the log: a drill must never fail real work.
   */
  static FireDrill parse(String value) {
    if (value == null || value.isBlank()) return NONE;
    double p = 0;
    long seed = 0;
    String tensor = "w1";
    String host = null;
    try {
      for (String part : value.trim().split(",")) {
        String kv = part.trim();
        if (kv.equals("always")) {
          p = 1;
        } else if (kv.startsWith("p=")) {
          p = Double.parseDouble(kv.substring(2));
        } else if (kv.startsWith("seed=")) {
          seed = Long.parseLong(kv.substring(5));
        } else if (kv.startsWith("tensor=")) {
          tensor = kv.substring(7);
        } else if (kv.startsWith("host=") && kv.length() > 5) {
          host = kv.substring(5);
        } else {
          throw new IllegalArgumentException("unknown part '" + kv + "'");
        }
      }
      if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("p must be in [0, 1]");
    } catch (RuntimeException e) {
      LOG.warn("{}={} ignored: {} (expected 'always' or 'p=0.3,seed=7[,tensor=w1][,host=H]')", VARIABLE, value, e.getMessage());
      return NONE;
    }
    return new FireDrill(p, seed, tensor, host);
  }

  /** This node's drill. */
  static FireDrill onThisNode() {
    FireDrill d = here;
    if (d == null) {
      d = parse(System.getenv(VARIABLE));
      here = d;
    }
    return d;
  }

  /** Whether the drill applies on {@code executorHost} (every host when it names none). */
  boolean onHost(String executorHost) {
    return host == null || host.equals(executorHost);
  }

  /** This executor's host as Spark names it (its block manager's, the host of its tasks on the listener bus). */
  private static String executorHost() {
    SparkEnv env = SparkEnv.get();
    return env == null ? null : env.blockManager().blockManagerId().host();
  }

  /**
   * Whether the task (stage, partition) draws a fault: a hash of (seed, stage, partition) mapped to
   * [0, 1) is below p. SplitMix64's finaliser as the hash: every bit of the inputs reaches every bit.
   */
  boolean fires(int stage, int partition) {
    if (probability <= 0) return false;
    if (probability >= 1) return true;
    long h = mix(seed ^ mix(((long) stage << 32) ^ (partition & 0xffffffffL)));
    return (h >>> 11) * 0x1.0p-53 < probability;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** In a Spark task: corrupts {@code sums} (partition {@code partition}'s partial) when the drill fires. */
  void apply(int partition, double[] sums, Layout layout) {
    if (probability <= 0) return;
    TaskContext task = TaskContext.get();
    if (task == null) return; // not a Spark task
    if (!onHost(executorHost())) return;
    if (!fires(task.stageId(), task.partitionId())) return;
    Tensor t = layout.tensor(tensor);
    if (t == null) t = layout.weight(1);
    int at = InjectedFault.flipMantissaBit(sums, t);
    LOG.warn("{}: flipped mantissa bit {} of {}[{}] in partition {} (stage {}, task partition {})", VARIABLE,
        InjectedFault.BIT, t.name, at < 0 ? -1 : at - t.offset, partition, task.stageId(), task.partitionId());
  }
}
