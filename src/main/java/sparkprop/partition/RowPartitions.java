package sparkprop.partition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.read.HadoopConf;
import sparkprop.read.RowChunk;
import sparkprop.read.RowSource;

/**
 * The dataset's first N rows as an RDD of P partitions, each read by its own task straight from the
 * source (the driver ships only the partition's row range). Partition p holds rows
 * {@code [⌊p·N/P⌋, ⌊(p+1)·N/P⌋)}: contiguous, in file order, sizes differing by at most one; with
 * P > N some partitions are empty.
 */
public final class RowPartitions {
  /** Largest chunk a task reads at once (bytes of pixels), well under Java's array limit. */
  static final long MAX_CHUNK_BYTES = 64L << 20;

  private RowPartitions() {}

  public static JavaRDD<RowChunk> of(JavaSparkContext sc, RowSource source, long rows, int partitions, HadoopConf conf) {
    if (partitions <= 0) throw new IllegalArgumentException("partitions " + partitions);
    List<Integer> indices = IntStream.range(0, partitions).boxed().collect(Collectors.toList());
    return sc.parallelize(indices, partitions)
        .mapPartitionsWithIndex((p, ignored) -> read(source, conf, rows, partitions, p), true);
  }

  /** First row of partition p. */
  public static long start(long rows, int partitions, int p) {
    return Math.multiplyExact(rows, (long) p) / partitions;
  }

  private static Iterator<RowChunk> read(RowSource source, HadoopConf conf, long rows, int partitions, int p) {
    long from = start(rows, partitions, p);
    long to = start(rows, partitions, p + 1);
    if (from == to) return Collections.emptyIterator();
    int perChunk = (int) Math.max(1, MAX_CHUNK_BYTES / source.pixelsPerImage());
    List<RowChunk> chunks = new ArrayList<>();
    for (long first = from; first < to; first += perChunk) {
      chunks.add(source.read(first, (int) Math.min(perChunk, to - first), conf.get()));
    }
    return chunks.iterator();
  }
}
