package sparkprop.read.npz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sparkprop.read.CostAssertions.assertRefusedCheaply;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import sparkprop.read.DeflatedZeros;

/**
 * Hostile .npz archives cost a second and little memory, not the heap: each is refused with a
 * one-line BadInputException naming the file and the entry, before anything is allocated for what
 * it claims. The archives are built by hand (see {@link ZipBytes}); a bomb of GB of zeros is a few
 * MB ({@link DeflatedZeros}). Each test bounds the refusal's time and the bytes it allocates, so that it fails if the bound
 * it is about were removed: the reader would then inflate, or allocate, what the archive claims.
 */
class NpzReaderBoundsTest {
  private static final long MIB = 1 << 20;
  /** Time allowed for a refusal: generous on a shared machine; inflating the bombs takes longer. */
  private static final long MAX_MILLIS = 2000;
  /** Memory allowed for a refusal: a few MiB of buffers, far below what the archives claim. */
  private static final long MAX_BYTES = 32 * MIB;

  private static byte[] header(String shape) {
    return NpyBytes.npy(1, NpyBytes.dict("<f8", false, shape), new byte[0]);
  }

  /** An entry that really inflates to {@code header(shape)} followed by {@code zeros} zero bytes. */
  private static ZipBytes.Entry bomb(String name, String shape, long zeros, long declaredSize, boolean descriptor) {
    byte[] header = header(shape);
    return new ZipBytes.Entry(name, DeflatedZeros.deflate(header, zeros), true,
        DeflatedZeros.crc(header, zeros), declaredSize, descriptor);
  }

  private static InputStream in(byte[] archive) {
    return new ByteArrayInputStream(archive);
  }

  /**
   * The zip bomb: w1.npy's header declares a float64 array of GB, its entry honestly declares
   * that size, and its deflated zeros really inflate to it. Refused from the header alone. 340000
   * columns (2.1 GB) is under Java's array limit, the only limit before; 50000 (314 MB) is just over
   * NpzReader.MAX_VALUES.
   */
  @ParameterizedTest(name = "(784, {0}) float64")
  @ValueSource(ints = {400000, 340000, 50000})
  void zipBombIsRefusedFromItsHeaderBeforeInflatingAnything(int columns) {
    String shape = "(784, " + columns + ")";
    long data = 784L * columns * 8;
    byte[] archive = ZipBytes.zip(bomb("w1.npy", shape, data, header(shape).length + data, false));
    assertRefusedCheaply(() -> NpzReader.read(in(archive), "bomb.npz"), MAX_MILLIS, MAX_BYTES,
        "bomb.npz: entry w1.npy: array too large: shape " + shape, "limit of " + NpzReader.MAX_VALUES,
        "NpzReader.MAX_VALUES");
  }

  /**
   * A header declaring more data than its zip entry holds is refused before the data is read, even
   * when the data is really there: the entry lies about its size and inflates to 31 MB.
   */
  @Test
  void arrayLargerThanItsDeclaredEntryIsRefusedBeforeReadingData() {
    String shape = "(784, 5000)"; // 3.9 million values: under MAX_VALUES
    long data = 784L * 5000 * 8;
    long declared = header(shape).length + 800;
    byte[] archive = ZipBytes.zip(bomb("w1.npy", shape, data, declared, false));
    assertRefusedCheaply(() -> NpzReader.read(in(archive), "lies.npz"), MAX_MILLIS, 4 * MIB,
        "lies.npz: entry w1.npy: the zip entry declares " + declared + " bytes",
        "shape (784, 5000) of '<f8'", "31360000 of data");
  }

  /**
   * An entry whose deflated data goes on past what its header declares (here 2.5 GB of zeros after a
   * 2-value array) is refused at the first extra byte, not inflated to its end: whether the entry
   * declares its true size up front, the header's size, or (data descriptor) no size at all.
   */
  @ParameterizedTest(name = "declared size: {0}")
  @CsvSource({"true size, false", "header's size, false", "none (data descriptor), true"})
  void entryInflatingPastItsHeaderIsRefusedAtTheFirstExtraByte(String declared, boolean descriptor) {
    byte[] header = header("(2,)");
    long zeros = 2_500_000_000L;
    long size = declared.startsWith("true") ? header.length + zeros : header.length + 16;
    byte[] archive = ZipBytes.zip(bomb("w1.npy", "(2,)", zeros, size, descriptor));
    String expected = declared.startsWith("true")
        ? "the zip entry declares " + size + " bytes"
        : "more data than its header declares (shape (2,) of '<f8': 16 bytes of data)";
    assertRefusedCheaply(() -> NpzReader.read(in(archive), "long.npz"), MAX_MILLIS, MAX_BYTES,
        "long.npz: entry w1.npy: " + expected);
  }

  /**
   * The limit is on all arrays together: a second array that fits the limit alone but not with the
   * first is refused from its header, before its 256 MiB of values are allocated.
   */
  @Test
  void arraysOverTheLimitTogetherAreRefusedAtTheEntryThatCrossesIt() {
    String big = "(" + NpzReader.MAX_VALUES + ",)";
    long bigData = 8L * NpzReader.MAX_VALUES;
    byte[] archive = ZipBytes.zip(bomb("b2.npy", "(1,)", 8, header("(1,)").length + 8, false),
        bomb("w1.npy", big, bigData, header(big).length + bigData, false));
    assertRefusedCheaply(() -> NpzReader.read(in(archive), "two.npz"), MAX_MILLIS, MAX_BYTES,
        "two.npz: entry w1.npy: too many values", "would hold " + (NpzReader.MAX_VALUES + 1),
        "NpzReader.MAX_VALUES");
  }

  /** A folder entry is skipped, but not its data: a folder entry that holds 2.5 GB is refused, not inflated. */
  @Test
  void folderEntryHoldingDataIsRefusedNotInflated() {
    long zeros = 2_500_000_000L;
    ZipBytes.Entry folder = new ZipBytes.Entry("w1/", DeflatedZeros.deflate(new byte[0], zeros), true,
        DeflatedZeros.crc(new byte[0], zeros), zeros, false);
    byte[] archive = ZipBytes.zip(folder);
    assertRefusedCheaply(() -> NpzReader.read(in(archive), "dir.npz"), MAX_MILLIS, MAX_BYTES,
        "dir.npz: entry w1/: a folder entry holds data");
  }

  /** Entries are counted: each costs memory even when its array is empty. */
  @Test
  void moreEntriesThanTheLimitAreRefused() {
    byte[] empty = NpyBytes.npy(1, NpyBytes.dict("<f8", false, "(0,)"), new byte[0]);
    ZipBytes.Entry[] entries = new ZipBytes.Entry[NpzReader.MAX_ENTRIES + 1];
    for (int i = 0; i < entries.length; i++) entries[i] = ZipBytes.Entry.stored("a" + i + ".npy", empty);
    byte[] archive = ZipBytes.zip(entries);
    assertRefusedCheaply(() -> NpzReader.read(in(archive), "many.npz"), MAX_MILLIS, MAX_BYTES,
        "many.npz: more than " + NpzReader.MAX_ENTRIES + " zip entries", "NpzReader.MAX_ENTRIES");
  }

  /** Shapes whose product overflows a long or an int, or with an axis beyond an int, are too large. */
  @ParameterizedTest
  @ValueSource(strings = {"(2147483647, 2147483647, 2147483647, 4)", "(65536, 65536)", "(4294967296, 1)"})
  void shapesWhoseProductOverflowsAreRefusedAsTooLarge(String shape) {
    byte[] npy = NpyBytes.npy(1, NpyBytes.dict("<f8", false, shape), new byte[64]);
    assertRefusedCheaply(() -> NpzReader.readNpy(in(npy), "w1.npy", "x.npz"), MAX_MILLIS, MAX_BYTES,
        "x.npz: entry w1.npy: array too large");
  }

  /** The product is computed exactly, not wrapped around: 4·(2^31 - 1)^3. */
  @Test
  void productOfTheOverflowingShapeIsStatedExactly() {
    byte[] npy = NpyBytes.npy(1, NpyBytes.dict("<f8", false, "(2147483647, 2147483647, 2147483647, 4)"), new byte[0]);
    assertRefusedCheaply(() -> NpzReader.readNpy(in(npy), "w1.npy", "x.npz"), MAX_MILLIS, MAX_BYTES,
        "holds 39614081201791936601413124092 values");
  }

  /** A zero axis empties a shape however large its other axes: nothing to allocate, nothing refused. */
  @Test
  void zeroAxisMakesAnyShapeEmpty() {
    byte[] npy = NpyBytes.npy(1, NpyBytes.dict("<f8", false, "(2147483647, 2147483647, 0)"), new byte[0]);
    NpyArray a = NpzReader.readNpy(in(npy), "e.npy", "x.npz");
    assertEquals(0, a.size());
    assertArrayEquals(new int[] {2147483647, 2147483647, 0}, a.shape());
  }

  /** More axes than NumPy allows is a malformed header, whatever their product. */
  @Test
  void moreAxesThanNumPyAllowsAreRefused() {
    String shape = "(" + "1, ".repeat(65) + ")";
    byte[] npy = NpyBytes.npy(1, NpyBytes.dict("<f8", false, shape), NpyBytes.f8(ByteOrder.LITTLE_ENDIAN, 1));
    assertRefusedCheaply(() -> NpzReader.readNpy(in(npy), "w1.npy", "x.npz"), MAX_MILLIS, MAX_BYTES,
        "x.npz: entry w1.npy: malformed header ('shape' has 65 axes, more than NumPy's 64)");
  }

  /** A header that claims more than the stream holds costs the bytes that are there, not the claim. */
  @Test
  void truncatedDataCostsWhatIsThereNotWhatTheHeaderClaims() {
    String shape = "(" + NpzReader.MAX_VALUES + ",)"; // 256 MiB claimed, 800 bytes there
    byte[] npy = NpyBytes.npy(1, NpyBytes.dict("<f8", false, shape), new byte[800]);
    assertRefusedCheaply(() -> NpzReader.readNpy(in(npy), "w1.npy", "x.npz"), MAX_MILLIS, 4 * MIB,
        "x.npz: entry w1.npy: truncated data (expected " + NpzReader.MAX_VALUES + " values, found 100)");
  }

  /**
   * An endless stream (a valid archive, then zeros without end) is refused at MAX_FILE_BYTES, read
   * as it streams past, never held in memory.
   */
  @Test
  void streamLongerThanTheFileLimitIsRefusedWithoutBeingHeld() {
    byte[] start = ZipBytes.zip(ZipBytes.Entry.stored("b2.npy",
        NpyBytes.npy(1, NpyBytes.dict("<f8", false, "(1,)"), NpyBytes.f8(ByteOrder.LITTLE_ENDIAN, 0.5))));
    InputStream endless = new InputStream() {
      private int at;

      @Override
      public int read() {
        return at < start.length ? start[at++] & 0xff : 0;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        int n = Math.min(len, start.length - at);
        if (n > 0) {
          System.arraycopy(start, at, b, off, n);
          at += n;
          return n;
        }
        java.util.Arrays.fill(b, off, off + len, (byte) 0);
        return len;
      }
    };
    assertRefusedCheaply(() -> NpzReader.read(endless, "endless.npz"), 5 * MAX_MILLIS, MAX_BYTES,
        "endless.npz: larger than " + NpzReader.MAX_FILE_BYTES + " bytes", "NpzReader.MAX_FILE_BYTES");
  }
}
