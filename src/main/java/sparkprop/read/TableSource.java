package sparkprop.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;
import sparkprop.rows.RowChunk;

/**
 * A Spark table — Parquet or ORC files, as a pipeline's {@code df.write} leaves them — as rows: the
 * label column and the pixels ({@link TableLayout}), read by the tasks straight from the files with
 * the format's own reader ({@link ParquetTableFile}, {@link OrcTableFile}).
 *
 * <p>Row ids are as stable as IDX's: the files in path order, the rows of each in file order, a row's
 * id its file's first id (the rows of every file before it, from the footers) plus its row number in
 * the file. Part p of P is the id range {@code [⌊p·N/P⌋, ⌊(p+1)·N/P⌋)}, so the same digits as IDX and
 * as a table get the same ids and the same parts, and --limit, --split and the mini-batch hash pick the
 * same rows.
 *
 * <p>{@link #open} reads only footers (every file's, on the driver) and the first row's features
 * column (for m); every file must have the first one's layout. Memory is decided before allocating: m
 * is at most {@link PngFolderSource#MAX_PIXELS}, a row holding another number of pixels is refused
 * before its extra values are held, chunks hold at most {@link IdxDataset#MAX_CHUNK_BYTES} of pixels,
 * and a task holds one Parquet row group (or one ORC batch of {@value OrcTableFile#ORC_BATCH} rows)
 * of the columns it reads.
 */
public final class TableSource implements RowSource {
  private static final long serialVersionUID = 1L;

  private final DataFormat format;
  private final String root;
  private final String[] files;
  /** firstIds[f]: the id of file f's row 0; firstIds[files.length]: every row. */
  private final long[] firstIds;
  /** Rows in use: the first {@code used} ({@link #firstRows}). */
  private final long used;
  private final TableLayout layout;
  private final int width;
  private final double pixelMax;

  private TableSource(DataFormat format, String root, String[] files, long[] firstIds, long used, TableLayout layout,
      int width, double pixelMax) {
    this.format = format;
    this.root = root;
    this.files = files;
    this.firstIds = firstIds;
    this.used = used;
    this.layout = layout;
    this.width = width;
    this.pixelMax = pixelMax;
  }

  /**
   * Opens the table at {@code location} from its files' footers.
   *
   * @param format {@link DataFormat#PARQUET} or {@link DataFormat#ORC}
   * @throws BadInputException naming the file if a column is missing or mistyped, the files disagree,
   *     or the first row's features are null or wider than {@link PngFolderSource#MAX_PIXELS}
   */
  public static TableSource open(String location, DataFormat format, TableColumns columns, double pixelMax,
      Configuration conf) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf);
      TableListing listing = TableListing.of(fs, path, location, format);
      List<FileStatus> found = listing.files();
      String[] files = new String[found.size()];
      long[] firstIds = new long[files.length + 1];
      TableLayout layout = null;
      int width = -1;
      for (int f = 0; f < files.length; f++) {
        files[f] = found.get(f).getPath().toString();
        try (TableFile file = openFile(format, files[f], conf)) {
          TableLayout l = TableLayout.of(files[f], file.fields(), columns, listing.partitionColumns());
          if (layout != null && !Arrays.equals(l.pixelColumns, layout.pixelColumns) || layout != null && l.features != layout.features) {
            throw BadInputException.inFile(files[f], "its columns differ from those of " + files[0] + ": pixels from "
                + l + " there, " + layout + " in the first file");
          }
          layout = l;
          firstIds[f + 1] = firstIds[f] + file.rows();
          if (width < 0 && file.rows() > 0) width = width(files[f], file, l);
        }
      }
      if (width < 0) throw BadInputException.inFile(listing.root(), "holds no rows (nothing to compute a gradient on)");
      String where = files.length == 1 ? files[0] : listing.root();
      return new TableSource(format, where, files, firstIds, firstIds[files.length], layout, width, pixelMax);
    } catch (IOException e) {
      throw new UncheckedIOException(location + ": " + e.getMessage(), e);
    }
  }

  /** m: the number of pixel columns, or the first row's number of pixels (never more than MAX_PIXELS). */
  private static int width(String file, TableFile table, TableLayout layout) throws IOException {
    long m = layout.columnPerPixel() ? layout.pixelColumns.length
        : table.firstRowWidth(layout, PngFolderSource.MAX_PIXELS);
    String column = layout.pixelColumns[0];
    if (m < 0) throw BadInputException.inFile(file, "row 0: column " + column + ": null");
    if (m == 0) throw BadInputException.inFile(file, "row 0: column " + column + ": no pixels");
    if (m > PngFolderSource.MAX_PIXELS) {
      throw BadInputException.inFile(file, "row 0: column " + column + ": " + m + " pixels, more than the "
          + PngFolderSource.MAX_PIXELS + " an image may have");
    }
    return (int) m;
  }

  static TableFile openFile(DataFormat format, String file, Configuration conf) throws IOException {
    return format == DataFormat.ORC ? OrcTableFile.open(file, conf) : ParquetTableFile.open(file, conf);
  }

  @Override
  public Iterator<RowChunk> readPart(int part, int parts, Configuration conf) {
    if (part < 0 || part >= parts) throw new IllegalArgumentException("part " + part + " of " + parts);
    long from = used * part / parts;
    long to = used * (part + 1) / parts;
    int perBatch = TableRead.perBatch(width);
    ChunkCutter chunks = new ChunkCutter(width, perBatch, new ArrayList<>());
    for (int f = 0; f < files.length && firstIds[f] < to; f++) {
      if (firstIds[f + 1] <= from) continue;
      TableRead read = new TableRead(files[f], layout, pixelMax, width, firstIds[f], perBatch);
      try (TableFile file = openFile(format, files[f], conf)) {
        file.read(read, Math.max(from, firstIds[f]) - firstIds[f], Math.min(to, firstIds[f + 1]) - firstIds[f], chunks);
      } catch (IOException e) {
        throw new UncheckedIOException(files[f] + ": " + e.getMessage(), e);
      }
    }
    return chunks.done().iterator();
  }

  @Override
  public int pixelsPerImage() {
    return width;
  }

  @Override
  public long knownRowCount() {
    return used;
  }

  /** The first {@code n} rows in file order (ids unchanged). */
  @Override
  public TableSource firstRows(long n) {
    return new TableSource(format, root, files, firstIds, Math.max(0, Math.min(n, used)), layout, width, pixelMax);
  }

  @Override
  public String location() {
    return sparkprop.Secrets.hide(root);
  }

  /** The table's files, in row order. */
  @Override
  public DataIdentity identity(Configuration conf) {
    String folder = files.length == 1 ? new Path(files[0]).getParent().toString() : root;
    return DataIdentity.ofPaths(format.label(), folder, List.of(files), conf);
  }

  @Override
  public String toString() {
    return "TableSource[" + format.label() + ", " + used + " rows of " + width + " pixels from " + layout + ", "
        + files.length + " file(s), " + root + "]";
  }
}
