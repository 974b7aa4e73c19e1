package sparkprop.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * Opens a dataset in any of the {@link DataFormat}s, given a path or URI that Hadoop's
 * {@link FileSystem} reaches (a local path, {@code file:}, {@code hdfs://}, {@code s3a://}, …),
 * finding the format from what is there unless told:
 *
 * <ul>
 *   <li>a folder holding {@code *images-idx3-ubyte[.gz]} / {@code *labels-idx1-ubyte[.gz]} files: IDX;
 *   <li>a folder with subfolders of {@code .png} images: PNG (the subfolders must be named 0–9);
 *   <li>a {@code .csv} file, or a folder holding {@code .csv} files: CSV;
 *   <li>a {@code .libsvm} or {@code .svm} file, a {@code .txt} file or a file of any other name whose
 *       first line reads {@code label index:value …}, or a folder of such files: LibSVM;
 *   <li>a file of another name whose first line starts {@code label,}: CSV;
 *   <li>a {@code .parquet} or {@code .orc} file, or a folder holding such files (in it or in its
 *       partition folders {@code name=value/}), as a Spark pipeline writes a table: Parquet or ORC.
 * </ul>
 *
 * Anything else is bad input that lists what was found. Only listings and first lines are read
 * here, on the driver; the rows are read by the tasks, part by part.
 */
public final class RowSources {
  /** Value of a white pixel in text formats unless told: 255. */
  public static final double DEFAULT_PIXEL_MAX = 255;

  private static final int SNIFF = 1 << 16;
  private static final int MAX_SUBFOLDERS_LOOKED_AT = 20;

  private RowSources() {}

  /**
   * Opens {@code location} with LibSVM rows of {@link LibSvmSource#DEFAULT_PIXELS} pixels.
   *
   * @see #open(String, DataFormat, double, int, Configuration)
   */
  public static RowSource open(String location, DataFormat format, double pixelMax, Configuration conf) {
    return open(location, format, pixelMax, LibSvmSource.DEFAULT_PIXELS, conf);
  }

  /**
   * Opens the dataset at {@code location}.
   *
   * @param format the format, or null to detect it
   * @param pixelMax the value of a white pixel in CSV and LibSVM text (255 or 1, say); IDX and PNG
   *     pixels are bytes, so for them it must be 255
   * @param libSvmPixels pixels per LibSVM row (LibSVM does not say)
   * @throws BadInputException if the format cannot be told, or the data is bad in a way its headers
   *     or listing show
   */
  public static RowSource open(String location, DataFormat format, double pixelMax, int libSvmPixels,
      Configuration conf) {
    return open(location, format, pixelMax, libSvmPixels, TableColumns.DEFAULT, conf);
  }

  /**
   * Opens the dataset at {@code location}, a table's pixels and label taken from {@code columns}.
   *
   * @see #open(String, DataFormat, double, int, Configuration)
   */
  public static RowSource open(String location, DataFormat format, double pixelMax, TableColumns columns,
      Configuration conf) {
    return open(location, format, pixelMax, LibSvmSource.DEFAULT_PIXELS, columns, conf);
  }

  private static RowSource open(String location, DataFormat format, double pixelMax, int libSvmPixels,
      TableColumns columns, Configuration conf) {
    TextSource.checkPixelMax(pixelMax);
    DataFormat f = format != null ? format : detect(location, conf);
    if ((f == DataFormat.IDX || f == DataFormat.PNG) && pixelMax != DEFAULT_PIXEL_MAX) {
      throw new BadInputException("--pixel-max " + TextSource.format(pixelMax) + ": " + f.label()
          + " pixels are bytes 0-255; --pixel-max applies to csv, libsvm, parquet and orc values only");
    }
    if (!f.table() && !columns.equals(TableColumns.DEFAULT)) {
      throw new BadInputException("--features-col/--label-col: " + location + " is " + f.label()
          + " data; they name the columns of a parquet or orc table");
    }
    switch (f) {
      case IDX:
        return IdxDataset.open(location, conf);
      case PNG:
        return PngFolderSource.open(location, conf);
      case CSV:
        return CsvSource.open(location, pixelMax, conf);
      case LIBSVM:
        return LibSvmSource.open(location, libSvmPixels, pixelMax, conf);
      case PARQUET:
      case ORC:
        return TableSource.open(location, f, columns, pixelMax, conf);
      default:
        throw new IllegalStateException(f.toString());
    }
  }

  /**
   * The format of the data at {@code location}, from its listing and first lines (see the class
   * comment).
   *
   * @throws BadInputException if nothing is there or no format fits, listing what was found
   */
  public static DataFormat detect(String location, Configuration conf) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus status = Listing.status(fs, path, location);
      return status.isFile() ? detectFile(fs, status, location) : detectFolder(fs, status, location);
    } catch (IOException e) {
      throw new UncheckedIOException(location + ": " + e.getMessage(), e);
    }
  }

  private static DataFormat detectFile(FileSystem fs, FileStatus file, String location) throws IOException {
    String name = file.getPath().getName();
    if (isIdx(name)) {
      if (name.contains(IdxDataset.IMAGES_SUFFIX)) return DataFormat.IDX; // its labels file lies beside it
      throw BadInputException.inFile(location, "an IDX labels file: give the folder that holds the "
          + IdxDataset.IMAGES_SUFFIX + " and " + IdxDataset.LABELS_SUFFIX + " files, or the images file");
    }
    if (Listing.isCsv(name)) return DataFormat.CSV;
    if (TableListing.isTableFile(name, DataFormat.PARQUET)) return DataFormat.PARQUET;
    if (TableListing.isTableFile(name, DataFormat.ORC)) return DataFormat.ORC;
    String n = Listing.lower(name);
    if (n.endsWith(".libsvm") || n.endsWith(".svm")) return DataFormat.LIBSVM;
    Listing.refuseCompressed(List.of(file));
    String first = firstDataLine(fs, file.getPath());
    if (first != null && LibSvmSource.looksLike(first)) return DataFormat.LIBSVM;
    if (first != null && first.replace("\uFEFF", "").startsWith(CsvSource.LABEL + ",")) return DataFormat.CSV;
    throw BadInputException.inFile(location, "cannot tell the data format: not a .csv, .libsvm, .svm, .parquet or .orc file, and "
        + (first == null ? "no text line" : "its first line is neither 'label index:value ...' (LibSVM) nor"
        + " 'label,pixel0,...' (CSV)") + " (name the format with --format " + DataFormat.names() + ")");
  }

  private static DataFormat detectFolder(FileSystem fs, FileStatus folder, String location) throws IOException {
    List<FileStatus> entries = Listing.list(fs, folder.getPath());
    boolean csv = false;
    boolean libsvm = false;
    for (FileStatus s : entries) {
      String name = s.getPath().getName();
      if (!s.isFile()) continue;
      if (isIdx(name)) return DataFormat.IDX;
      csv |= Listing.isCsv(name);
      String n = Listing.lower(name);
      libsvm |= n.endsWith(".libsvm") || n.endsWith(".svm")
          || n.endsWith(".txt") && LibSvmSource.looksLike(String.valueOf(firstDataLine(fs, s.getPath())));
    }
    DataFormat table = TableListing.detect(fs, entries);
    if (table != null) return table;
    int looked = 0;
    for (FileStatus s : entries) {
      if (!s.isDirectory() || looked++ == MAX_SUBFOLDERS_LOOKED_AT) continue;
      for (FileStatus f : Listing.list(fs, s.getPath())) {
        if (f.isFile() && Listing.isPng(f.getPath().getName())) return DataFormat.PNG;
      }
    }
    if (csv) return DataFormat.CSV;
    if (libsvm) return DataFormat.LIBSVM;
    throw BadInputException.inFile(location, "cannot tell the data format: found " + Listing.describe(entries)
        + "; expected IDX files (*" + IdxDataset.IMAGES_SUFFIX + "[.gz] and *" + IdxDataset.LABELS_SUFFIX
        + "[.gz]), label folders 0-9 of .png images, .csv files, LibSVM .libsvm/.svm/.txt files or a table's"
        + " .parquet/.orc files"
        + " (or name the format with --format " + DataFormat.names() + ")");
  }

  private static boolean isIdx(String name) {
    String n = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    return n.endsWith(IdxDataset.IMAGES_SUFFIX) || n.endsWith(IdxDataset.LABELS_SUFFIX);
  }

  /** The first line of the file's first 64 KiB that is not a '#' comment, or null. */
  private static String firstDataLine(FileSystem fs, Path path) throws IOException {
    byte[] head;
    try (InputStream in = fs.open(path)) {
      head = in.readNBytes(SNIFF);
    }
    String text = new String(head, StandardCharsets.UTF_8);
    int at = 0;
    while (at < text.length()) {
      int end = text.indexOf('\n', at);
      if (end < 0) end = text.length();
      String line = text.substring(at, end).strip();
      if (!line.isEmpty() && !line.startsWith("#")) return line;
      at = end + 1;
    }
    return null;
  }
}
