package sparkprop.bench;

import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import sparkprop.BadInputException;
import sparkprop.app.Converters;
import sparkprop.nn.Layout;

/**
 * The options of {@link Analyses}: the bench's own ({@link BenchOptions}; its {@code --out} gets
 * analyses.json), its fixed sizes made choosable, and the analyses behind BENCHMARKS.md that the bench
 * command does not run — block sizes, the scaling sweep, the aggregation's share, the cluster model's
 * inputs, training steps, MLlib's gradient error. The field values are the defaults; {@code --quick}
 * shortens every option not given.
 */
@Command(name = "Analyses", sortOptions = false, usageHelpWidth = 110, mixinStandardHelpOptions = true)
final class AnalysisOptions {
  @Mixin final BenchOptions bench = new BenchOptions();

  @Option(names = "--hidden", paramLabel = "NH", order = 5, converter = Converters.PositiveInt.class,
      description = "hidden units (default 50)")
  public int hidden = 50;

  @Option(names = "--seed", paramLabel = "S", order = 6, converter = Converters.WholeNumber.class,
      description = "seed of the random weights (default 0)")
  public long seed = 0;

  @Option(names = "--block-rows", paramLabel = "B", order = 7, converter = Converters.PositiveInt.class,
      description = "rows per BLAS block of the main measurements (default 1024)")
  public int blockRows = 1024;

  @Option(names = "--tree-depth", paramLabel = "D", order = 8, converter = Converters.PositiveInt.class,
      description = "depth of the aggregation tree (default 2)")
  public int treeDepth = 2;

  @Option(names = "--warmup", paramLabel = "W", order = 9, converter = Converters.NonNegativeInt.class,
      description = "untimed passes before each timed series (default 3)")
  public int warmup = 3;

  public int[] blockSizes = {256, 512, 1024, 2048, 4096};

  @Option(names = "--block-sizes", paramLabel = "B,B,..", order = 12,
      description = "block sizes to compare (default 256,512,1024,2048,4096; 'none' skips)")
  void blockSizes(String v) {
    blockSizes = intList("--block-sizes", v);
  }

  @Option(names = "--block-passes", paramLabel = "K", order = 13, converter = Converters.PositiveInt.class,
      description = "timed passes per block size (default 5)")
  public int blockPasses = 5;

  public long[] sweepRows = {10_000, 60_000, 600_000, 6_000_000};

  @Option(names = "--sweep", paramLabel = "N,N,..", order = 14,
      description = "row counts of the scaling sweep (default 10000,60000,600000,6000000; 'none' skips)")
  void sweepRows(String v) {
    sweepRows = longList("--sweep", v);
  }

  @Option(names = "--sweep-passes", paramLabel = "K", order = 15, converter = Converters.PositiveInt.class,
      description = "timed passes per sweep size (default 3)")
  public int sweepPasses = 3;

  @Option(names = "--sweep-warmup", paramLabel = "W", order = 16, converter = Converters.NonNegativeInt.class,
      description = "untimed passes per sweep size (default 1)")
  public int sweepWarmup = 1;

  /** auto: cache a sweep size when it fits the storage memory, always also stream it; cache or stream: only that. */
  @Option(names = "--sweep-mode", paramLabel = "auto|cache|stream", order = 17, converter = SweepMode.class,
      description = "how sweep rows are held (default auto: cache what fits, stream all)")
  public String sweepMode = "auto";

  public int[] aggregationPartitions = {2, 20, 200};

  @Option(names = "--aggregation-partitions", paramLabel = "P,P,..", order = 18,
      description = "partition counts of the aggregation share (default 2,20,200; 'none' skips)")
  void aggregationPartitions(String v) {
    aggregationPartitions = intList("--aggregation-partitions", v);
  }

  /** Rows of the aggregation measurements: 0 for the main measurements' rows. */
  @Option(names = "--aggregation-rows", paramLabel = "N", order = 19, converter = Converters.PositiveLong.class,
      description = "rows of the aggregation measurements (default: as --rows)")
  public long aggregationRows = 0;

  /** How many rounds per section may be run again. */
  @Option(names = "--max-retries", paramLabel = "K", order = 21, converter = Converters.NonNegativeInt.class,
      description = "rounds per section that may be rerun (default 10)")
  public int maxRetries = 10;

  @Option(names = "--mllib-iterations", paramLabel = "K", order = 23, converter = Converters.PositiveInt.class,
      description = "timed MLlib iterations (default 10)")
  public int mllibIterations = 10;

  @Option(names = "--mllib-block-size", paramLabel = "B", order = 24, converter = Converters.PositiveInt.class,
      description = "MLlib's blockSize (default 128, MLlib's own default)")
  public int mllibBlockSize = 128;

  @Option(names = "--deep", paramLabel = "true|false", order = 25, arity = "1", converter = Converters.Bool.class,
      description = "the pass table's second network, m-128-64-10 relu cross-entropy (default true)")
  public boolean deep = true;

  public int[] gapPartitions = {1, 2, 7, 48};

  @Option(names = "--mllib-gap-partitions", paramLabel = "P,P,..", order = 32,
      description = "partition counts at which MLlib's gradient error is measured (default 1,2,7,48; 'none' skips)")
  void gapPartitions(String v) {
    gapPartitions = intList("--mllib-gap-partitions", v);
  }

  /** Networks of the cluster model's measurements; null: m-50-10 and m-1024-1024-10. Empty: skip. */
  public List<int[]> treeLayers = null;

  @Option(names = "--tree-layers", paramLabel = "N0-..-NK,..", order = 33,
      description = "networks whose partial size and TreeSum cost feed the cluster model (default"
          + " m-50-10,m-1024-1024-10; 'none' skips)")
  void treeLayers(String v) {
    treeLayers = new java.util.ArrayList<>();
    if (v.trim().equalsIgnoreCase("none")) return;
    for (String spec : v.split(",")) {
      int[] sizes = Layout.parseSizes(spec);
      if (sizes == null) throw new BadInputException("--tree-layers: '" + spec + "' is not of the form 784-50-10");
      treeLayers.add(sizes);
    }
  }

  public int[] treePartitions = {2, 8, 32};

  @Option(names = "--tree-partitions", paramLabel = "P,P,..", order = 34,
      description = "partition counts of the cluster model's TreeSum measurements (default 2,8,32)")
  void treePartitions(String v) {
    treePartitions = intList("--tree-partitions", v);
  }

  @Option(names = "--tree-rows", paramLabel = "N", order = 35, converter = Converters.PositiveLong.class,
      description = "rows behind the cluster model's partials (default 8192)")
  public long treeRows = 8192;

  @Option(names = "--tree-passes", paramLabel = "K", order = 36, converter = Converters.PositiveInt.class,
      description = "timed TreeSums per network and partition count (default 5)")
  public int treePasses = 5;

  /** Timed full-batch and mini-batch training steps per precision; {0, 0} skips. */
  public int[] trainSteps = {20, 100};

  @Option(names = "--train-steps", paramLabel = "FULL,BATCH", order = 37,
      description = "timed SGD steps per precision, full batch and with --train-batch-rows, for a step's cost beyond"
          + " its pass (default 20,100; 0,0 skips)")
  void trainSteps(String v) {
    String[] f = v.split(",");
    try {
      if (f.length != 2) throw new NumberFormatException();
      trainSteps = new int[] {Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim())};
      if (trainSteps[0] < 0 || trainSteps[1] < 0) throw new NumberFormatException();
    } catch (NumberFormatException e) {
      throw new BadInputException("--train-steps: '" + v + "' is not FULL,BATCH, e.g. 20,100");
    }
  }

  @Option(names = "--train-batch-rows", paramLabel = "N", order = 38, converter = Converters.PositiveLong.class,
      description = "rows per mini-batch of the timed training steps (default 1024)")
  public long trainBatchRows = 1024;

  /**
   * With {@code --quick}: fewer passes, sizes and iterations, for every such option the command line
   * did not name ({@code given} tells, by option name such as "--passes").
   */
  public void applyQuick(Predicate<String> given) {
    if (!bench.quick) return;
    if (!given.test("--warmup")) warmup = 1;
    if (!given.test("--block-sizes")) blockSizes = new int[] {512, 1024, 2048};
    if (!given.test("--block-passes")) blockPasses = 2;
    if (!given.test("--sweep")) sweepRows = new long[] {10_000, 60_000};
    if (!given.test("--sweep-passes")) sweepPasses = 2;
    if (!given.test("--aggregation-partitions")) aggregationPartitions = new int[] {2, 20};
    if (!given.test("--mllib-iterations")) mllibIterations = 2;
    if (!given.test("--mllib-gap-partitions")) gapPartitions = new int[] {1, 2};
    if (!given.test("--tree-partitions")) treePartitions = new int[] {2, 8};
    if (!given.test("--tree-rows")) treeRows = 2048;
    if (!given.test("--tree-passes")) treePasses = 2;
    if (!given.test("--train-steps")) trainSteps = new int[] {4, 10};
  }

  /** The bench's plan at these sizes. */
  BenchPlan plan() {
    BenchPlan p = BenchPlan.of(bench);
    p.hidden = hidden;
    p.seed = seed;
    p.blockRows = blockRows;
    p.treeDepth = treeDepth;
    p.warmup = warmup;
    p.deep = deep;
    p.mllibIterations = bench.mllib ? mllibIterations : 0;
    p.mllibBlockSize = mllibBlockSize;
    p.maxRetries = maxRetries;
    return p;
  }

  /**
   * Positive whole numbers separated by commas, or 'none' for an empty list. Setters rather than field
   * options for the lists: picocli would read an array field as one value per occurrence.
   */
  private static long[] longList(String name, String v) {
    if (v.trim().equalsIgnoreCase("none")) return new long[0];
    String[] parts = v.split(",");
    long[] out = new long[parts.length];
    try {
      for (int k = 0; k < parts.length; k++) out[k] = Converters.positiveLong(parts[k]);
    } catch (TypeConversionException e) {
      throw new BadInputException(name + ": " + e.getMessage());
    }
    return out;
  }

  private static int[] intList(String name, String v) {
    long[] l = longList(name, v);
    int[] out = new int[l.length];
    for (int k = 0; k < l.length; k++) {
      if (l[k] > Integer.MAX_VALUE) throw new BadInputException(name + ": too large: " + l[k]);
      out[k] = (int) l[k];
    }
    return out;
  }

  static final class SweepMode implements ITypeConverter<String> {
    @Override
    public String convert(String v) {
      String t = v.trim().toLowerCase(java.util.Locale.ROOT);
      if (t.equals("auto") || t.equals("cache") || t.equals("stream")) return t;
      throw new TypeConversionException("'" + v + "' is not one of auto, cache, stream");
    }
  }
}
