package sparkprop.read;

import sparkprop.rows.RowChunk;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * MNIST as a folder tree of PNG images, the way fastai's {@code mnist_png/training} holds it:
 * {@code ROOT/LABEL/ANY.png}, the label being the name of the image's folder, a digit 0–9.
 *
 * <p>{@link #open} only lists the files (on the driver) and reads the first image's header for its
 * size; the tasks decode the images (javax.imageio). Rows are the images in the sorted order of their
 * paths below the root ({@code 0/…}, then {@code 1/…}, …): a row's id is its index in that list, and
 * part p of P is the slice {@code [⌊p·N/P⌋, ⌊(p+1)·N/P⌋)} of it.
 *
 * <p>Pixels become grey bytes exactly as PIL's {@code Image.open(f).convert("L")} makes them: a grey
 * image's samples as they are (1-, 2- and 4-bit ones scaled to 0–255, as PIL does), a colour image's
 * (or a palette entry's) {@code (R·19595 + G·38470 + B·7471 + 0x8000) >> 16} — PIL's integer form of
 * {@code L = R·299/1000 + G·587/1000 + B·114/1000} — and alpha ignored. Images with 16 bits per sample
 * are refused (PIL would clip or truncate them). Every image must have the first one's size; m is
 * height × width.
 *
 * <p>Bad input: a folder below the root whose name is not a digit, an image directly in the root, a
 * file in a label folder that is not a {@code .png} (names starting with '.' or '_' are never data),
 * a folder inside a label folder, no image at all, an undecodable image, images of different sizes.
 *
 * <p>Limits, so that a hostile file costs its own bytes and no more: the first image may declare at
 * most {@link #MAX_PIXELS} pixels, and every other image must declare the first one's size. Both are
 * read from the PNG header (its first 24 bytes, see {@link PngHeader}) before javax.imageio sees the
 * file, since it allocates the whole declared image before decoding a pixel. A file above
 * 256 MiB is refused.
 */
public final class PngFolderSource implements RowSource {
  private static final long serialVersionUID = 1L;

  /**
   * The most pixels (width × height) an image may declare: 2^20, e.g. 1024×1024, against MNIST's
   * 28×28. An image is one row of the MLP's input (m = width × height), and decoding one takes at
   * most 8 MiB (RGBA, 16 bits per sample) however large the declared image.
   */
  public static final int MAX_PIXELS = 1 << 20;
  /** The most bytes an image file may have. */
  private static final int MAX_FILE = 256 << 20;

  private final String root;
  /** Paths below the root, sorted: "LABEL/NAME.png". */
  private final String[] names;
  private final int height;
  private final int width;

  private PngFolderSource(String root, String[] names, int height, int width) {
    this.root = root;
    this.names = names;
    this.height = height;
    this.width = width;
  }

  /**
   * Lists {@code ROOT/LABEL/*.png} and reads the first image's header (never the pixels).
   *
   * @param folder the root: the folder holding the label folders 0–9
   * @throws BadInputException if the root is missing or not a folder, a folder below it is not named
   *     0–9, a label folder holds something else than .png files, there is no image at all, or the
   *     first image is not a PNG
   */
  public static PngFolderSource open(String folder, Configuration conf) {
    Path dir = new Path(folder);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      FileStatus status = Listing.status(fs, dir, folder);
      String rootPath = status.getPath().toString();
      if (!status.isDirectory()) {
        throw BadInputException.inFile(folder, "not a folder (give the folder that holds the label folders 0-9)");
      }
      List<String> names = new ArrayList<>();
      for (FileStatus s : Listing.list(fs, dir)) {
        String name = s.getPath().getName();
        if (s.isFile()) {
          if (Listing.isPng(name)) {
            throw BadInputException.inFile(s.getPath().toString(), "image outside a label folder: expected "
                + rootPath + "/LABEL/" + name + " with LABEL a digit 0-9");
          }
          continue; // a README or the like beside the label folders
        }
        if (!(name.length() == 1 && name.charAt(0) >= '0' && name.charAt(0) <= '9')) {
          throw BadInputException.inFile(s.getPath().toString(), "folder name '" + name
              + "' is not a label: the folders of a PNG dataset are named 0-9");
        }
        for (FileStatus f : Listing.list(fs, s.getPath())) {
          String file = f.getPath().getName();
          if (f.isDirectory()) {
            throw BadInputException.inFile(f.getPath().toString(), "a folder inside label folder " + name
                + ": expected only .png images there");
          }
          if (!Listing.isPng(file)) {
            throw BadInputException.inFile(f.getPath().toString(), "not a .png image: label folders hold only .png images");
          }
          names.add(name + "/" + file);
        }
      }
      if (names.isEmpty()) {
        throw BadInputException.inFile(rootPath, "no .png images: expected " + rootPath + "/LABEL/*.png with LABEL 0-9");
      }
      names.sort(null);
      String first = rootPath + "/" + names.get(0);
      PngHeader size;
      try (InputStream in = fs.open(new Path(first))) {
        size = PngHeader.read(in, first, "");
      }
      size.checkWithinLimit(first);
      return new PngFolderSource(rootPath, names.toArray(new String[0]), size.height, size.width);
    } catch (IOException e) {
      throw new UncheckedIOException(folder + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading (on the executors).

  @Override
  public Iterator<RowChunk> readPart(int part, int parts, Configuration conf) {
    if (part < 0 || part >= parts) throw new IllegalArgumentException("part " + part + " of " + parts);
    long from = (long) names.length * part / parts;
    long to = (long) names.length * (part + 1) / parts;
    int m = pixelsPerImage();
    int perChunk = (int) Math.max(1, IdxDataset.MAX_CHUNK_BYTES / m);
    List<RowChunk> chunks = new ArrayList<>();
    FileSystem fs = null;
    ImageReader reader = pngReader();
    try {
      for (long first = from; first < to; first += perChunk) {
        int count = (int) Math.min(perChunk, to - first);
        byte[] pixels = new byte[count * m];
        byte[] labels = new byte[count];
        for (int r = 0; r < count; r++) {
          int row = (int) (first + r);
          String file = root + "/" + names[row];
          Path path = new Path(file);
          if (fs == null) fs = path.getFileSystem(conf);
          decode(reader, readImage(fs, path, file, row), file, row, pixels, r * m);
          labels[r] = (byte) (names[row].charAt(0) - '0');
        }
        chunks.add(RowChunk.consecutive(m, pixels, labels, first));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(root + ": " + e.getMessage(), e);
    } finally {
      reader.dispose();
    }
    return chunks.iterator();
  }

  private static ImageReader pngReader() {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
    if (!readers.hasNext()) throw new IllegalStateException("javax.imageio has no PNG reader");
    return readers.next();
  }

  /**
   * The bytes of row {@code row}'s image, refused from its header alone (before the rest of the file is
   * read, and before javax.imageio allocates for it) if it declares another size than the first image.
   */
  private byte[] readImage(FileSystem fs, Path path, String file, int row) throws IOException {
    try (InputStream in = fs.open(path)) {
      byte[] header = new byte[PngHeader.LENGTH];
      int got = in.readNBytes(header, 0, header.length);
      PngHeader declared = PngHeader.parse(header, got, file, "row " + row + ": ");
      if (declared.width != width || declared.height != height) {
        throw otherSize(file, row, declared.width + "x" + declared.height + " (width x height) by its PNG header");
      }
      byte[] rest = in.readNBytes(MAX_FILE + 1 - got);
      if (got + rest.length > MAX_FILE) throw BadInputException.inFile(file, "larger than " + MAX_FILE + " bytes: not a digit image");
      byte[] b = Arrays.copyOf(header, got + rest.length);
      System.arraycopy(rest, 0, b, got, rest.length);
      return b;
    } catch (FileNotFoundException e) {
      throw BadInputException.inFile(file, "vanished since the folder was listed");
    }
  }

  /** Decodes one PNG, whose header {@link #readImage} checked, into {@code out[at, at+m)} as PIL's mode "L" grey bytes. */
  private void decode(ImageReader reader, byte[] bytes, String file, int row, byte[] out, int at) {
    BufferedImage img;
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      img = reader.read(0);
    } catch (IOException | RuntimeException e) {
      // javax.imageio reports a corrupt stream as IIOException, and sometimes as a runtime exception.
      throw BadInputException.inFile(file, "row " + row + ": cannot decode the PNG image: " + oneLine(e));
    }
    if (img.getWidth() != width || img.getHeight() != height) { // the header said otherwise: a reader's quirk
      throw otherSize(file, row, img.getWidth() + "x" + img.getHeight() + " (width x height)");
    }
    grey(img, file, row, out, at);
  }

  private BadInputException otherSize(String file, int row, String size) {
    return BadInputException.inFile(file, "row " + row + ": image is " + size + ", but " + root + "/" + names[0]
        + " is " + width + "x" + height + ": every image must have the same size");
  }

  /** PIL's convert("L") of a decoded image, row by row into {@code out[at, at+w·h)}. */
  static void grey(BufferedImage img, String file, int row, byte[] out, int at) {
    ColorModel cm = img.getColorModel();
    Raster raster = img.getRaster();
    int w = img.getWidth();
    int h = img.getHeight();
    int[] samples = new int[w];
    if (cm instanceof IndexColorModel) {
      // Palette images, and 1/2/4-bit grey ones (javax.imageio gives those a grey ramp palette,
      // i·255/(2^bits − 1): PIL's scaling), through the palette's colours.
      IndexColorModel icm = (IndexColorModel) cm;
      byte[] lut = new byte[icm.getMapSize()];
      for (int i = 0; i < lut.length; i++) lut[i] = (byte) luma(icm.getRed(i), icm.getGreen(i), icm.getBlue(i));
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, samples);
        for (int x = 0; x < w; x++) {
          if (samples[x] >= lut.length) {
            throw BadInputException.inFile(file, "row " + row + ": palette index " + samples[x] + " beyond the "
                + lut.length + " colours of the palette");
          }
          out[at + y * w + x] = lut[samples[x]];
        }
      }
      return;
    }
    int colours = cm.getNumColorComponents();
    for (int c = 0; c < cm.getNumComponents(); c++) {
      if (cm.getComponentSize(c) != 8) {
        throw BadInputException.inFile(file, "row " + row + ": " + cm.getComponentSize(c)
            + " bits per sample: only 8-bit (or 1/2/4-bit grey and palette) PNG images are read");
      }
    }
    if (colours == 1) {
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, samples);
        for (int x = 0; x < w; x++) out[at + y * w + x] = (byte) samples[x];
      }
    } else if (colours == 3) {
      int[] g = new int[w];
      int[] b = new int[w];
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, samples);
        raster.getSamples(0, y, w, 1, 1, g);
        raster.getSamples(0, y, w, 1, 2, b);
        for (int x = 0; x < w; x++) out[at + y * w + x] = (byte) luma(samples[x], g[x], b[x]);
      }
    } else {
      throw BadInputException.inFile(file, "row " + row + ": " + colours + " colour components: expected grey or RGB");
    }
  }

  /** PIL's L of an RGB colour: {@code (R·19595 + G·38470 + B·7471 + 0x8000) >> 16}. */
  public static int luma(int r, int g, int b) {
    return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replace('\n', ' ').replace('\r', ' ');
  }

  // ---------------------------------------------------------------------------------------------
  // Getters.

  /** Number of images. */
  public int rows() {
    return names.length;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  @Override
  public int pixelsPerImage() {
    return height * width;
  }

  /** The number of images, known from the listing. */
  @Override
  public long knownRowCount() {
    return names.length;
  }

  /** The first {@code n} images in path order (ids unchanged). */
  @Override
  public PngFolderSource firstRows(long n) {
    int keep = (int) Math.max(0, Math.min(n, names.length));
    return new PngFolderSource(root, Arrays.copyOf(names, keep), height, width);
  }

  /** The qualified path of row {@code row}'s image. */
  public String path(int row) {
    return root + "/" + names[row];
  }

  @Override
  public String location() {
    return sparkprop.Secrets.hide(root); // for messages and the report: a URI's credentials hidden
  }

  /** The images read, in row order (their sizes and times from one listing per label folder). */
  @Override
  public DataIdentity identity(Configuration conf) {
    List<String> paths = new ArrayList<>(names.length);
    for (String name : names) paths.add(root + "/" + name);
    return DataIdentity.ofPaths("png", root, paths, conf);
  }

  @Override
  public String toString() {
    return "PngFolderSource[" + names.length + " images of " + height + "x" + width + ", " + root + "]";
  }
}
