package sparkprop.read.npz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import sparkprop.BadInputException;

/** Archives that are not usable .npz files: each is a one-line BadInputException naming the file. */
class NpzReaderErrorsTest {

  private static String error(byte[] bytes, String fileName) {
    BadInputException e = assertThrows(BadInputException.class,
        () -> NpzReader.read(new ByteArrayInputStream(bytes), fileName));
    assertTrue(e.getMessage().startsWith(fileName + ": "), e.getMessage());
    assertEquals(-1, e.getMessage().indexOf('\n'), "one line: " + e.getMessage());
    return e.getMessage();
  }

  private static byte[] fixture(String file) throws IOException {
    try (InputStream in = NpzReaderErrorsTest.class.getResourceAsStream("/npz/" + file)) {
      return in.readAllBytes();
    }
  }

  @Test
  void garbageBytesAreNotAZipArchive() {
    byte[] garbage = new byte[1000];
    new Random(7).nextBytes(garbage);
    assertEquals("x.npz: not a zip archive", error(garbage, "x.npz"));
    assertEquals("notes.npz: not a zip archive", error("hello, world\n".getBytes(), "notes.npz"));
  }

  @Test
  void emptyStreamIsAnErrorNamingTheFile() {
    assertEquals("empty.npz: empty file (not a zip archive)", error(new byte[0], "empty.npz"));
  }

  @Test
  void archiveTruncatedAnywhereIsAnErrorNamingTheFile() throws IOException {
    for (String file : List.of("params-784x50-f64.npz", "params-784x50-f32-compressed.npz")) {
      byte[] whole = fixture(file);
      for (int length : new int[] {4, 30, 100, whole.length / 2, whole.length - 200, whole.length - 1}) {
        String message = error(Arrays.copyOf(whole, length), file);
        assertTrue(message.contains("truncated"), message);
      }
    }
  }

  @Test
  void corruptedDeflatedDataIsAnErrorNamingTheFileAndEntry() throws IOException {
    byte[] bytes = fixture("params-784x50-f32-compressed.npz");
    for (int i = 200; i < 1200; i++) bytes[i] ^= 0x5a; // inside w1.npy's deflated data
    String message = error(bytes, "c.npz");
    assertTrue(message.startsWith("c.npz: entry w1.npy: corrupt or truncated data ("), message);
  }

  @Test
  void corruptedStoredDataFailsTheCrcCheck() throws IOException {
    byte[] bytes = fixture("params-784x50-f64.npz");
    bytes[5000] ^= 1; // inside w1.npy's stored float64 data
    String message = error(bytes, "s.npz");
    assertTrue(message.startsWith("s.npz: entry w1.npy: "), message);
  }

  @Test
  void corruptDataInAFolderEntryIsBadInputNamingTheEntry() {
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    byte[] archive = ZipBytes.zip(new ZipBytes.Entry("w1/", garbage, true, 0, 10, false));
    String message = error(archive, "d.npz");
    assertTrue(message.startsWith("d.npz: entry w1/: corrupt or truncated data ("), message);
  }

  @Test
  void singleNpyFileIsNotAnNpz() {
    byte[] npy = NpyBytes.npy(1, NpyBytes.dict("<f8", false, "(1,)"), new byte[8]);
    assertTrue(error(npy, "w.npz").startsWith("w.npz: not a zip archive"));
  }

  @Test
  void zipEntryThatIsNotNpyIsBadMagicNamingTheEntry() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("readme.txt"));
      zip.write("not an array".getBytes());
    }
    assertEquals("z.npz: entry readme.txt: bad magic (not a .npy array)", error(out.toByteArray(), "z.npz"));
  }

  @Test
  void emptyArchiveHasNoArrays() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ZipOutputStream(out).close();
    assertTrue(NpzReader.read(new ByteArrayInputStream(out.toByteArray()), "e.npz").isEmpty());
  }
}
