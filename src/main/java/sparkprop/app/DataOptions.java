package sparkprop.app;

import picocli.CommandLine.Option;
import sparkprop.partition.ValidationSplit;
import sparkprop.read.DataFormat;
import sparkprop.read.RowSources;
import sparkprop.read.TableColumns;

/**
 * Which rows a command reads and how they are partitioned: the options every command that reads the
 * data shares, a picocli mixin. The field values are the defaults; a properties file ({@code --config})
 * may replace them, the command line wins over both.
 */
public class DataOptions {
  /** The most partitions a run may ask for: beyond it the scheduler's cost, not the data, dominates. */
  public static final int MAX_PARTITIONS = 100_000;

  @Option(names = "--data", paramLabel = "PATH", order = 10,
      description = "the data: an IDX folder, a PNG folder tree, a CSV or LibSVM file or folder, a Spark table's"
          + " Parquet or ORC files; a local path or a URI (hdfs://, s3a://, file:) (default data/mnist-sample)")
  public String data = "data/mnist-sample";

  /** null: detect the format from the data. */
  @Option(names = "--format", paramLabel = "idx|png|csv|libsvm|parquet|orc", order = 11, converter = Converters.FormatName.class,
      description = "the data's format (default: detected from the files)")
  public DataFormat format = null;

  @Option(names = "--pixel-max", paramLabel = "V", order = 12, converter = Converters.PositiveDouble.class,
      description = "value of a white pixel in CSV, LibSVM, Parquet and ORC data: 255 (default) or 1 (e.g. mnist.scale)")
  public double pixelMax = RowSources.DEFAULT_PIXEL_MAX;

  @Option(names = "--features-col", paramLabel = "NAME", order = 18,
      description = "a table's pixels: an MLlib vector, array or binary column (default features; without it, every"
          + " numeric column but the label)")
  public String featuresCol = TableColumns.DEFAULT_FEATURES;

  @Option(names = "--label-col", paramLabel = "NAME", order = 19,
      description = "a table's label column, a whole class number (default label)")
  public String labelCol = TableColumns.DEFAULT_LABEL;

  /** ≤ 0: every row; else only the first N in file order. */
  @Option(names = "--limit", paramLabel = "N", order = 13, converter = Converters.PositiveLong.class,
      description = "use only the first N rows in file order (default: every row)")
  public long limit = -1;

  /** null: every row; else the side of the seed's train/valid split. */
  @Option(names = "--split", paramLabel = "train|valid", order = 14, converter = Converters.SplitSide.class,
      description = "check only one side of the train/valid split (default: all rows)")
  public ValidationSplit.Side split = null;

  @Option(names = "--valid-fraction", paramLabel = "F", order = 15, converter = Converters.Fraction.class,
      description = "share of rows in the valid side (default 1/6, the seed's)")
  public double validFraction = 1.0 / 6;

  @Option(names = "--split-seed", paramLabel = "S", order = 16, converter = Converters.WholeNumber.class,
      description = "seed of the split (default 0)")
  public long splitSeed = 0;

  /** 0: Spark's default parallelism. */
  @Option(names = "--partitions", paramLabel = "P", order = 17, converter = Converters.Partitions.class,
      description = "number of RDD partitions, at most " + MAX_PARTITIONS + " (default: Spark's default parallelism)")
  public int partitions = 0;

  /** The columns a table's pixels and label are read from. */
  public TableColumns tableColumns() {
    return new TableColumns(featuresCol, labelCol);
  }

  /** The same rows' other side of the split ({@code --split train} → valid), read the same way. */
  public DataOptions otherSide() {
    DataOptions o = sameReading(data);
    o.limit = limit;
    o.split = split == ValidationSplit.Side.TRAIN ? ValidationSplit.Side.VALID : ValidationSplit.Side.TRAIN;
    o.validFraction = validFraction;
    o.splitSeed = splitSeed;
    return o;
  }

  /** Other data ({@code --eval-data}) read as these are: the same format, pixel scale and partitions, every row. */
  public DataOptions sameReading(String location) {
    DataOptions o = new DataOptions();
    o.data = location;
    o.format = format;
    o.pixelMax = pixelMax;
    o.featuresCol = featuresCol;
    o.labelCol = labelCol;
    o.partitions = partitions;
    return o;
  }
}
