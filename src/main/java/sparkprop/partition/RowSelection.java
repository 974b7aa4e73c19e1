package sparkprop.partition;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import sparkprop.rows.RowChunk;

/**
 * Which rows take part: those with an id below {@code idLimit} ({@code --limit}: the first N rows in
 * file order), on the chosen side of the split, and — for {@code --reference-rows} — among the rows
 * whose {@link RowHash} is at most a threshold. A predicate on row ids alone, so the distributed path
 * and the reference select the same rows however the data is partitioned.
 */
public final class RowSelection implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Seed of the hash that picks the reference subset; fixed, so the subset is the same every run. */
  static final long SUBSET_SEED = 0x5EED5EEDL;

  private final long idLimit;
  private final ValidationSplit split;
  private final long maxHash; // unsigned; -1 (all ones) keeps every row

  /** @param split null for no split */
  public RowSelection(long idLimit, ValidationSplit split) {
    this(idLimit, split, -1L);
  }

  private RowSelection(long idLimit, ValidationSplit split, long maxHash) {
    this.idLimit = idLimit;
    this.split = split;
    this.maxHash = maxHash;
  }

  /** These rows, further cut to those whose subset hash is at most {@code maxHash} (unsigned). */
  public RowSelection withSubsetHashAtMost(long maxHash) {
    return new RowSelection(idLimit, split, maxHash);
  }

  /** The hash that orders rows for the reference subset. */
  public static long subsetHash(long rowId) {
    return RowHash.of(rowId, SUBSET_SEED);
  }

  public boolean keeps(long rowId) {
    return rowId < idLimit && (split == null || split.keeps(rowId))
        && (maxHash == -1L || Long.compareUnsigned(subsetHash(rowId), maxHash) <= 0);
  }

  /** The chunk itself when every row is kept, else a copy of the kept rows. */
  public RowChunk apply(RowChunk c) {
    int kept = 0;
    for (int r = 0; r < c.count; r++) if (keeps(c.rowIds[r])) kept++;
    if (kept == c.count) return c;
    byte[] pixels = new byte[kept * c.width];
    byte[] labels = new byte[kept];
    long[] ids = new long[kept];
    int k = 0;
    for (int r = 0; r < c.count; r++) {
      if (!keeps(c.rowIds[r])) continue;
      System.arraycopy(c.pixels, r * c.width, pixels, k * c.width, c.width);
      labels[k] = c.labels[r];
      ids[k++] = c.rowIds[r];
    }
    return new RowChunk(c.width, pixels, labels, ids);
  }

  /** The kept rows of each chunk, dropping chunks left empty. */
  public Iterator<RowChunk> apply(Iterator<RowChunk> chunks) {
    List<RowChunk> out = new ArrayList<>();
    while (chunks.hasNext()) {
      RowChunk c = apply(chunks.next());
      if (c.count > 0) out.add(c);
    }
    return out.iterator();
  }
}
