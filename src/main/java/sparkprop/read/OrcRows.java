package sparkprop.read;

import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.TypeDescription;

/**
 * The rows of one ORC batch in a {@link TableLayout}, from its column vectors: longs for integral
 * columns, doubles for floating ones, offsets and lengths into a child vector for arrays; MLlib's vector
 * is a struct of type, size, indices and values as in {@link ParquetRows}. A vector marked repeating
 * holds one value for every row.
 */
final class OrcRows {
  private static final int SPARSE = 0;
  private static final int DENSE = 1;

  private final TableLayout layout;
  private final ColumnVector label;
  private final ColumnVector[] pixels;

  OrcRows(VectorizedRowBatch batch, TypeDescription schema, TableLayout layout) {
    this.layout = layout;
    this.label = batch.cols[schema.getFieldNames().indexOf(layout.label)];
    this.pixels = new ColumnVector[layout.pixelColumns.length];
    for (int j = 0; j < pixels.length; j++) pixels[j] = batch.cols[schema.getFieldNames().indexOf(layout.pixelColumns[j])];
  }

  /** Reads the ORC batch's first {@code take} rows into {@code batch}'s rows from {@code offset}. */
  void readInto(TableBatch batch, int offset, int take) {
    for (int i = 0; i < take; i++) {
      int r = offset + i;
      if (isNull(label, i)) throw batch.nullValue(r, layout.label);
      batch.label(r, number(label, i));
      if (layout.columnPerPixel()) {
        for (int j = 0; j < pixels.length; j++) {
          if (isNull(pixels[j], i)) throw batch.nullValue(r, layout.pixelColumns[j]);
          batch.pixel(r, j, number(pixels[j], i));
        }
        continue;
      }
      ColumnVector f = pixels[0];
      if (isNull(f, i)) throw batch.nullValue(r, layout.pixelColumns[0]);
      switch (layout.features) {
        case BINARY -> binary(batch, r, (BytesColumnVector) f, row(f, i));
        case NUMERIC_ARRAY -> dense(batch, r, (ListColumnVector) f, row(f, i));
        default -> vector(batch, r, (StructColumnVector) f, row(f, i));
      }
    }
  }

  private void binary(TableBatch batch, int r, BytesColumnVector b, int i) {
    batch.checkLength(r, b.length[i]);
    for (int j = 0; j < b.length[i]; j++) batch.pixelByte(r, j, b.vector[i][b.start[i] + j]);
  }

  private void dense(TableBatch batch, int r, ListColumnVector list, int i) {
    batch.checkLength(r, list.lengths[i]);
    int from = (int) list.offsets[i];
    ColumnVector child = list.child;
    if (child.noNulls && !child.isRepeating) { // the usual case, without a test and a type check per value
      if (child instanceof DoubleColumnVector d) {
        for (int k = 0; k < list.lengths[i]; k++) batch.pixel(r, k, d.vector[from + k]);
        return;
      }
      if (child instanceof LongColumnVector l) {
        for (int k = 0; k < list.lengths[i]; k++) batch.pixel(r, k, l.vector[from + k]);
        return;
      }
    }
    for (int k = 0; k < list.lengths[i]; k++) {
      if (isNull(list.child, from + k)) throw batch.bad(r, layout.pixelColumns[0], "element " + k + ": null");
      batch.pixel(r, k, number(list.child, from + k));
    }
  }

  private void vector(TableBatch batch, int r, StructColumnVector v, int i) {
    String column = layout.pixelColumns[0];
    ColumnVector type = v.fields[0];
    ColumnVector size = v.fields[1];
    ListColumnVector indices = (ListColumnVector) v.fields[2];
    ListColumnVector values = (ListColumnVector) v.fields[3];
    if (isNull(type, i)) throw batch.nullValue(r, column);
    double t = number(type, i);
    if (isNull(values, i)) throw batch.bad(r, column, "vector without values");
    if (t == DENSE) {
      dense(batch, r, values, row(values, i));
    } else if (t == SPARSE) {
      if (isNull(size, i)) throw batch.bad(r, column, "sparse vector without a size");
      double s = number(size, i);
      batch.checkSize(r, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s)));
      int ii = row(indices, i);
      int vi = row(values, i);
      long n = isNull(indices, i) ? -1 : indices.lengths[ii];
      if (n != values.lengths[vi] || n > batch.width) {
        throw batch.bad(r, column, "sparse vector of " + (n < 0 ? "null" : n) + " indices and " + values.lengths[vi]
            + " values: expected as many of each, at most its size " + batch.width);
      }
      for (int k = 0; k < n; k++) {
        int at = (int) indices.offsets[ii] + k;
        int val = (int) values.offsets[vi] + k;
        if (isNull(indices.child, at)) throw batch.bad(r, column, "sparse vector index " + k + ": null");
        if (isNull(values.child, val)) throw batch.bad(r, column, "element " + k + ": null");
        double index = number(indices.child, at);
        batch.checkIndex(r, k, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, index)));
        batch.pixel(r, (int) index, number(values.child, val));
      }
    } else {
      throw batch.bad(r, column, "vector type " + t + ": expected 0 (sparse) or 1 (dense), as MLlib's VectorUDT");
    }
  }

  /** How many pixels the batch's first row holds (see {@link TableFile#firstRowWidth}); -1 when null. */
  long firstRowWidth() {
    ColumnVector f = pixels[0];
    if (isNull(f, 0)) return -1;
    int i = row(f, 0);
    switch (layout.features) {
      case BINARY:
        return ((BytesColumnVector) f).length[i];
      case NUMERIC_ARRAY:
        return ((ListColumnVector) f).lengths[i];
      default: {
        StructColumnVector v = (StructColumnVector) f;
        boolean sparse = !isNull(v.fields[0], i) && number(v.fields[0], i) == SPARSE && !isNull(v.fields[1], i);
        if (sparse) return (long) number(v.fields[1], i);
        ListColumnVector values = (ListColumnVector) v.fields[3];
        return isNull(values, i) ? -1 : values.lengths[row(values, i)];
      }
    }
  }

  /** The index holding row i's value: 0 in a vector marked repeating. */
  private static int row(ColumnVector c, int i) {
    return c.isRepeating ? 0 : i;
  }

  private static boolean isNull(ColumnVector c, int i) {
    return !c.noNulls && c.isNull[row(c, i)];
  }

  private static double number(ColumnVector c, int i) {
    int at = row(c, i);
    if (c instanceof LongColumnVector l) return l.vector[at];
    return ((DoubleColumnVector) c).vector[at];
  }
}
