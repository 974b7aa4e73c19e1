package sparkprop.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.TypeDescription;
import sparkprop.rows.RowChunk;

/**
 * An ORC file of a Spark table, read with orc-core's vectorized reader (on Spark's class path): the
 * footer gives the schema and row count; only the label and pixel columns are decoded, a batch of at
 * most {@value #ORC_BATCH} rows at a time ({@link OrcRows}). ORC has no row-index column: a row's
 * number is its position in the file, found with {@link RecordReader#seekToRow}.
 */
final class OrcTableFile implements TableFile {
  /** Rows ORC decodes at once: its own default. */
  static final int ORC_BATCH = 1024;

  private final Reader reader;
  private final TypeDescription schema;

  private OrcTableFile(Reader reader) {
    this.reader = reader;
    this.schema = reader.getSchema();
  }

  static OrcTableFile open(String file, Configuration conf) throws IOException {
    return new OrcTableFile(OrcFile.createReader(new Path(file), OrcFile.readerOptions(conf)));
  }

  @Override
  public List<TableField> fields() {
    List<TableField> out = new ArrayList<>();
    List<String> names = schema.getFieldNames();
    for (int i = 0; i < names.size(); i++) {
      TypeDescription t = schema.getChildren().get(i);
      out.add(new TableField(names.get(i), kind(t), t.toString()));
    }
    return out;
  }

  @Override
  public long rows() {
    return reader.getNumberOfRows();
  }

  @Override
  public long firstRowWidth(TableLayout layout, int limit) throws IOException {
    try (RecordReader rows = reader.rows(options(layout))) {
      VectorizedRowBatch batch = schema.createRowBatch(1);
      if (!rows.nextBatch(batch) || batch.size == 0) throw new IllegalStateException("no rows");
      return new OrcRows(batch, schema, layout).firstRowWidth();
    }
  }

  @Override
  public void read(TableRead read, long from, long to, Consumer<RowChunk> out) throws IOException {
    if (from >= to) return;
    try (RecordReader rows = reader.rows(options(read.layout()))) {
      rows.seekToRow(from);
      VectorizedRowBatch orc = schema.createRowBatch((int) Math.min(ORC_BATCH, read.perBatch()));
      OrcRows columns = new OrcRows(orc, schema, read.layout());
      for (long r = from; r < to; ) {
        TableBatch batch = new TableBatch(read, r, (int) Math.min(read.perBatch(), to - r));
        int filled = 0;
        while (filled < batch.count) {
          orc.reset();
          if (!rows.nextBatch(orc) || orc.size == 0) {
            throw new IllegalStateException(read.file() + ": ended at row " + (r + filled) + " of " + rows());
          }
          int take = Math.min(orc.size, batch.count - filled);
          columns.readInto(batch, filled, take);
          filled += take;
        }
        out.accept(batch.chunk(batch.count));
        r += batch.count;
      }
    }
  }

  /** Reads only the label's and the pixels' columns (with all their children). */
  private Reader.Options options(TableLayout layout) {
    boolean[] include = new boolean[schema.getMaximumId() + 1];
    include[0] = true;
    List<String> wanted = new ArrayList<>(List.of(layout.pixelColumns));
    wanted.add(layout.label);
    for (String name : wanted) {
      TypeDescription t = schema.getChildren().get(schema.getFieldNames().indexOf(name));
      for (int id = t.getId(); id <= t.getMaximumId(); id++) include[id] = true;
    }
    return reader.options().include(include);
  }

  static TableFieldKind kind(TypeDescription t) {
    switch (t.getCategory()) {
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
        return TableFieldKind.INTEGRAL;
      case FLOAT:
      case DOUBLE:
        return TableFieldKind.FLOATING;
      case BINARY:
        return TableFieldKind.BINARY;
      case LIST:
        return kind(t.getChildren().get(0)).numeric() ? TableFieldKind.NUMERIC_ARRAY : TableFieldKind.OTHER;
      case STRUCT:
        return isVector(t) ? TableFieldKind.VECTOR : TableFieldKind.OTHER;
      default:
        return TableFieldKind.OTHER;
    }
  }

  private static boolean isVector(TypeDescription t) {
    List<String> names = t.getFieldNames();
    if (!names.equals(List.of(TableFieldKind.VECTOR_FIELDS))) return false;
    List<TypeDescription> c = t.getChildren();
    return kind(c.get(0)) == TableFieldKind.INTEGRAL && kind(c.get(1)) == TableFieldKind.INTEGRAL
        && kind(c.get(2)) == TableFieldKind.NUMERIC_ARRAY && kind(c.get(2).getChildren().get(0)) == TableFieldKind.INTEGRAL
        && kind(c.get(3)) == TableFieldKind.NUMERIC_ARRAY;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
