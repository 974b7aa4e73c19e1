package sparkprop.read;

import sparkprop.rows.RowChunk;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * One MNIST-style dataset in the IDX format: an images file ({@code *images-idx3-ubyte}, magic
 * {@code 0x00000803}: count × rows × cols unsigned bytes) and its labels file
 * ({@code *labels-idx1-ubyte}, magic {@code 0x00000801}: count unsigned bytes), each optionally
 * gzipped ({@code .gz} suffix), read through Hadoop's {@link FileSystem} so that plain local paths,
 * {@code file:}, {@code hdfs://} and {@code s3a://} all work.
 *
 * <p>{@link #open} reads only the headers (on the driver); {@link #read} reads a range of rows (on an
 * executor). The object holds only path strings and header sizes, so it is cheap to ship to
 * executors.
 *
 * <p>Reading a range of a gzipped file decompresses the file from its start up to the range, so
 * many small ranges of a large {@code .gz} file cost quadratic time; {@link #compressed()} tells
 * callers when that applies.
 *
 * <p>What a header declares is checked before anything is allocated for it: an uncompressed file must
 * be exactly as long as its header says; a gzipped one, whose length says nothing of its content,
 * may declare at most {@link #MAX_GZ_BYTES} bytes of content, and its rows are read into buffers that
 * grow with the bytes that actually arrive, so a header claiming more than the file holds costs only
 * what is there (reading stops with "truncated" where the data runs out).
 */
public final class IdxDataset implements RowSource {
  /** Largest chunk {@link #readPart} reads at once (bytes of pixels), well under Java's array limit. */
  static final long MAX_CHUNK_BYTES = 64L << 20;
  /**
   * The most content (uncompressed bytes, header included) a gzipped images file may declare: 256 MiB,
   * 342,000 28×28 images, over five times MNIST's training set. A gzipped file cannot be split, so one
   * task decompresses and holds all of it (about a second per 256 MiB); larger datasets must be stored
   * uncompressed, and are then read in ranges by many tasks.
   */
  public static final long MAX_GZ_BYTES = 256L << 20;
  private static final long serialVersionUID = 1L;

  /** Name suffix (before an optional {@code .gz}) of an IDX images file. */
  public static final String IMAGES_SUFFIX = "images-idx3-ubyte";
  /** Name suffix (before an optional {@code .gz}) of an IDX labels file. */
  public static final String LABELS_SUFFIX = "labels-idx1-ubyte";
  /** Name prefix of the pair chosen when a folder holds several pairs (train and t10k). */
  public static final String PREFERRED_PREFIX = "train-";

  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;
  private static final int IMAGES_HEADER = 16;
  private static final int LABELS_HEADER = 8;
  private static final String GZ = ".gz";
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final String imagesPath;
  private final String labelsPath;
  private final boolean imagesGz;
  private final boolean labelsGz;
  private final int rows;
  private final int height;
  private final int width;
  /** Rows in use: the first {@code used} of the file's {@code rows} ({@link #firstRows}). */
  private final int used;

  private IdxDataset(String imagesPath, boolean imagesGz, String labelsPath, boolean labelsGz,
      int rows, int height, int width) {
    this(imagesPath, imagesGz, labelsPath, labelsGz, rows, height, width, rows);
  }

  private IdxDataset(String imagesPath, boolean imagesGz, String labelsPath, boolean labelsGz,
      int rows, int height, int width, int used) {
    this.imagesPath = imagesPath;
    this.imagesGz = imagesGz;
    this.labelsPath = labelsPath;
    this.labelsGz = labelsGz;
    this.rows = rows;
    this.height = height;
    this.width = width;
    this.used = used;
  }

  // ---------------------------------------------------------------------------------------------
  // Opening: find the pair in a folder, read and check the headers.

  /**
   * Finds the IDX images and labels files in {@code folder} and reads their headers (never the data).
   *
   * <p>The folder must hold exactly one file named {@code *images-idx3-ubyte[.gz]} and one named
   * {@code *labels-idx1-ubyte[.gz]}; if it holds more (MNIST's {@code train-*} and {@code t10k-*}
   * pairs side by side), the {@code train-*} pair is chosen, provided there is exactly one of each.
   * Subfolders and other files are ignored. A {@code .gz} name means gzipped content. The path may
   * also name an images file itself ({@code …/t10k-images-idx3-ubyte.gz}, e.g. a test set kept beside
   * its training set): its labels are the file of the same name with {@code labels-idx1-ubyte}.
   *
   * @param folder a folder path or URI ({@code data/mnist}, {@code file:/…}, {@code hdfs://…}, …)
   * @param conf the Hadoop configuration used to reach the file system
   * @return the dataset, with qualified paths
   * @throws BadInputException if the folder is missing, holds no or an ambiguous set of IDX files, or
   *     a header is malformed (wrong magic or dimensions, non-positive sizes), the images and labels
   *     counts differ, or an uncompressed file's length does not match its header
   * @throws UncheckedIOException if the file system fails otherwise
   */
  public static IdxDataset open(String folder, Configuration conf) {
    Path dir = new Path(folder);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      FileStatus[] listing;
      try {
        FileStatus given = fs.getFileStatus(dir);
        if (!given.isDirectory() && given.getPath().getName().contains(IMAGES_SUFFIX)) {
          Path labels = new Path(dir.getParent(), given.getPath().getName().replace(IMAGES_SUFFIX, LABELS_SUFFIX));
          if (!fs.exists(labels)) throw BadInputException.inFile(folder, "no labels file " + labels.getName() + " beside it");
          return fromFiles(fs, given, fs.getFileStatus(labels));
        }
        if (!given.isDirectory()) {
          throw BadInputException.inFile(folder, "not a folder (give the folder that holds the IDX files, or an images file)");
        }
        listing = fs.listStatus(dir);
      } catch (FileNotFoundException e) {
        throw BadInputException.inFile(folder, "no such folder");
      }
      Map<String, FileStatus> files = new TreeMap<>();
      for (FileStatus s : listing) {
        if (s.isFile()) files.put(s.getPath().getName(), s);
      }
      String[] pair = choosePair(folder, files.keySet());
      return fromFiles(fs, files.get(pair[0]), files.get(pair[1]));
    } catch (IOException e) {
      throw new UncheckedIOException(folder + ": " + e.getMessage(), e);
    }
  }

  /** Picks {images name, labels name} among the file names of a folder; see {@link #open}. */
  private static String[] choosePair(String folder, Collection<String> names) {
    List<String> images = matching(names, IMAGES_SUFFIX, "");
    List<String> labels = matching(names, LABELS_SUFFIX, "");
    String wanted = "one *" + IMAGES_SUFFIX + "[.gz] and one *" + LABELS_SUFFIX + "[.gz]";
    if (images.isEmpty() && labels.isEmpty()) {
      throw BadInputException.inFile(folder, "no IDX files: expected " + wanted);
    }
    if (images.isEmpty()) {
      throw BadInputException.inFile(folder, "no *" + IMAGES_SUFFIX + "[.gz] file next to " + labels);
    }
    if (labels.isEmpty()) {
      throw BadInputException.inFile(folder, "no *" + LABELS_SUFFIX + "[.gz] file next to " + images);
    }
    if (images.size() == 1 && labels.size() == 1) return new String[] {images.get(0), labels.get(0)};
    List<String> trainImages = matching(images, IMAGES_SUFFIX, PREFERRED_PREFIX);
    List<String> trainLabels = matching(labels, LABELS_SUFFIX, PREFERRED_PREFIX);
    if (trainImages.size() == 1 && trainLabels.size() == 1) {
      return new String[] {trainImages.get(0), trainLabels.get(0)};
    }
    throw BadInputException.inFile(folder, "ambiguous IDX files " + images + " " + labels
        + ": expected " + wanted + " (or exactly one " + PREFERRED_PREFIX + "* pair)");
  }

  private static List<String> matching(Collection<String> names, String suffix, String prefix) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (n.startsWith(prefix) && (n.endsWith(suffix) || n.endsWith(suffix + GZ))) out.add(n);
    }
    return out;
  }

  private static IdxDataset fromFiles(FileSystem fs, FileStatus images, FileStatus labels) {
    String imagesPath = images.getPath().toString();
    String labelsPath = labels.getPath().toString();
    boolean imagesGz = imagesPath.endsWith(GZ);
    boolean labelsGz = labelsPath.endsWith(GZ);
    int[] idims = readHeader(fs, imagesPath, imagesGz, IMAGES_MAGIC, "count, rows, columns");
    int[] ldims = readHeader(fs, labelsPath, labelsGz, LABELS_MAGIC, "count");
    if (idims[0] != ldims[0]) {
      throw BadInputException.inFile(imagesPath, "holds " + idims[0] + " images but " + labelsPath
          + " holds " + ldims[0] + " labels");
    }
    long pixels = (long) idims[1] * idims[2];
    if (pixels > MAX_ARRAY) {
      throw BadInputException.inFile(imagesPath, "images of " + idims[1] + "x" + idims[2] + " are too large");
    }
    long imagesBytes = IMAGES_HEADER + (long) idims[0] * pixels; // < 2^31 · 2^31: fits a long
    if (imagesGz && imagesBytes > MAX_GZ_BYTES) {
      throw BadInputException.inFile(imagesPath, "header declares " + idims[0] + " images of " + idims[1] + "x"
          + idims[2] + ", " + imagesBytes + " bytes uncompressed: more than " + MAX_GZ_BYTES
          + ", the limit for a gzipped file (IdxDataset.MAX_GZ_BYTES); store a dataset that large uncompressed");
    }
    if (!imagesGz) checkLength(imagesPath, images.getLen(), imagesBytes);
    if (!labelsGz) checkLength(labelsPath, labels.getLen(), LABELS_HEADER + (long) ldims[0]);
    return new IdxDataset(imagesPath, imagesGz, labelsPath, labelsGz, idims[0], idims[1], idims[2]);
  }

  /** Reads the magic and sizes of one file; returns the sizes. {@code layout} names the dimensions. */
  private static int[] readHeader(FileSystem fs, String file, boolean gz, int magic, String layout) {
    int dims = magic & 0xff;
    byte[] h = new byte[4 + 4 * dims];
    try (InputStream in = IdxBytes.openStream(fs, new Path(file), gz)) {
      int got = IdxBytes.readFully(in, h, 0, 4);
      if (got == 4) {
        checkMagic(file, IdxBytes.getInt(h, 0), magic, layout);
        got += IdxBytes.readFully(in, h, 4, h.length - 4);
      }
      if (got < h.length) {
        throw BadInputException.inFile(file,
            "truncated: the header needs " + h.length + " bytes, found " + got);
      }
    } catch (IOException e) {
      throw IdxBytes.failure(file, gz, e);
    }
    int[] sizes = new int[dims];
    for (int d = 0; d < dims; d++) {
      sizes[d] = IdxBytes.getInt(h, 4 + 4 * d);
      if (sizes[d] <= 0) {
        throw BadInputException.inFile(file, "non-positive size " + sizes[d] + " in dimension "
            + (d + 1) + " of " + dims + " (" + layout + ")");
      }
    }
    return sizes;
  }

  private static void checkMagic(String file, int found, int expected, String layout) {
    if (found == expected) return;
    String want = String.format("expected 0x%08X (unsigned bytes, %d dimensions: %s)",
        expected, expected & 0xff, layout);
    if ((found >>> 8) == (expected >>> 8)) {
      throw BadInputException.inFile(file, String.format(
          "wrong number of dimensions: magic 0x%08X gives %d, %s", found, found & 0xff, want));
    }
    String hint = (found >>> 16) == 0x1f8b ? "; the file looks gzipped but its name lacks .gz" : "";
    throw BadInputException.inFile(file, String.format("wrong magic 0x%08X, %s%s", found, want, hint));
  }

  private static void checkLength(String file, long found, long expected) {
    if (found < expected) throw IdxBytes.truncated(file, expected, found, false);
    if (found > expected) throw IdxBytes.trailing(file, expected, found, false);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading rows.

  /**
   * Reads rows {@code [firstRow, firstRow+count)} of images and labels; row ids are
   * {@code firstRow + r}. A range that reaches the last row also checks that both files end there
   * (for gzip this verifies the trailer CRC too). {@code count == 0} gives an empty chunk without
   * opening the files.
   *
   * @param conf the Hadoop configuration used to reach the file system (e.g. {@link HadoopConf#get})
   * @throws IllegalArgumentException if the range is not within {@code [0, rows())} or its pixels do
   *     not fit one array
   * @throws BadInputException if a file is shorter or longer than its header says, a gzip stream is
   *     corrupt, or a label is outside 0–9
   * @throws UncheckedIOException if the file system fails otherwise (file vanished, permissions)
   */
  public RowChunk read(long firstRow, int count, Configuration conf) {
    if (firstRow < 0 || count < 0 || firstRow + count > rows) {
      throw new IllegalArgumentException("rows [" + firstRow + ", " + (firstRow + count)
          + ") are not within [0, " + rows + ")");
    }
    int m = pixelsPerImage();
    if ((long) count * m > MAX_ARRAY) {
      throw new IllegalArgumentException(count + " rows of " + m + " pixels do not fit one array");
    }
    if (count == 0) return RowChunk.consecutive(m, new byte[0], new byte[0], firstRow);
    boolean toEnd = firstRow + count == rows;
    byte[] pixels = IdxBytes.readSpan(imagesPath, imagesGz, IMAGES_HEADER + firstRow * m, count * m,
        IMAGES_HEADER + (long) rows * m, toEnd, conf);
    byte[] labels = IdxBytes.readSpan(labelsPath, labelsGz, LABELS_HEADER + firstRow, count,
        LABELS_HEADER + (long) rows, toEnd, conf);
    for (int r = 0; r < count; r++) {
      int label = labels[r] & 0xff;
      if (label > 9) {
        throw BadInputException.inFile(labelsPath, "row " + (firstRow + r) + ": label " + label
            + " outside 0-9");
      }
    }
    return RowChunk.consecutive(m, pixels, labels, firstRow);
  }

  // ---------------------------------------------------------------------------------------------
  // Getters.

  /** Number of rows (images, and labels). */
  public int rows() {
    return rows;
  }

  /** Image height in pixels (the IDX "rows" dimension). */
  public int height() {
    return height;
  }

  /** Image width in pixels (the IDX "columns" dimension). */
  public int width() {
    return width;
  }

  /** Pixels per image, {@code height() * width()}: the width of a {@link RowChunk}. */
  @Override
  public int pixelsPerImage() {
    return height * width;
  }

  /** Qualified path of the images file. */
  public String imagesPath() {
    return imagesPath;
  }

  /** Qualified path of the labels file. */
  public String labelsPath() {
    return labelsPath;
  }

  /**
   * Whether either file is gzipped, in which case reading a range decompresses the file from its
   * start.
   */
  public boolean compressed() {
    return imagesGz || labelsGz;
  }

  /**
   * Part p of P is rows {@code [⌊p·N/P⌋, ⌊(p+1)·N/P⌋)} of the N rows in use: contiguous, sizes differing by at most one,
   * empty when P > N; read in chunks of at most {@link #MAX_CHUNK_BYTES} of pixels.
   *
   * <p>An uncompressed file is read in true byte ranges. A gzip stream cannot be entered in the
   * middle, so for a {@code .gz} file each chunk decompresses the file from its start up to the
   * chunk's end: P parts read this way would decompress about (P+1)/2 times the file in all. The job
   * never does: {@code RowPartitions} reads a source that is not {@link #splittable()} once, as one
   * part, and deals its rows out to the P partitions.
   */
  @Override
  public Iterator<RowChunk> readPart(int part, int parts, Configuration conf) {
    if (part < 0 || part >= parts) throw new IllegalArgumentException("part " + part + " of " + parts);
    long from = (long) used * part / parts;
    long to = (long) used * (part + 1) / parts;
    int perChunk = (int) Math.max(1, MAX_CHUNK_BYTES / pixelsPerImage());
    List<RowChunk> chunks = new ArrayList<>();
    for (long first = from; first < to; first += perChunk) {
      chunks.add(read(first, (int) Math.min(perChunk, to - first), conf));
    }
    return chunks.iterator();
  }

  /** A gzipped file is not: a part would have to decompress everything before it. */
  @Override
  public boolean splittable() {
    return !compressed();
  }

  @Override
  public long knownRowCount() {
    return used;
  }

  @Override
  public IdxDataset firstRows(long n) {
    int keep = (int) Math.max(0, Math.min(n, used));
    return new IdxDataset(imagesPath, imagesGz, labelsPath, labelsGz, rows, height, width, keep);
  }

  @Override
  public String location() {
    return sparkprop.Secrets.hide(imagesPath); // for messages and the report: a URI's credentials hidden
  }

  /** The images and labels files, whole (also with {@link #firstRows}: a changed file is changed data). */
  @Override
  public DataIdentity identity(Configuration conf) {
    return DataIdentity.ofPaths("idx", new Path(imagesPath).getParent().toString(), List.of(imagesPath, labelsPath), conf);
  }

  @Override
  public String toString() {
    return "IdxDataset[" + rows + " rows of " + height + "x" + width + ", images " + imagesPath
        + ", labels " + labelsPath + "]";
  }
}
