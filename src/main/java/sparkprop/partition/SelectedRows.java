package sparkprop.partition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import sparkprop.read.HadoopConf;
import sparkprop.rows.RowChunk;
import sparkprop.read.RowSource;

/** Turns {@code --limit} and {@code --split} into a {@link RowSelection}, and applies it on either path. */
public final class SelectedRows {
  private SelectedRows() {}

  /**
   * The selection over the cached parts; {@code limit ≤ 0} for all rows, {@code split} null for no split. {@code --limit N} becomes "id below the
   * id of the (N+1)-th row": the parts' row counts (one small job, which also reads and validates
   * every part) find the part holding that row, and a second small job reads its id.
   */
  public static RowSelection selection(JavaRDD<RowChunk> parts, long limit, ValidationSplit split) {
    List<Long> counts = parts.mapPartitions(SelectedRows::countRows, true).collect();
    long idLimit = Long.MAX_VALUE;
    if (limit > 0) {
      long before = 0;
      for (int p = 0; p < counts.size(); p++) {
        if (before + counts.get(p) > limit) {
          final int part = p;
          final long index = limit - before;
          idLimit = parts.mapPartitionsWithIndex((q, it) -> q == part ? idAt(it, index) : Collections.emptyIterator(), true)
              .collect().get(0);
          break;
        }
        before += counts.get(p);
      }
    }
    return new RowSelection(idLimit, split);
  }

  /** Σ rows over the RDD. */
  public static long count(JavaRDD<RowChunk> rows) {
    return rows.mapPartitions(SelectedRows::countRows, true).fold(0L, Long::sum);
  }

  /**
   * The selected rows, read on the driver alone straight from storage, as one chunk: the reference's
   * input. The source is read in {@code pieces} parts one after another, so that a small selection
   * from a large dataset never holds more than one part in memory.
   */
  public static RowChunk onDriver(RowSource source, RowSelection selection, HadoopConf conf, int pieces) {
    List<RowChunk> chunks = new ArrayList<>();
    for (int p = 0; p < pieces; p++) selection.apply(source.readPart(p, pieces, conf.get())).forEachRemaining(chunks::add);
    return RowChunk.concat(source.pixelsPerImage(), chunks);
  }

  /**
   * The largest subset hash among the {@code n} rows with the smallest ones: keeping rows whose hash is
   * at most this picks exactly n rows (ties of 64-bit hashes aside), chosen by row id alone.
   */
  public static long subsetThreshold(JavaRDD<RowChunk> rows, int n) {
    List<Long> smallest = rows
        .flatMap(c -> {
          List<Long> h = new ArrayList<>(c.count);
          for (long id : c.rowIds) h.add(RowSelection.subsetHash(id) ^ Long.MIN_VALUE); // signed order = unsigned order
          return h.iterator();
        })
        .takeOrdered(n);
    return smallest.get(smallest.size() - 1) ^ Long.MIN_VALUE;
  }

  private static Iterator<Long> countRows(Iterator<RowChunk> chunks) {
    long n = 0;
    while (chunks.hasNext()) n += chunks.next().count;
    return Collections.singletonList(n).iterator();
  }

  private static Iterator<Long> idAt(Iterator<RowChunk> chunks, long index) {
    long skipped = 0;
    while (chunks.hasNext()) {
      RowChunk c = chunks.next();
      if (index - skipped < c.count) return Collections.singletonList(c.rowIds[(int) (index - skipped)]).iterator();
      skipped += c.count;
    }
    throw new IllegalStateException("row " + index + " is beyond the part");
  }
}
