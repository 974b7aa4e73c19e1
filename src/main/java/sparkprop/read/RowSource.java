package sparkprop.read;

import sparkprop.rows.RowChunk;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;

/**
 * A dataset that splits into parts which tasks read on their own, straight from the storage: the
 * driver ships only "part p of P", never the rows. Built from metadata alone (headers, listings),
 * so it holds paths, not streams.
 *
 * <p>Contract: the P parts together hold every row exactly once; row ids are stable (they do not
 * depend on P) and ascend within a part and from each part to the next, so part 0 of 1 is the whole
 * dataset in file order.
 */
public interface RowSource extends Serializable {
  /** Pixels per image (m): the model's input width. */
  int pixelsPerImage();

  /** Part {@code part} of {@code parts}, as chunks in ascending row-id order. */
  Iterator<RowChunk> readPart(int part, int parts, Configuration conf);

  /** The data's location, for messages and the report: with a URI's user-info hidden ({@code sparkprop.Secrets}). */
  String location();

  /**
   * What identifies the data read (its format, and every file's name, size, modification time and a
   * digest of some content: {@link DataIdentity}), so that a training run resumes only on the data it
   * began with. By default every file at {@link #location()}; a source that reads fewer names them.
   */
  default DataIdentity identity(Configuration conf) {
    return DataIdentity.ofLocation(getClass().getSimpleName(), location(), conf);
  }

  /**
   * Whether a part can be read without reading what comes before it. A gzip stream cannot: every
   * part would decompress from the start, so such a source is read once and its rows dealt out.
   */
  default boolean splittable() {
    return true;
  }

  /** Number of rows when the metadata alone tells it (headers, listings); -1 when only reading does. */
  default long knownRowCount() {
    return -1;
  }

  /**
   * This source cut to its first {@code n} rows in file order, so that {@code --limit} still spreads
   * its rows over every part; only for sources with a {@link #knownRowCount()}.
   */
  default RowSource firstRows(long n) {
    throw new UnsupportedOperationException(location() + ": row count unknown before reading");
  }
}
