package sparkprop.read;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import sparkprop.rows.RowChunk;

/** One file of a Spark table, open: its columns and row count from its footer, and its rows on demand. */
interface TableFile extends Closeable {
  /** The top-level columns, in schema order. */
  List<TableField> fields();

  /** Rows in the file, from its footer. */
  long rows();

  /**
   * How many pixels row 0 holds in the layout's one features column (a vector's size, an array's or
   * binary's length), counted without holding them; at most {@code limit + 1} is told apart.
   */
  long firstRowWidth(TableLayout layout, int limit) throws IOException;

  /** Rows {@code [from, to)} of the file, in order, as chunks of at most {@code read.perBatch()} rows. */
  void read(TableRead read, long from, long to, Consumer<RowChunk> out) throws IOException;
}
