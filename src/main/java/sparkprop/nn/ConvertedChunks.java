package sparkprop.nn;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import sparkprop.rows.RowChunk;

/**
 * The network's input for cached rows, converted once per JVM instead of once per pass: a chunk's
 * pixels as one column-major {@code width × count} matrix in the run's precision ({@code x = pixel /
 * pixelMax}, through the same table as {@link Matrix#loadColumns}, so the values are the same bits).
 * Column block {@code [first, first+b)} of it is a contiguous slice, which {@link GradientPass} hands
 * to the GEMMs as they are — no byte-to-float pass over the data per gradient pass.
 *
 * <p>Which chunks: those seen {@link #SIGHTINGS} times. Spark's {@code MEMORY_ONLY} cache hands every
 * task the same {@link RowChunk} object for a partition, pass after pass, so the chunk itself is the
 * key, held weakly (by identity): when its RDD is unpersisted and the chunk collected, the entry goes
 * with it. A chunk made afresh on each pass (a mini-batch, rows read from storage) is never seen
 * twice and is converted block by block, as before, into a reused buffer; nor are rows that only a
 * pass or two read (the check's).
 *
 * <p>Memory: at most a budget — by default a quarter of the JVM's maximum heap ({@link
 * #DEFAULT_HEAP_FRACTION}, or the Spark setting {@value #HEAP_FRACTION_CONF} on the executors). When it is full, chunks no longer in use make room (least recently used first);
 * chunks in use are not evicted for others (which would only trade places pass after pass), so what
 * does not fit is converted block by block. Every matrix is held softly, so that the garbage
 * collector may reclaim them before the JVM runs short. 60,000 rows of 784 pixels take 188 MB as floats, 376 MB as doubles. This is memory
 * outside Spark's storage accounting: Spark's user memory (its {@code 1 − spark.memory.fraction}).
 */
public final class ConvertedChunks {
  /** The Spark setting (on the executors) for the budget, as a fraction of the maximum heap; 0 turns the cache off. */
  public static final String HEAP_FRACTION_CONF = "spark.sparkprop.convertedRows.heapFraction";
  public static final double DEFAULT_HEAP_FRACTION = 0.25;
  /** A chunk is converted whole on its third pass: iterative work (training, the bench) repeats, a check's two passes do not. */
  static final int SIGHTINGS = 3;

  private static final Object LOCK = new Object();
  private static final Map<RowChunk, Entry> ENTRIES = new WeakHashMap<>(); // RowChunk has identity equality
  private static long clock;
  /** Bytes being converted outside the lock, already counted against the budget. */
  private static long pending;
  private static Double fraction; // null until the Spark setting (or the default) is read, on first use

  private ConvertedChunks() {}

  /** One chunk's conversions; it must not reference the chunk itself (the key is weak). */
  private static final class Entry {
    int sightings;
    long lastUse;
    final List<Converted> converted = new ArrayList<>(2);
  }

  private static final class Converted {
    final Precision precision;
    final PixelScale scale;
    final long bytes;
    final SoftReference<Matrix> matrix;

    Converted(Precision precision, PixelScale scale, long bytes, Matrix matrix) {
      this.precision = precision;
      this.scale = scale;
      this.bytes = bytes;
      this.matrix = new SoftReference<>(matrix);
    }
  }

  /**
   * The chunk's pixels as a {@code width × count} matrix in {@code precision}, converted with {@code
   * scale}; null when the chunk is to be converted block by block (seen for the first time, larger
   * than the budget, or the cache is off). The matrix is shared: read it, never write it.
   */
  public static Matrix columns(RowChunk chunk, Precision precision, PixelScale scale) {
    long budget;
    synchronized (LOCK) {
      budget = budget();
    }
    return columns(chunk, precision, scale, budget);
  }

  /** As {@link #columns(RowChunk, Precision, PixelScale)} within a budget of {@code budget} bytes. */
  static Matrix columns(RowChunk chunk, Precision precision, PixelScale scale, long budget) {
    if (chunk.count == 0) return null;
    long bytes = (long) chunk.count * chunk.width * (precision == Precision.FLOAT64 ? 8 : 4);
    synchronized (LOCK) {
      if (bytes > budget) return null;
      Entry e = ENTRIES.computeIfAbsent(chunk, c -> new Entry());
      long previousUse = e.lastUse;
      e.lastUse = ++clock;
      Matrix held = find(e, precision, scale);
      if (held != null) return held;
      if (++e.sightings < SIGHTINGS || !makeRoom(bytes, budget, e, previousUse)) return null;
      pending += bytes;
    }
    Matrix m = Matrix.zeros(precision, chunk.width, chunk.count); // converted outside the lock: other tasks go on
    m.loadColumns(chunk.pixels, 0, chunk.count, scale);
    synchronized (LOCK) {
      pending -= bytes;
      Entry e = ENTRIES.computeIfAbsent(chunk, c -> new Entry());
      Matrix raced = find(e, precision, scale);
      if (raced != null) return raced;
      e.converted.add(new Converted(precision, scale, bytes, m));
    }
    return m;
  }

  private static Matrix find(Entry e, Precision precision, PixelScale scale) {
    for (Iterator<Converted> it = e.converted.iterator(); it.hasNext(); ) {
      Converted c = it.next();
      Matrix m = c.matrix.get();
      if (m == null) it.remove();
      else if (c.precision == precision && c.scale.pixelMax() == scale.pixelMax()) return m;
    }
    return null;
  }

  /**
   * Whether {@code bytes} more fit the budget, after dropping, least recently used first, the
   * conversions of chunks not used since {@code since} (the newcomer's previous use): what was used in
   * the meantime is as much in use as the newcomer, and taking its place would only make the two
   * chunks evict each other pass after pass. Chunks that were collected free their room by themselves.
   */
  private static boolean makeRoom(long bytes, long budget, Entry newcomer, long since) {
    while (true) {
      long held = pending;
      Entry oldest = null;
      for (Entry e : ENTRIES.values()) {
        e.converted.removeIf(c -> c.matrix.get() == null);
        for (Converted c : e.converted) held += c.bytes;
        if (e != newcomer && !e.converted.isEmpty() && e.lastUse < since
            && (oldest == null || e.lastUse < oldest.lastUse)) {
          oldest = e;
        }
      }
      if (held + bytes <= budget) return true;
      if (oldest == null) return false;
      oldest.converted.clear();
    }
  }

  /** Bytes held now. */
  static long heldBytes() {
    synchronized (LOCK) {
      long held = 0;
      for (Entry e : ENTRIES.values()) {
        for (Converted c : e.converted) {
          if (c.matrix.get() != null) held += c.bytes;
        }
      }
      return held;
    }
  }

  /** Drops every conversion (their chunks stay remembered as seen). */
  static void clear() {
    synchronized (LOCK) {
      for (Entry e : ENTRIES.values()) e.converted.clear();
    }
  }

  private static long budget() {
    if (fraction == null) fraction = configuredFraction();
    return (long) (fraction * Runtime.getRuntime().maxMemory());
  }

  private static double configuredFraction() {
    org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
    if (env == null) return DEFAULT_HEAP_FRACTION;
    return env.conf().getDouble(HEAP_FRACTION_CONF, DEFAULT_HEAP_FRACTION);
  }
}
