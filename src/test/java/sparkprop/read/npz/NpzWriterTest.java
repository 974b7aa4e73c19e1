package sparkprop.read.npz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class NpzWriterTest {

  private static List<NpyArray> sample() {
    double[] w = new double[6 * 4];
    for (int i = 0; i < w.length; i++) w[i] = Math.sin(i) * 1e-3 + i;
    w[1] = -0.0;
    w[2] = Double.NaN;
    w[3] = Double.POSITIVE_INFINITY;
    w[4] = Double.MIN_VALUE;
    w[5] = Double.MAX_VALUE;
    return List.of(
        NpyArray.of("w1", new int[] {6, 4}, w),
        NpyArray.of("b1", new int[] {4}, new double[] {0.1, 0.2, 0.3, 0.4}),
        NpyArray.of("b2", new int[] {1}, new double[] {0.5}),
        NpyArray.of("s", new int[0], new double[] {-1.25}),
        NpyArray.of("big", new int[] {12345, 1}, new double[12345]));
  }

  private static byte[] write(List<NpyArray> arrays) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NpzWriter.write(out, arrays);
    return out.toByteArray();
  }

  @Test
  void roundTripIsBitwiseEqualWithShapesAndOrder() {
    List<NpyArray> arrays = sample();
    Map<String, NpyArray> back = NpzReader.read(new ByteArrayInputStream(write(arrays)), "rt.npz");
    assertEquals(List.of("w1", "b1", "b2", "s", "big"), new ArrayList<>(back.keySet()));
    for (NpyArray original : arrays) {
      NpyArray read = back.get(original.name());
      assertArrayEquals(original.shape(), read.shape(), original.name());
      assertEquals("<f8", read.sourceDtype());
      double[] expected = original.data();
      double[] actual = read.data();
      assertEquals(expected.length, actual.length);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
            original.name() + "[" + i + "]");
      }
    }
  }

  @Test
  void float32SourceIsWrittenAsFloat64AndReadBackEqual() {
    NpyArray f32 = new NpyArray("x", new int[] {2}, new double[] {0.1f, 3.5f}, "<f4");
    NpyArray back = NpzReader.read(new ByteArrayInputStream(write(List.of(f32))), "f.npz").get("x");
    assertArrayEquals(f32.data(), back.data());
  }

  @Test
  void writingTheSameArraysTwiceGivesIdenticalBytes() {
    assertArrayEquals(write(sample()), write(sample()));
  }

  @Test
  void entriesAreStoredNpyV1LittleEndianF8WithDataAlignedTo64Bytes() throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(write(sample())))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        names.add(entry.getName());
        assertEquals(ZipEntry.STORED, entry.getMethod(), entry.getName());
        assertEquals(LocalDateTime.of(1980, 1, 1, 0, 0), entry.getTimeLocal(), "fixed entry time, not the clock");
        byte[] npy = zip.readAllBytes();
        assertEquals(1, npy[6], "major version");
        assertEquals(0, npy[7], "minor version");
        int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
        int dataOffset = 10 + headerLength;
        assertEquals(0, dataOffset % 64, entry.getName() + " data offset " + dataOffset);
        String header = new String(npy, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertEquals('\n', header.charAt(header.length() - 1));
        assertEquals(header.strip(), header.substring(0, header.lastIndexOf('}') + 1));
      }
    }
    assertEquals(List.of("w1.npy", "b1.npy", "b2.npy", "s.npy", "big.npy"), names);
  }

  @Test
  void headerWritesDescrFortranOrderAndShapeAsNumpyDoes() {
    assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (784, 50), }", header(new int[] {784, 50}));
    assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (50,), }", header(new int[] {50}));
    assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", header(new int[0]));
  }

  private static String header(int[] shape) {
    int size = 1;
    for (int d : shape) size *= d;
    byte[] npy = NpzWriter.npyBytes(NpyArray.of("a", shape, new double[size]));
    int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
    assertEquals(10 + headerLength + 8 * size, npy.length);
    return new String(npy, 10, headerLength, StandardCharsets.ISO_8859_1).strip();
  }

  @Test
  void duplicateOrEmptyNamesAreRejected() {
    NpyArray a = NpyArray.of("a", new int[] {1}, new double[1]);
    assertThrows(IllegalArgumentException.class, () -> write(List.of(a, a)));
    assertThrows(IllegalArgumentException.class, () -> write(List.of(NpyArray.of("", new int[0], new double[1]))));
  }

  @Test
  void callerStreamIsLeftOpen() {
    ByteArrayOutputStream out = new ByteArrayOutputStream() {
      @Override
      public void close() {
        throw new AssertionError("writer closed the caller's stream");
      }
    };
    NpzWriter.write(out, sample());
    assertEquals(write(sample()).length, out.size());
  }
}
