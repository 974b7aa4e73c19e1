package sparkprop.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import sparkprop.partition.RowHash;
import sparkprop.rows.RowChunk;

/**
 * Mini-batches chosen inside the partitions, by row id alone — rows are never collected on the
 * driver. With N rows and about B per batch, an <em>epoch</em> is {@code S = ⌈N / B⌉} steps; in epoch e
 * each row goes to slot {@code hash(row id, e, seed) mod S}, and step t of the run (epoch ⌊t/S⌋, slot
 * t mod S) uses the rows of its slot. So every row is used exactly once per epoch, batches hold B
 * rows on average (binomially spread), the order changes every epoch, and the choice depends on
 * neither the partitioning nor the run's history: a resumed run picks the same batches.
 */
public final class BatchSampler implements Serializable {
  private static final long serialVersionUID = 1L;

  public final long stepsPerEpoch;
  private final long seed;

  public BatchSampler(long rows, long batchRows, long seed) {
    if (rows <= 0 || batchRows <= 0) throw new IllegalArgumentException(rows + " rows, batches of " + batchRows);
    this.stepsPerEpoch = (rows + batchRows - 1) / batchRows;
    this.seed = seed;
  }

  /** Whether the row with this id is in step {@code step}'s batch. */
  public boolean inBatch(long rowId, long step) {
    long epoch = step / stepsPerEpoch;
    long slot = step % stepsPerEpoch;
    return Long.remainderUnsigned(RowHash.of(rowId, RowHash.of(epoch, seed)), stepsPerEpoch) == slot;
  }

  /** The chunks' rows in step {@code step}'s batch (copied; empty chunks dropped). */
  public Iterator<RowChunk> batch(Iterator<RowChunk> chunks, long step) {
    List<RowChunk> out = new ArrayList<>();
    while (chunks.hasNext()) {
      RowChunk c = chunks.next();
      int kept = 0;
      boolean[] keep = new boolean[c.count];
      for (int r = 0; r < c.count; r++) {
        keep[r] = inBatch(c.rowIds[r], step);
        if (keep[r]) kept++;
      }
      if (kept == 0) continue;
      byte[] pixels = new byte[kept * c.width];
      byte[] labels = new byte[kept];
      long[] ids = new long[kept];
      int k = 0;
      for (int r = 0; r < c.count; r++) {
        if (!keep[r]) continue;
        System.arraycopy(c.pixels, r * c.width, pixels, k * c.width, c.width);
        labels[k] = c.labels[r];
        ids[k++] = c.rowIds[r];
      }
      out.add(new RowChunk(c.width, pixels, labels, ids));
    }
    return out.iterator();
  }
}
