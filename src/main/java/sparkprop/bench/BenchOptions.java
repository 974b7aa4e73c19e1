package sparkprop.bench;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import sparkprop.app.Converters;
import sparkprop.app.DataOptions;

/**
 * The options of {@code submit.sh bench}, a picocli mixin: what a user chooses — the data, the output,
 * the partitions, how many passes to time, which comparisons to run, how quiet the machine must be — and
 * nothing else: the networks, block size, tree depth and the race's recipe are fixed
 * ({@link BenchPlan}), so that runs on different data and clusters compare. The measuring apparatus
 * behind BENCHMARKS.md's other analyses (sweeps, block sizes, the cluster model) is not part of the
 * command; see BENCHMARKS.md.
 */
public final class BenchOptions {
  @Option(names = "--data", paramLabel = "PATH", order = 1,
      description = "folder with the IDX images and labels (default data/mnist-sample)")
  public String data = "data/mnist-sample";

  @Option(names = "--eval-data", paramLabel = "PATH", order = 2,
      description = "the race's test rows (default: t10k-images-idx3-ubyte[.gz] beside --data; without them the"
          + " race is skipped)")
  public String evalData = null;

  @Option(names = "--out", paramLabel = "DIR", order = 3,
      description = "output folder for bench.json and report.html, replaced as a whole; it must be empty, new or an earlier"
          + " sparkprop output (default bench-out)")
  public String out = "bench-out";

  /** 0: as many partitions as Spark has task slots. */
  @Option(names = "--partitions", paramLabel = "P", order = 4, converter = Converters.Partitions.class,
      description = "partitions, at most " + DataOptions.MAX_PARTITIONS + " (default: Spark's task slots)")
  public int partitions = 0;

  /** 0: {@link BenchPlan#PASSES} ({@link BenchPlan#QUICK_PASSES} with --quick). */
  @Option(names = "--passes", paramLabel = "K", order = 5, converter = Converters.PositiveInt.class,
      description = "timed passes per configuration of the pass table (default 10; 3 with --quick)")
  public int passes = 0;

  @Option(names = "--mllib", paramLabel = "true|false", order = 6, arity = "1", converter = Converters.Bool.class,
      description = "time MLlib's MultilayerPerceptronClassifier (gd) per iteration on the same rows (default true)")
  public boolean mllib = true;

  @Option(names = "--race", paramLabel = "true|false", order = 7, arity = "1", converter = Converters.Bool.class,
      description = "race train's recommended classifier recipe, three seeds, to the test accuracy of MLlib's l-bfgs"
          + " (default true; needs --eval-data or a t10k-images-idx3-ubyte[.gz] beside --data)")
  public boolean race = true;

  /** Local mode: a round of passes during which other processes used more of the CPUs than this is run again. */
  @Option(names = "--max-other-load", paramLabel = "F", order = 8, converter = Share.class,
      description = "local mode: rerun a round when other processes used more than this share of the CPUs"
          + " (default 0.10; 1 never reruns)")
  public double maxOtherLoad = 0.10;

  @Option(names = "--quick", order = 0,
      description = "a short run: 3 passes, 2 MLlib iterations, a race of MLlib's maxIter 10 against at most 30 steps")
  public boolean quick = false;

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
}
