package sparkprop.bench;

/**
 * What one bench run measures and how long: the user's choices ({@link BenchOptions}) and the fixed
 * settings that make runs comparable. The measuring apparatus (src/apparatus) builds plans of its own
 * to time other sizes.
 */
final class BenchPlan {
  static final int PASSES = 10;
  static final int QUICK_PASSES = 3;

  String data;
  /** The race's test rows; null: looked for beside {@link #data}. */
  String evalData;
  /** 0: Spark's task slots. */
  int partitions;
  /** The seed's m-nh-1 headline network, its random weights' seed, and the pass's settings. */
  int hidden = 50;
  long seed = 0;
  int blockRows = 1024;
  int treeDepth = 2;
  /** Untimed passes before each timed series, timed passes. */
  int warmup = 3;
  int passes = PASSES;
  /** The second network of the pass table, m-128-64-10 relu cross-entropy; false skips it. */
  boolean deep = true;
  /** MLlib's gd, timed per iteration on the same cached rows; 0 iterations skips it. */
  int mllibIterations = 10;
  int mllibBlockSize = 128;
  boolean race = true;
  /** MLlib's l-bfgs fits of the race, one per maxIter; the largest (MLlib's default, 100) sets the target. */
  int[] raceMllibIterations = {25, 50, 75, 100};
  /** The most L-BFGS steps each of sparkprop's runs may take to reach the target. */
  int raceMaxSteps = 300;
  /** Local mode: rounds disturbed by other processes are run again, up to this many per section. */
  double maxOtherLoad = 0.10;
  int maxRetries = 10;

  static BenchPlan of(BenchOptions o) {
    BenchPlan p = new BenchPlan();
    p.data = o.data;
    p.evalData = o.evalData;
    p.partitions = o.partitions;
    p.race = o.race;
    p.maxOtherLoad = o.maxOtherLoad;
    if (!o.mllib) p.mllibIterations = 0;
    if (o.quick) {
      p.warmup = 1;
      p.passes = QUICK_PASSES;
      if (o.mllib) p.mllibIterations = 2;
      p.raceMllibIterations = new int[] {10};
      p.raceMaxSteps = 30;
    }
    if (o.passes > 0) p.passes = o.passes;
    return p;
  }
}
