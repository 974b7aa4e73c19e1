package sparkprop.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import sparkprop.rows.RowChunk;

/**
 * A Parquet file of a Spark table, read with parquet-hadoop's own reader (on Spark's class path): the
 * footer gives the schema and row groups; a row group's projected column chunks are read into memory
 * (so a task holds at most one row group of the columns it reads, as Spark does) and decoded value by
 * value into grey bytes ({@link ParquetLeaf}, {@link ParquetRows}).
 */
final class ParquetTableFile implements TableFile {
  private final ParquetFileReader reader;
  private final MessageType schema;
  private final String createdBy;

  private ParquetTableFile(ParquetFileReader reader) {
    this.reader = reader;
    this.schema = reader.getFooter().getFileMetaData().getSchema();
    this.createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
  }

  static ParquetTableFile open(String file, Configuration conf) throws IOException {
    return new ParquetTableFile(ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf)));
  }

  @Override
  public List<TableField> fields() {
    List<TableField> out = new ArrayList<>();
    for (Type t : schema.getFields()) out.add(new TableField(t.getName(), kind(t), describe(t)));
    return out;
  }

  @Override
  public long rows() {
    return reader.getRecordCount();
  }

  @Override
  public long firstRowWidth(TableLayout layout, int limit) throws IOException {
    List<BlockMetaData> groups = reader.getRowGroups();
    for (int g = 0; g < groups.size(); g++) {
      if (groups.get(g).getRowCount() > 0) return rowsOf(layout, g).firstRowWidth(limit);
    }
    throw new IllegalStateException("no rows");
  }

  @Override
  public void read(TableRead read, long from, long to, Consumer<RowChunk> out) throws IOException {
    List<BlockMetaData> groups = reader.getRowGroups();
    int perBatch = read.perBatch();
    long start = 0;
    for (int g = 0; g < groups.size() && start < to; g++) {
      long end = start + groups.get(g).getRowCount();
      if (end > from) {
        ParquetRows rows = rowsOf(read.layout(), g);
        long a = Math.max(from, start) - start;
        long b = Math.min(to, end) - start;
        for (long r = 0; r < a; r += perBatch) { // rows before the part's first, in this row group: read past
          rows.readInto(new TableBatch(read, start + r, (int) Math.min(perBatch, a - r)));
        }
        for (long r = a; r < b; r += perBatch) {
          TableBatch batch = new TableBatch(read, start + r, (int) Math.min(perBatch, b - r));
          rows.readInto(batch);
          out.accept(batch.chunk(batch.count));
        }
      }
      start = end;
    }
  }

  /** Row group {@code g}'s columns that {@code layout} reads, positioned at its first row. */
  private ParquetRows rowsOf(TableLayout layout, int g) throws IOException {
    List<Type> wanted = new ArrayList<>();
    wanted.add(schema.getType(layout.label));
    for (String c : layout.pixelColumns) wanted.add(schema.getType(c));
    MessageType requested = new MessageType(schema.getName(), wanted);
    reader.setRequestedSchema(requested);
    PageReadStore pages = reader.readRowGroup(g);
    ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new GroupRecordConverter(requested).getRootConverter(),
        requested, createdBy);
    return new ParquetRows(store, requested, layout);
  }

  /** The path of names from a column down to its first leaf: {@code [values, list, element]}. */
  static String[] leafPath(GroupType parent, String... names) {
    List<String> path = new ArrayList<>(List.of(names));
    Type t = parent;
    for (String n : names) t = t.asGroupType().getType(n);
    while (!t.isPrimitive()) {
      t = t.asGroupType().getType(0);
      path.add(t.getName());
    }
    return path.toArray(new String[0]);
  }

  static TableFieldKind kind(Type t) {
    if (t.isPrimitive()) {
      return t.isRepetition(Type.Repetition.REPEATED) ? TableFieldKind.OTHER : primitiveKind(t.asPrimitiveType());
    }
    GroupType g = t.asGroupType();
    if (isVector(g)) return TableFieldKind.VECTOR;
    Type element = listElement(g);
    return element != null && element.isPrimitive() && primitiveKind(element.asPrimitiveType()).numeric()
        ? TableFieldKind.NUMERIC_ARRAY : TableFieldKind.OTHER;
  }

  private static boolean isVector(GroupType g) {
    if (g.getFieldCount() != TableFieldKind.VECTOR_FIELDS.length) return false;
    for (String f : TableFieldKind.VECTOR_FIELDS) if (!g.containsField(f)) return false;
    Type type = g.getType("type");
    Type size = g.getType("size");
    Type indices = listElement(g.getType("indices"));
    Type values = listElement(g.getType("values"));
    return type.isPrimitive() && primitiveKind(type.asPrimitiveType()) == TableFieldKind.INTEGRAL
        && size.isPrimitive() && primitiveKind(size.asPrimitiveType()) == TableFieldKind.INTEGRAL
        && indices != null && indices.isPrimitive() && primitiveKind(indices.asPrimitiveType()) == TableFieldKind.INTEGRAL
        && values != null && values.isPrimitive() && primitiveKind(values.asPrimitiveType()).numeric();
  }

  /** The element of a list (3-level {@code LIST} group or the 2-level legacy form), or null. */
  private static Type listElement(Type t) {
    if (t.isPrimitive()) return null;
    GroupType g = t.asGroupType();
    if (g.getFieldCount() != 1) return null;
    Type repeated = g.getType(0);
    if (!repeated.isRepetition(Type.Repetition.REPEATED)) return null;
    if (repeated.isPrimitive()) return repeated;
    GroupType r = repeated.asGroupType();
    return r.getFieldCount() == 1 ? r.getType(0) : null;
  }

  private static TableFieldKind primitiveKind(PrimitiveType p) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case INT32:
      case INT64:
        return a == null || a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation
            ? TableFieldKind.INTEGRAL : TableFieldKind.OTHER;
      case FLOAT:
      case DOUBLE:
        return TableFieldKind.FLOATING;
      case BINARY:
        return a == null ? TableFieldKind.BINARY : TableFieldKind.OTHER;
      default:
        return TableFieldKind.OTHER;
    }
  }

  private static String describe(Type t) {
    String s = t.toString().replaceAll("\\s+", " ").trim();
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
