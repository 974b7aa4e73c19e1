package sparkprop.app;

import sparkprop.partition.ValidationSplit;
import sparkprop.read.DataFormat;
import sparkprop.read.RowSources;

/** Which rows a command reads and how they are partitioned: the options every command shares. */
public class DataOptions {
  /** The most partitions a run may ask for: beyond it the scheduler's cost, not the data, dominates. */
  public static final int MAX_PARTITIONS = 100_000;

  public String data = "data/mnist-sample";
  /** null: detect the format from the data. */
  public DataFormat format = null;
  public double pixelMax = RowSources.DEFAULT_PIXEL_MAX;
  /** ≤ 0: every row; else only the first N in file order. */
  public long limit = -1;
  /** 0: Spark's default parallelism. */
  public int partitions = 0;
  /** null: every row; else the side of the seed's train/valid split. */
  public ValidationSplit.Side split = null;
  public double validFraction = 1.0 / 6;
  public long splitSeed = 0;
}
