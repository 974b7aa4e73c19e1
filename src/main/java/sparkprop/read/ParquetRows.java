package sparkprop.read;

import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * The rows of one Parquet row group in a {@link TableLayout}: one {@link ParquetLeaf} per leaf column
 * read (the label; the pixel columns, or the features column's leaves), each advancing row by row.
 * MLlib's vector is {@code struct<type, size, indices, values>}: type 1 is dense (values hold every
 * pixel; size and indices null), type 0 sparse (size pixels, values at the given indices, zeros
 * elsewhere).
 */
final class ParquetRows {
  private static final int SPARSE = 0;
  private static final int DENSE = 1;

  private final TableLayout layout;
  private final ParquetLeaf label;
  /** Per pixel column, or the features column's one leaf (array element, binary, vector values). */
  private final ParquetLeaf[] pixels;
  private final ParquetLeaf type;
  private final ParquetLeaf size;
  private final ParquetLeaf indices;
  /** A sparse row's indices. */
  private int[] at = new int[0];

  ParquetRows(ColumnReadStore store, MessageType schema, TableLayout layout) {
    this.layout = layout;
    this.label = new ParquetLeaf(store, schema, layout.label);
    String f = layout.pixelColumns[0];
    if (layout.columnPerPixel()) {
      pixels = new ParquetLeaf[layout.pixelColumns.length];
      for (int j = 0; j < pixels.length; j++) pixels[j] = new ParquetLeaf(store, schema, layout.pixelColumns[j]);
    } else if (layout.features == TableFieldKind.VECTOR) {
      pixels = new ParquetLeaf[] {new ParquetLeaf(store, schema, ParquetTableFile.leafPath(schema, f, "values"))};
    } else {
      pixels = new ParquetLeaf[] {new ParquetLeaf(store, schema, ParquetTableFile.leafPath(schema, f))};
    }
    boolean vector = layout.features == TableFieldKind.VECTOR;
    type = vector ? new ParquetLeaf(store, schema, f, "type") : null;
    size = vector ? new ParquetLeaf(store, schema, f, "size") : null;
    indices = vector ? new ParquetLeaf(store, schema, ParquetTableFile.leafPath(schema, f, "indices")) : null;
  }

  /** Reads the batch's rows, the next ones of the row group. */
  void readInto(TableBatch batch) {
    for (int r = 0; r < batch.count; r++) {
      double v = label.scalar();
      if (label.wasNull) throw batch.nullValue(r, layout.label);
      batch.label(r, v);
    }
    if (layout.columnPerPixel()) {
      for (int j = 0; j < pixels.length; j++) { // column by column: each leaf's values are contiguous
        ParquetLeaf leaf = pixels[j];
        for (int r = 0; r < batch.count; r++) {
          double v = leaf.scalar();
          if (leaf.wasNull) throw batch.nullValue(r, layout.pixelColumns[j]);
          batch.pixel(r, j, v);
        }
      }
      return;
    }
    for (int r = 0; r < batch.count; r++) {
      switch (layout.features) {
        case BINARY -> binary(batch, r);
        case NUMERIC_ARRAY -> dense(batch, r);
        default -> vector(batch, r);
      }
    }
  }

  private void binary(TableBatch batch, int r) {
    Binary b = pixels[0].binary();
    if (b == null) throw batch.nullValue(r, layout.pixelColumns[0]);
    batch.checkLength(r, b.length());
    byte[] bytes = b.getBytesUnsafe();
    for (int j = 0; j < bytes.length; j++) batch.pixelByte(r, j, bytes[j]);
  }

  /** Row r's values list, every pixel in order. */
  private void dense(TableBatch batch, int r) {
    String column = layout.pixelColumns[0];
    long n = pixels[0].pixels(batch, r, column);
    if (n == ParquetLeaf.NULL) throw batch.nullValue(r, column);
    batch.checkLength(r, n);
  }

  private void vector(TableBatch batch, int r) {
    String column = layout.pixelColumns[0];
    double t = type.scalar();
    if (type.wasNull) throw batch.nullValue(r, column);
    double s = size.scalar();
    if (t == DENSE) {
      indices.list(0, (k, v, isNull) -> {});
      dense(batch, r);
    } else if (t == SPARSE) {
      if (size.wasNull) throw batch.bad(r, column, "sparse vector without a size");
      batch.checkSize(r, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s)));
      if (at.length < batch.width) at = new int[batch.width];
      long n = indices.list(batch.width, (k, v, isNull) -> {
        if (isNull) throw batch.bad(r, column, "sparse vector index " + k + ": null");
        batch.checkIndex(r, k, (int) v);
        at[k] = (int) v;
      });
      long m = pixels[0].list(batch.width, (k, v, isNull) -> {
        if (isNull) throw batch.bad(r, column, "element " + k + ": null");
        batch.pixel(r, at[k], v);
      });
      if (n == ParquetLeaf.NULL || m == ParquetLeaf.NULL || n != m || n > batch.width) {
        throw batch.bad(r, column, "sparse vector of " + (n < 0 ? "null" : n) + " indices and "
            + (m < 0 ? "null" : m) + " values: expected as many of each, at most its size " + batch.width);
      }
    } else {
      throw batch.bad(r, column, "vector type " + t + ": expected 0 (sparse) or 1 (dense), as MLlib's VectorUDT");
    }
  }

  /** How many pixels the row group's first row holds in its features column (see {@link TableFile#firstRowWidth}). */
  long firstRowWidth(int limit) {
    switch (layout.features) {
      case BINARY: {
        Binary b = pixels[0].binary();
        return b == null ? -1 : b.length();
      }
      case NUMERIC_ARRAY:
        return pixels[0].list(0, (k, v, isNull) -> {});
      default: {
        double t = type.scalar();
        double s = size.scalar();
        if (t == SPARSE && !size.wasNull) return (long) s;
        indices.list(0, (k, v, isNull) -> {});
        return pixels[0].list(0, (k, v, isNull) -> {});
      }
    }
  }
}
