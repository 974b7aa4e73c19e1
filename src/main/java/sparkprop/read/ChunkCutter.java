package sparkprop.read;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sparkprop.rows.RowChunk;

/**
 * Re-cuts a part's rows, arriving in chunks of any size (one per file, per row group), into chunks of
 * exactly {@code perChunk} rows but the last — the cut IDX makes of the same part. The pass sums block
 * by block within a chunk, so the same cut is what makes the same rows give the same gradient to the
 * last bit. A chunk that already fits passes through uncopied.
 */
final class ChunkCutter implements Consumer<RowChunk> {
  private final int width;
  private final int perChunk;
  private final List<RowChunk> out;
  private final List<RowChunk> pending = new ArrayList<>();
  private int pendingRows;

  ChunkCutter(int width, int perChunk, List<RowChunk> out) {
    this.width = width;
    this.perChunk = perChunk;
    this.out = out;
  }

  @Override
  public void accept(RowChunk c) {
    if (pendingRows == 0 && c.count == perChunk) {
      out.add(c);
      return;
    }
    pending.add(c);
    pendingRows += c.count;
    while (pendingRows >= perChunk) {
      RowChunk all = RowChunk.concat(width, pending);
      pending.clear();
      out.add(all.count == perChunk ? all : all.slice(0, perChunk));
      pendingRows = all.count - perChunk;
      if (pendingRows > 0) pending.add(all.slice(perChunk, all.count));
    }
  }

  /** The chunks, the rows still pending as the last one. */
  List<RowChunk> done() {
    if (pendingRows > 0) out.add(RowChunk.concat(width, pending));
    pending.clear();
    pendingRows = 0;
    return out;
  }
}
