package sparkprop.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import sparkprop.rows.RowChunk;
import sparkprop.read.RowSource;

/**
 * A dataset of any size made by repeating a base dataset's rows: row r (id r) is base row
 * {@code r mod baseRows}. Part p of P is made inside its own task from a copy of the base rows that
 * each executor JVM reads once and keeps (for Fashion-MNIST 47 MB); the driver never holds the
 * repeated rows. Chunks are generated lazily, {@link #CHUNK_ROWS} rows at a time, so a part that is
 * streamed rather than cached costs one chunk of memory however large it is.
 */
final class RepeatedRows implements RowSource {
  private static final long serialVersionUID = 1L;

  /** Rows per generated chunk: a multiple of every power-of-two block size up to 16384. */
  static final int CHUNK_ROWS = 16_384;

  /** The base rows, read once per executor JVM: key is the base's location and row count. */
  private static final Map<String, RowChunk> BASES = new ConcurrentHashMap<>();

  private final RowSource base;
  private final long baseRows;
  private final long rows;

  /**
   * @param base     the rows to repeat
   * @param baseRows how many of the base's first rows take part (at most all of them)
   * @param rows     rows of the repeated dataset
   */
  RepeatedRows(RowSource base, long baseRows, long rows) {
    if (baseRows <= 0 || rows < 0) throw new IllegalArgumentException(baseRows + " base rows, " + rows + " rows");
    this.base = base;
    this.baseRows = baseRows;
    this.rows = rows;
  }

  long rows() {
    return rows;
  }

  @Override
  public int pixelsPerImage() {
    return base.pixelsPerImage();
  }

  @Override
  public String location() {
    return base.location() + " (first " + baseRows + " rows repeated to " + rows + ")";
  }

  @Override
  public Iterator<RowChunk> readPart(int part, int parts, Configuration conf) {
    if (part < 0 || part >= parts) throw new IllegalArgumentException("part " + part + " of " + parts);
    RowChunk all = baseRows(conf);
    long from = rows * part / parts;
    long to = rows * (part + 1) / parts;
    int m = pixelsPerImage();
    return new Iterator<RowChunk>() {
      long next = from;

      @Override
      public boolean hasNext() {
        return next < to;
      }

      @Override
      public RowChunk next() {
        if (!hasNext()) throw new NoSuchElementException();
        int count = (int) Math.min(CHUNK_ROWS, to - next);
        byte[] pixels = new byte[count * m];
        byte[] labels = new byte[count];
        int done = 0;
        while (done < count) {
          int source = (int) ((next + done) % baseRows);
          int run = (int) Math.min(count - done, baseRows - source);
          System.arraycopy(all.pixels, source * m, pixels, done * m, run * m);
          System.arraycopy(all.labels, source, labels, done, run);
          done += run;
        }
        RowChunk chunk = RowChunk.consecutive(m, pixels, labels, next);
        next += count;
        return chunk;
      }
    };
  }

  private RowChunk baseRows(Configuration conf) {
    return BASES.computeIfAbsent(base.location() + "#" + baseRows, key -> {
      List<RowChunk> chunks = new ArrayList<>();
      base.readPart(0, 1, conf).forEachRemaining(chunks::add);
      RowChunk whole = RowChunk.concat(base.pixelsPerImage(), chunks);
      if (whole.count < baseRows) {
        throw new IllegalArgumentException(base.location() + " holds " + whole.count + " rows, not " + baseRows);
      }
      if (whole.count == baseRows) return whole;
      int n = (int) baseRows;
      byte[] pixels = java.util.Arrays.copyOf(whole.pixels, n * whole.width);
      byte[] labels = java.util.Arrays.copyOf(whole.labels, n);
      return RowChunk.consecutive(whole.width, pixels, labels, 0);
    });
  }
}
