package sparkprop.partition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;
import sparkprop.read.HadoopConf;
import sparkprop.rows.RowChunk;
import sparkprop.read.RowSource;

/**
 * The dataset as an RDD of P partitions, partition p holding the source's part p of P.
 *
 * <p>A splittable source is read by P tasks, each straight from storage (the driver ships only the
 * index p). A source that cannot be split (a gzipped file) but knows its row count is read once, by
 * one task, and its rows are dealt out to the same P parts through a shuffle — one decompression
 * instead of one per part.
 *
 * <p>The Hadoop configuration the tasks open the files with goes to the executors as a broadcast,
 * not inside the reading function: a function travels with every task of every job whose lineage
 * holds the RDD — every gradient pass over the cached rows, though it only runs when a part is read
 * — and the configuration, every property of the driver's, is ~170 KB that takes ~6 ms to
 * deserialize. (Spark's own HadoopRDD broadcasts it likewise.)
 */
public final class RowPartitions {
  private RowPartitions() {}

  public static JavaRDD<RowChunk> of(JavaSparkContext sc, RowSource source, int partitions, HadoopConf conf) {
    if (partitions <= 0) throw new IllegalArgumentException("partitions " + partitions);
    Broadcast<HadoopConf> shared = sc.broadcast(conf);
    if (partitions > 1 && !source.splittable() && source.knownRowCount() >= 0) {
      long rows = source.knownRowCount();
      return sc.parallelize(List.of(0), 1)
          .flatMapToPair(ignored -> dealOut(source.readPart(0, 1, copy(shared)), rows, partitions))
          .partitionBy(new HashPartitioner(partitions))
          .mapPartitions(RowPartitions::inIdOrder, true);
    }
    List<Integer> indices = IntStream.range(0, partitions).boxed().collect(Collectors.toList());
    return sc.parallelize(indices, partitions)
        .mapPartitionsWithIndex((p, ignored) -> source.readPart(p, partitions, copy(shared)), true);
  }

  /** The task's own copy of the broadcast configuration (in local mode the broadcast is the driver's object). */
  private static Configuration copy(Broadcast<HadoopConf> shared) {
    return new Configuration(shared.value().get());
  }

  /** Cuts chunks of rows with ids 0…N−1 at the part boundaries ⌊p·N/P⌋: (part, rows) pairs. */
  private static Iterator<Tuple2<Integer, RowChunk>> dealOut(Iterator<RowChunk> chunks, long rows, int parts) {
    List<Tuple2<Integer, RowChunk>> out = new ArrayList<>();
    while (chunks.hasNext()) {
      RowChunk c = chunks.next();
      int from = 0;
      while (from < c.count) {
        int part = partOf(c.rowIds[from], rows, parts);
        long end = (long) rows * (part + 1) / parts; // first id of the next part
        int to = from;
        while (to < c.count && c.rowIds[to] < end) to++;
        out.add(new Tuple2<>(part, c.slice(from, to)));
        from = to;
      }
    }
    return out.iterator();
  }

  /** The part p with ⌊p·N/P⌋ ≤ id < ⌊(p+1)·N/P⌋. */
  static int partOf(long id, long rows, int parts) {
    int p = (int) Math.min(parts - 1, id * parts / rows);
    while (p > 0 && (long) rows * p / parts > id) p--;
    while ((long) rows * (p + 1) / parts <= id) p++;
    return p;
  }

  /** A shuffle delivers a part's chunks in any order; the contract wants ascending ids. */
  private static Iterator<RowChunk> inIdOrder(Iterator<Tuple2<Integer, RowChunk>> it) {
    List<RowChunk> chunks = new ArrayList<>();
    it.forEachRemaining(t -> chunks.add(t._2));
    chunks.sort(Comparator.comparingLong(c -> c.rowIds[0]));
    return chunks.iterator();
  }
}
