package sparkprop.bench;

import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import sparkprop.BadInputException;
import sparkprop.app.Converters;
import sparkprop.app.DataOptions;
import sparkprop.nn.Activation;
import sparkprop.nn.Layout;

/**
 * The options of {@code submit.sh bench}, a picocli mixin: {@code --name VALUE} (or {@code --name=VALUE}),
 * plus the flag {@code --quick}. The field values are the defaults. The bench keeps its own
 * {@code --data}/{@code --partitions}/… rather than the check's mixins: it reads IDX only and sizes
 * its rows with {@code --rows}, not {@code --limit}.
 */
public final class BenchOptions {
  @Option(names = "--data", paramLabel = "PATH", order = 1,
      description = "folder with the IDX images and labels (default data/mnist-sample)")
  public String data = "data/mnist-sample";

  @Option(names = "--out", paramLabel = "DIR", order = 2,
      description = "output folder for bench.json and report.html, replaced as a whole; it must be empty, new or an earlier"
          + " sparkprop output (default bench-out)")
  public String out = "bench-out";

  /** Rows of the headline measurements: 0 for every row of the data, else the first N (repeated if N is larger). */
  @Option(names = "--rows", paramLabel = "N", order = 3, converter = Converters.PositiveLong.class,
      description = "rows of the main measurements (default: all rows of the data)")
  public long rows = 0;

  /** 0: as many partitions as Spark has task slots. */
  @Option(names = "--partitions", paramLabel = "P", order = 4, converter = Converters.Partitions.class,
      description = "partitions, at most " + DataOptions.MAX_PARTITIONS + " (default: Spark's task slots)")
  public int partitions = 0;

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

  @Option(names = "--passes", paramLabel = "K", order = 10, converter = Converters.PositiveInt.class,
      description = "timed passes of the main measurements (default 10)")
  public int passes = 10;

  @Option(names = "--gemm-rounds", paramLabel = "R", order = 11, converter = Converters.PositiveInt.class,
      description = "timed rounds of the GEMM probe (default 5)")
  public int gemmRounds = 5;

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

  /** Local mode: a round of passes during which other processes used more of the CPUs than this is run again. */
  @Option(names = "--max-other-load", paramLabel = "F", order = 20, converter = Share.class,
      description = "local mode: rerun a round when other processes used more than this share of the CPUs"
          + " (default 0.10; 1 never reruns)")
  public double maxOtherLoad = 0.10;

  /** How many rounds per section may be run again. */
  @Option(names = "--max-retries", paramLabel = "K", order = 21, converter = Converters.NonNegativeInt.class,
      description = "rounds per section that may be rerun (default 10)")
  public int maxRetries = 10;

  @Option(names = "--mllib", paramLabel = "true|false", order = 22, arity = "1", converter = Converters.Bool.class,
      description = "compare with MLlib's MultilayerPerceptronClassifier (default true)")
  public boolean mllib = true;

  @Option(names = "--mllib-iterations", paramLabel = "K", order = 23, converter = Converters.PositiveInt.class,
      description = "timed MLlib iterations (default 10)")
  public int mllibIterations = 10;

  @Option(names = "--mllib-block-size", paramLabel = "B", order = 24, converter = Converters.PositiveInt.class,
      description = "MLlib's blockSize (default 128, MLlib's own default)")
  public int mllibBlockSize = 128;

  /** Layer sizes of the second network; null: m-128-64-10. Empty: skip it. */
  public int[] deepLayers = null;

  @Option(names = "--deep-layers", paramLabel = "N0-..-NK", order = 25,
      description = "a second network timed like the first, with cross-entropy (default m-128-64-10; 'none' skips)")
  void deepLayers(String v) {
    if (v.trim().equalsIgnoreCase("none")) {
      deepLayers = new int[0];
      return;
    }
    int[] sizes = Layout.parseSizes(v);
    if (sizes == null || sizes.length < 3) {
      throw new BadInputException("--deep-layers: '" + v + "' is not of the form 784-128-64-10 (positive sizes,"
          + " at least one hidden layer)");
    }
    deepLayers = sizes;
  }

  @Option(names = "--deep-activation", paramLabel = "relu|sigmoid|tanh", order = 26,
      converter = Converters.ActivationName.class,
      description = "the second network's hidden activation (default relu)")
  public Activation deepActivation = Activation.RELU;

  @Option(names = "--race", paramLabel = "true|false", order = 27, arity = "1", converter = Converters.Bool.class,
      description = "time to test accuracy against MLlib's l-bfgs, m-hidden-10 sigmoid/softmax (default true; needs"
          + " --eval-data or a t10k-images-idx3-ubyte[.gz] beside --data)")
  public boolean race = true;

  @Option(names = "--eval-data", paramLabel = "PATH", order = 28,
      description = "the race's test rows (default: t10k-images-idx3-ubyte[.gz] beside --data)")
  public String evalData = null;

  public int[] raceMllibIterations = {25, 50, 75, 100};

  @Option(names = "--race-mllib-iterations", paramLabel = "K,K,..", order = 29,
      description = "MLlib fits, one per maxIter; the largest sets sparkprop's target accuracy (default 25,50,75,100)")
  void raceMllibIterations(String v) {
    raceMllibIterations = intList("--race-mllib-iterations", v);
    if (raceMllibIterations.length == 0) throw new BadInputException("--race-mllib-iterations: give at least one");
  }

  public List<RaceReport.Settings> raceCandidates = RaceReport.Settings.parseList("float32:20,float32:10,float32:30,float64:20");

  @Option(names = "--race-candidates", paramLabel = "PREC:M,..", order = 30,
      description = "sparkprop's l-bfgs runs: precision and corrections each (default"
          + " float32:20,float32:10,float32:30,float64:20)")
  void raceCandidates(String v) {
    raceCandidates = RaceReport.Settings.parseList(v);
  }

  @Option(names = "--race-max-steps", paramLabel = "K", order = 31, converter = Converters.PositiveInt.class,
      description = "most l-bfgs iterations per sparkprop run before it gives up on the target (default 300)")
  public int raceMaxSteps = 300;

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

  @Option(names = "--quick", order = 0,
      description = "a short run: 3 passes, sweep 10000,60000, fewer block sizes and partition counts, a short race"
          + " (options given explicitly still win)")
  public boolean quick = false;

  /**
   * With {@code --quick}: fewer passes, sizes and iterations, for every such option the command line
   * did not name ({@code given} tells, by option name such as "--passes").
   */
  public void applyQuick(Predicate<String> given) {
    if (!quick) return;
    if (!given.test("--warmup")) warmup = 1;
    if (!given.test("--passes")) passes = 3;
    if (!given.test("--gemm-rounds")) gemmRounds = 2;
    if (!given.test("--block-sizes")) blockSizes = new int[] {512, 1024, 2048};
    if (!given.test("--block-passes")) blockPasses = 2;
    if (!given.test("--sweep")) sweepRows = new long[] {10_000, 60_000};
    if (!given.test("--sweep-passes")) sweepPasses = 2;
    if (!given.test("--aggregation-partitions")) aggregationPartitions = new int[] {2, 20};
    if (!given.test("--mllib-iterations")) mllibIterations = 2;
    if (!given.test("--race-mllib-iterations")) raceMllibIterations = new int[] {10};
    if (!given.test("--race-candidates")) raceCandidates = RaceReport.Settings.parseList("float32:20");
    if (!given.test("--race-max-steps")) raceMaxSteps = 30;
    if (!given.test("--mllib-gap-partitions")) gapPartitions = new int[] {1, 2};
    if (!given.test("--tree-partitions")) treePartitions = new int[] {2, 8};
    if (!given.test("--tree-rows")) treeRows = 2048;
    if (!given.test("--tree-passes")) treePasses = 2;
    if (!given.test("--train-steps")) trainSteps = new int[] {4, 10};
  }

  /** A number in (0, 1]. */
  static final class Share implements ITypeConverter<Double> {
    @Override
    public Double convert(String v) {
      try {
        double d = Double.parseDouble(v.trim());
        if (d > 0 && d <= 1) return d;
      } catch (NumberFormatException e) {
        // refused below
      }
      throw new TypeConversionException("'" + v + "' is not a number in (0, 1]");
    }
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
