package sparkprop.app;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import sparkprop.BadInputException;
import sparkprop.partition.RowPartitions;
import sparkprop.partition.RowSelection;
import sparkprop.partition.SelectedRows;
import sparkprop.partition.ValidationSplit;
import sparkprop.read.HadoopConf;
import sparkprop.read.RowSource;
import sparkprop.read.RowSources;
import sparkprop.rows.RowChunk;

/**
 * The rows a command runs on: the source opened from metadata, read by one task per partition and
 * cached as bytes, with {@code --limit} and {@code --split} applied as a row-id predicate. Call
 * {@link #release()} when done.
 */
public final class PreparedRows {
  public final RowSource source;
  public final int partitions;
  /** The cached parts, before the selection. */
  public final JavaRDD<RowChunk> parts;
  public final RowSelection selection;
  /** The selected rows. */
  public final JavaRDD<RowChunk> rows;
  /** How many rows are selected. */
  public final long count;

  private PreparedRows(RowSource source, int partitions, JavaRDD<RowChunk> parts, RowSelection selection,
      JavaRDD<RowChunk> rows, long count) {
    this.source = source;
    this.partitions = partitions;
    this.parts = parts;
    this.selection = selection;
    this.rows = rows;
    this.count = count;
  }

  /** Opens the data, reads and caches it in the partitions, and counts the selected rows (exit 2 if none). */
  public static PreparedRows open(JavaSparkContext sc, DataOptions o, HadoopConf conf) {
    if (o.partitions > DataOptions.MAX_PARTITIONS) {
      throw new BadInputException("--partitions " + o.partitions + ": at most " + DataOptions.MAX_PARTITIONS);
    }
    RowSource data = RowSources.open(o.data, o.format, o.pixelMax, o.tableColumns(), conf.get());
    int partitions = o.partitions > 0 ? o.partitions : sc.defaultParallelism();
    long limit = o.limit;
    if (limit > 0 && data.knownRowCount() >= 0) { // cut the source itself, so every part gets rows
      data = data.firstRows(limit);
      limit = 0;
    }
    JavaRDD<RowChunk> parts = RowPartitions.of(sc, data, partitions, conf).persist(StorageLevel.MEMORY_ONLY());
    ValidationSplit split = o.split == null ? null : new ValidationSplit(o.validFraction, o.splitSeed, o.split);
    RowSelection selection = SelectedRows.selection(parts, limit, split);
    JavaRDD<RowChunk> rows = parts.mapPartitions(selection::apply, true);
    long n = SelectedRows.count(rows);
    if (n == 0) {
      long beforeSplit = split == null ? 0 : SelectedRows.count(parts); // the rows --limit keeps are the first ones
      String problem = noRows(o, o.limit > 0 ? Math.min(o.limit, beforeSplit) : beforeSplit);
      parts.unpersist(false);
      throw BadInputException.inFile(data.location(), problem);
    }
    return new PreparedRows(data, partitions, parts, selection, rows, n);
  }

  /**
   * Why no row is left, naming only the options that apply: --limit N ≥ 1 keeps a row of any data that
   * has one, so without rows on the chosen side of --split the data itself holds none (a CSV of only its
   * header, an empty IDX file).
   */
  private static String noRows(DataOptions o, long beforeSplit) {
    if (o.split == null || beforeSplit == 0) return "holds no rows (nothing to compute a gradient on)";
    String side = o.split.name().toLowerCase(java.util.Locale.ROOT);
    return "no rows on the " + side + " side of --split (of " + beforeSplit + (beforeSplit == 1 ? " row" : " rows")
        + (o.limit > 0 ? " after --limit " + o.limit : "") + ", --valid-fraction " + o.validFraction
        + ", --split-seed " + o.splitSeed + ")";
  }

  /** Pixels per row, the network's n0. */
  public int inputs() {
    return source.pixelsPerImage();
  }

  /**
   * These rows cut to about {@code n} of them, chosen by a hash of the row id alone (so the same on
   * every path and partitioning); this object itself when n covers every row.
   */
  public PreparedRows subset(int n) {
    if (n <= 0 || n >= count) return this;
    RowSelection subset = selection.withSubsetHashAtMost(SelectedRows.subsetThreshold(rows, n));
    JavaRDD<RowChunk> subsetRows = parts.mapPartitions(subset::apply, true);
    return new PreparedRows(source, partitions, parts, subset, subsetRows, SelectedRows.count(subsetRows));
  }

  /**
   * The selected rows read on the driver alone, straight from storage, as one chunk (the reference's
   * input): in one piece when every row is wanted, else part by part so that a small subset of a large
   * dataset never holds more than one part in memory.
   */
  public RowChunk onDriver(HadoopConf conf, boolean allRows) {
    return SelectedRows.onDriver(source, selection, conf, allRows ? 1 : partitions);
  }

  public void release() {
    parts.unpersist(false);
  }
}
