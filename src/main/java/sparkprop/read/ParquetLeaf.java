package sparkprop.read;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One leaf column of a Parquet row group read row by row, straight from its pages (Dremel levels): a
 * value is present when its definition level is the column's maximum; in a list, an entry with
 * repetition level 0 starts a row, and a definition level below the repeated node's says the list is
 * empty (one below) or null (further below).
 */
final class ParquetLeaf {
  /** What a row's list held: entries, or nothing at all. */
  static final int NULL = -1;

  private final ColumnReader reader;
  private final PrimitiveType.PrimitiveTypeName type;
  private final boolean unsigned32;
  private final int maxDef;
  /** The definition level at which the repeated node is there: an entry exists at or above it. */
  private final int entryDef;
  private final long total;
  private long consumed;

  ParquetLeaf(ColumnReadStore store, MessageType schema, String... path) {
    ColumnDescriptor d = schema.getColumnDescription(path);
    this.reader = store.getColumnReader(d);
    PrimitiveType p = d.getPrimitiveType();
    this.type = p.getPrimitiveTypeName();
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    this.unsigned32 = a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()
        && type == PrimitiveType.PrimitiveTypeName.INT32;
    this.maxDef = d.getMaxDefinitionLevel();
    int def = 0;
    int entry = maxDef;
    Type t = schema;
    for (String name : path) {
      t = t.asGroupType().getType(name);
      if (!t.isRepetition(Type.Repetition.REQUIRED)) def++;
      if (t.isRepetition(Type.Repetition.REPEATED)) entry = def;
    }
    this.entryDef = entry;
    this.total = reader.getTotalValueCount();
  }

  /** The next row's value, or NaN with {@link #wasNull} set when it is null. */
  double scalar() {
    wasNull = reader.getCurrentDefinitionLevel() < maxDef;
    double v = wasNull ? Double.NaN : value();
    next();
    return v;
  }

  /** Whether the last {@link #scalar()} was null. */
  boolean wasNull;

  /** The next row's bytes (a binary column), or null. */
  Binary binary() {
    Binary b = reader.getCurrentDefinitionLevel() < maxDef ? null : reader.getBinary();
    next();
    return b;
  }

  /** Receives the entries of a row's list. */
  interface Entries {
    /** Entry {@code k} is {@code v}, or null when {@code isNull}. */
    void entry(int k, double v, boolean isNull);
  }

  /**
   * Reads the next row's list, giving its first {@code limit} entries to {@code out} (the rest are
   * consumed and counted, never held), and returns how many entries it had, or {@link #NULL}.
   */
  long list(int limit, Entries out) {
    int def = reader.getCurrentDefinitionLevel();
    if (def < entryDef) {
      next();
      return def < entryDef - 1 ? NULL : 0;
    }
    long n = 0;
    do {
      boolean isNull = reader.getCurrentDefinitionLevel() < maxDef;
      if (n < limit) out.entry((int) n, isNull ? Double.NaN : value(), isNull);
      n++;
      next();
    } while (consumed < total && reader.getCurrentRepetitionLevel() > 0);
    return n;
  }

  /**
   * Reads the next row's list as row {@code r}'s pixels in order (a dense vector's values, an array),
   * its first {@code batch.width} entries written, the rest counted; returns the count or {@link #NULL}.
   * The loop of {@link #list} specialised to the column's type, without a call per value.
   */
  long pixels(TableBatch batch, int r, String column) {
    int def = reader.getCurrentDefinitionLevel();
    if (def < entryDef) {
      next();
      return def < entryDef - 1 ? NULL : 0;
    }
    int limit = batch.width;
    long n = 0;
    do {
      if (reader.getCurrentDefinitionLevel() < maxDef) throw batch.bad(r, column, "element " + n + ": null");
      if (n < limit) {
        switch (type) {
          case DOUBLE -> batch.pixel(r, (int) n, reader.getDouble());
          case FLOAT -> batch.pixel(r, (int) n, reader.getFloat());
          case INT32 -> batch.pixel(r, (int) n, unsigned32 ? Integer.toUnsignedLong(reader.getInteger()) : reader.getInteger());
          default -> batch.pixel(r, (int) n, value());
        }
      }
      n++;
      next();
    } while (consumed < total && reader.getCurrentRepetitionLevel() > 0);
    return n;
  }

  private void next() {
    reader.consume();
    consumed++;
  }

  private double value() {
    switch (type) {
      case INT32:
        return unsigned32 ? Integer.toUnsignedLong(reader.getInteger()) : reader.getInteger();
      case INT64:
        return reader.getLong();
      case FLOAT:
        return reader.getFloat();
      case DOUBLE:
        return reader.getDouble();
      default:
        throw new IllegalStateException("not a number: " + type);
    }
  }
}
