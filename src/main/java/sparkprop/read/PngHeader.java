package sparkprop.read;

import java.io.IOException;
import java.io.InputStream;
import sparkprop.BadInputException;

/**
 * The size a PNG declares, read from its first 24 bytes (signature, IHDR chunk length and type, width,
 * height) without decoding anything: javax.imageio allocates the whole declared image before it
 * reads a pixel, so a 1 KB file declaring 46000×46000 would cost 2 GB. The first image's size is
 * checked against {@link PngFolderSource#MAX_PIXELS}, every other's against the first's.
 */
final class PngHeader {
  /** Bytes read: the 8-byte signature, then the IHDR chunk's length, type, width and height. */
  static final int LENGTH = 24;
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int IHDR_LENGTH = 13;

  final int width;
  final int height;

  private PngHeader(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /** Reads the first {@link #LENGTH} bytes of a stream and checks them; see {@link #parse}. */
  static PngHeader read(InputStream in, String file, String where) throws IOException {
    byte[] h = new byte[LENGTH];
    int got = in.readNBytes(h, 0, h.length);
    return parse(h, got, file, where);
  }

  /**
   * The size declared by {@code b[0, length)}, the start of a file.
   *
   * @param where what to say before the problem: "" or "row 7: "
   * @throws BadInputException if the bytes do not start a PNG (signature, then IHDR), or declare an
   *     empty or invalid size
   */
  static PngHeader parse(byte[] b, int length, String file, String where) {
    if (!hasSignature(b, length)) throw BadInputException.inFile(file, where + "not a PNG image (no PNG signature)");
    if (length < LENGTH || getInt(b, 8) != IHDR_LENGTH || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
      throw BadInputException.inFile(file, where + "not a PNG image (no IHDR chunk after the PNG signature)");
    }
    long width = getInt(b, 16) & 0xffffffffL; // PNG sizes are unsigned; above 2^31 - 1 is invalid
    long height = getInt(b, 20) & 0xffffffffL;
    if (width == 0 || height == 0) {
      throw BadInputException.inFile(file, where + "PNG header declares an empty image, " + width + "x" + height
          + " (width x height)");
    }
    if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw BadInputException.inFile(file, where + "PNG header declares an invalid size, " + width + "x" + height
          + " (width x height): PNG allows at most " + Integer.MAX_VALUE);
    }
    return new PngHeader((int) width, (int) height);
  }

  /** Refuses a size of more than {@link PngFolderSource#MAX_PIXELS} pixels. */
  void checkWithinLimit(String file) {
    if ((long) width * height > PngFolderSource.MAX_PIXELS) {
      throw BadInputException.inFile(file, "PNG header declares " + width + "x" + height
          + " (width x height): more than " + PngFolderSource.MAX_PIXELS
          + " pixels, the limit for an image (PngFolderSource.MAX_PIXELS)");
    }
  }

  static boolean hasSignature(byte[] b, int length) {
    if (length < SIGNATURE.length) return false;
    for (int i = 0; i < SIGNATURE.length; i++) if (b[i] != SIGNATURE[i]) return false;
    return true;
  }

  private static int getInt(byte[] b, int off) {
    return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
  }
}
