package sparkprop.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import sparkprop.cli.OptionTable;
import sparkprop.BadInputException;
import static sparkprop.cli.OptionValues.*;

/** The options of {@code submit.sh bench}: {@code --name VALUE} (or {@code --name=VALUE}), plus {@code --quick}. */
public final class BenchOptions {
  public String data = "data/mnist-sample";
  public String out = "bench-out";
  /** Rows of the headline measurements: 0 for every row of the data, else the first N (repeated if N is larger). */
  public long rows = 0;
  /** 0: as many partitions as Spark has task slots. */
  public int partitions = 0;
  public int hidden = 50;
  public long seed = 0;
  public int blockRows = 1024;
  public int treeDepth = 2;
  public int warmup = 3;
  public int passes = 10;
  public int gemmRounds = 5;
  public int[] blockSizes = {256, 512, 1024, 2048, 4096};
  public int blockPasses = 5;
  public long[] sweepRows = {10_000, 60_000, 600_000, 6_000_000};
  public int sweepPasses = 3;
  public int sweepWarmup = 1;
  /** auto: cache a sweep size when it fits the storage memory, always also stream it; cache or stream: only that. */
  public String sweepMode = "auto";
  public int[] aggregationPartitions = {2, 20, 200};
  /** Rows of the aggregation measurements: 0 for the main measurements' rows. */
  public long aggregationRows = 0;
  public boolean mllib = true;
  public int mllibIterations = 10;
  public int mllibBlockSize = 128;
  public boolean quick = false;
  /** Local mode: a round of passes during which other processes used more of the CPUs than this is run again. */
  public double maxOtherLoad = 0.10;
  /** How many rounds per section may be run again. */
  public int maxRetries = 10;

  private static final OptionTable<BenchOptions> OPTIONS = new OptionTable<>();

  private static void option(String name, String help, BiConsumer<BenchOptions, String> set) {
    OPTIONS.add(name, help, set);
  }

  static {
    option("data", "PATH  folder with the IDX images and labels (default data/mnist-sample)", (o, v) -> o.data = v);
    option("out", "DIR  output folder for bench.json, replaced atomically (default bench-out)", (o, v) -> o.out = v);
    option("rows", "N  rows of the main measurements (default: all rows of the data)", (o, v) -> o.rows = positiveLong("rows", v));
    option("partitions", "P  partitions (default: Spark's task slots)", (o, v) -> o.partitions = positiveInt("partitions", v));
    option("hidden", "NH  hidden units (default 50)", (o, v) -> o.hidden = positiveInt("hidden", v));
    option("seed", "S  seed of the random weights (default 0)", (o, v) -> o.seed = parseLong("seed", v));
    option("block-rows", "B  rows per BLAS block of the main measurements (default 1024)",
        (o, v) -> o.blockRows = positiveInt("block-rows", v));
    option("tree-depth", "D  depth of the aggregation tree (default 2)", (o, v) -> o.treeDepth = positiveInt("tree-depth", v));
    option("warmup", "W  untimed passes before each timed series (default 3)", (o, v) -> o.warmup = nonNegativeInt("warmup", v));
    option("passes", "K  timed passes of the main measurements (default 10)", (o, v) -> o.passes = positiveInt("passes", v));
    option("gemm-rounds", "R  timed rounds of the GEMM probe (default 5)", (o, v) -> o.gemmRounds = positiveInt("gemm-rounds", v));
    option("block-sizes", "B,B,..  block sizes to compare (default 256,512,1024,2048,4096; 'none' skips)",
        (o, v) -> o.blockSizes = intList("block-sizes", v));
    option("block-passes", "K  timed passes per block size (default 5)", (o, v) -> o.blockPasses = positiveInt("block-passes", v));
    option("sweep", "N,N,..  row counts of the scaling sweep (default 10000,60000,600000,6000000; 'none' skips)",
        (o, v) -> o.sweepRows = longList("sweep", v));
    option("sweep-passes", "K  timed passes per sweep size (default 3)", (o, v) -> o.sweepPasses = positiveInt("sweep-passes", v));
    option("sweep-warmup", "W  untimed passes per sweep size (default 1)",
        (o, v) -> o.sweepWarmup = nonNegativeInt("sweep-warmup", v));
    option("sweep-mode", "auto|cache|stream  how sweep rows are held (default auto: cache what fits, stream all)",
        (o, v) -> o.sweepMode = choice("sweep-mode", v, "auto", "cache", "stream"));
    option("aggregation-partitions", "P,P,..  partition counts of the aggregation share (default 2,20,200; 'none' skips)",
        (o, v) -> o.aggregationPartitions = intList("aggregation-partitions", v));
    option("aggregation-rows", "N  rows of the aggregation measurements (default: as --rows)",
        (o, v) -> o.aggregationRows = positiveLong("aggregation-rows", v));
    option("max-other-load", "F  local mode: rerun a round when other processes used more than this share of"
        + " the CPUs (default 0.10; 1 never reruns)", (o, v) -> o.maxOtherLoad = share("max-other-load", v));
    option("max-retries", "K  rounds per section that may be rerun (default 10)",
        (o, v) -> o.maxRetries = nonNegativeInt("max-retries", v));
    option("mllib", "true|false  compare with MLlib's MultilayerPerceptronClassifier (default true)",
        (o, v) -> o.mllib = parseBoolean("mllib", v));
    option("mllib-iterations", "K  timed MLlib iterations (default 10)",
        (o, v) -> o.mllibIterations = positiveInt("mllib-iterations", v));
    option("mllib-block-size", "B  MLlib's blockSize (default 128, MLlib's own default)",
        (o, v) -> o.mllibBlockSize = positiveInt("mllib-block-size", v));
  }

  /** A short run: fewer passes, sizes and iterations (explicit options still win). */
  private void applyQuick() {
    quick = true;
    warmup = 1;
    passes = 3;
    gemmRounds = 2;
    blockSizes = new int[] {512, 1024, 2048};
    blockPasses = 2;
    sweepRows = new long[] {10_000, 60_000};
    sweepPasses = 2;
    aggregationPartitions = new int[] {2, 20};
    mllibIterations = 2;
  }

  public static BenchOptions parse(String[] args) {
    BenchOptions o = new BenchOptions();
    List<String[]> given = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) return null;
      if (arg.equals("--quick")) {
        o.quick = true;
        continue;
      }
      if (!arg.startsWith("--")) throw new BadInputException("unexpected argument '" + arg + "' (options are --name value)");
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else {
        if (i + 1 >= args.length) throw new BadInputException("option --" + name + " needs a value");
        value = args[++i];
      }
      if (!OPTIONS.has(name)) throw new BadInputException("unknown bench option --" + name + " (see bench --help)");
      given.add(new String[] {name, value});
    }
    if (o.quick) o.applyQuick();
    for (String[] nv : given) OPTIONS.apply(o, nv[0], nv[1]);
    return o;
  }

  public static String usage() {
    StringBuilder b = new StringBuilder("usage: submit.sh [spark-submit options] bench [options]\n\noptions:\n");
    b.append("  --quick  a short run (3 passes, sweep 10000,60000, fewer block sizes and partition counts)\n");
    b.append(OPTIONS.help());
    b.append("\nSet OPENBLAS_NUM_THREADS=1 before the JVM starts (Spark runs one task per core).\n");
    b.append("exit codes: 0 the benchmark ran (whether or not targets were met), 2 bad input or usage, 3 any other failure\n");
    return b.toString();
  }

  /** The command line as given, for the report. */
  static String commandLine(String[] args) {
    return "bench " + String.join(" ", Arrays.asList(args));
  }





  private static double share(String name, String v) {
    try {
      double d = Double.parseDouble(v.trim());
      if (!(d > 0 && d <= 1)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new BadInputException("--" + name + ": '" + v + "' is not a number in (0, 1]");
    }
  }

  private static long[] longList(String name, String v) {
    if (v.trim().equalsIgnoreCase("none")) return new long[0];
    String[] parts = v.split(",");
    long[] out = new long[parts.length];
    for (int k = 0; k < parts.length; k++) out[k] = positiveLong(name, parts[k]);
    return out;
  }

  private static int[] intList(String name, String v) {
    long[] l = longList(name, v);
    int[] out = new int[l.length];
    for (int k = 0; k < l.length; k++) {
      if (l[k] > Integer.MAX_VALUE) throw new BadInputException("--" + name + ": too large: " + l[k]);
      out[k] = (int) l[k];
    }
    return out;
  }


}
