package sparkprop.screen;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import sparkprop.compare.Tolerances;

/**
 * When two computations of one partition agree: bit for bit on one kernel; across kernels the check's rule
 * ({@link Tolerances}), element by element {@code |a − b| ≤ rtol · max|b| + c·ε·√n·S}, S the element's sum of
 * the absolute values of its per-row terms (issue 17's floor, the same as check's).
 *
 * <p>The executors do not compute S: a pair is first held to the relative part alone, and only a pair of
 * different kernels that fails it asks for S, which the driver computes for that partition with the same
 * kernel code ({@link DriverReferee#absoluteTerms}), once per partition and run (S depends on the rows and
 * θ only, and agrees across kernels to a few ε·S, far below what the floor is made of). So the floor costs
 * nothing where replicas agree, and one partition's pass on the driver where cancellation made the relative
 * rule too strict.
 */
final class ComparisonRule {
  final Tolerances tolerances;
  private final IntFunction<double[]> absoluteTerms;
  private final Map<Integer, double[]> known = new HashMap<>();

  /** {@code absoluteTerms}: partition → its unscaled S in θ's layout, asked at most once per partition. */
  ComparisonRule(Tolerances tolerances, IntFunction<double[]> absoluteTerms) {
    this.tolerances = tolerances;
    this.absoluteTerms = absoluteTerms;
  }

  /** How a differs from b, or null when they agree under this rule. */
  Difference difference(Replica a, Replica b) {
    boolean bitwise = Attribution.bitwise(a, b);
    Difference relative = Difference.of(a.sum(), b.sum(), bitwise, tolerances, null);
    if (relative == null || bitwise) return relative;
    return Difference.of(a.sum(), b.sum(), false, tolerances, absoluteTerms(a.partition()));
  }

  private double[] absoluteTerms(int partition) {
    return known.computeIfAbsent(partition, absoluteTerms::apply);
  }
}
