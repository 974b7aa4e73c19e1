package sparkprop.read.npz;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import sparkprop.BadInputException;

/**
 * Reads the values of a {@code .npy} array in chunks, growing the array as the bytes actually arrive:
 * what a header (or a zip entry) claims is a limit on the read, never a size to allocate up front, so
 * a header that claims more than the data holds costs only the data that is there.
 */
final class NpyData {
  /** Bytes read at a time: a multiple of every item size. */
  private static final int CHUNK = 1 << 16;
  /** Values held before the first growth: small arrays (biases) never grow. */
  private static final int FIRST_CAPACITY = 1 << 12;

  private NpyData() {}

  /**
   * The {@code header.count} values that follow the header, in file order.
   *
   * @param where the file and entry, for the error message
   * @throws BadInputException if the stream ends before them ("truncated data")
   */
  static double[] read(InputStream in, NpyHeader header, String where) throws IOException {
    int count = header.count;
    int itemSize = header.dtype.itemSize;
    byte[] chunk = new byte[(int) Math.min(CHUNK, header.dataBytes())];
    double[] values = new double[Math.min(count, FIRST_CAPACITY)];
    int filled = 0;
    while (filled < count) {
      int n = Math.min(CHUNK / itemSize, count - filled);
      int got = in.readNBytes(chunk, 0, n * itemSize);
      if (got < n * itemSize) {
        throw new BadInputException(where + ": truncated data (expected " + count + " values, found "
            + (filled + got / itemSize) + ")");
      }
      if (filled + n > values.length) {
        values = Arrays.copyOf(values, (int) Math.min(count, Math.max(2L * values.length, filled + n)));
      }
      header.dtype.decode(chunk, n, values, filled);
      filled += n;
    }
    return values;
  }
}
