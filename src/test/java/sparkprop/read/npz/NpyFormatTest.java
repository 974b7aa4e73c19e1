package sparkprop.read.npz;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sparkprop.read.npz.NpyBytes.dict;
import static sparkprop.read.npz.NpyBytes.f4;
import static sparkprop.read.npz.NpyBytes.f8;
import static sparkprop.read.npz.NpyBytes.npy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkprop.BadInputException;

/** The .npy layer, on hand-built bytes: versions, byte orders, shapes, Fortran order and every error. */
class NpyFormatTest {

  private static NpyArray read(byte[] npy) {
    return NpzReader.readNpy(new ByteArrayInputStream(npy), "a.npy", "x.npz");
  }

  private static String error(byte[] npy) {
    BadInputException e = assertThrows(BadInputException.class, () -> read(npy));
    assertTrue(e.getMessage().startsWith("x.npz: entry a.npy: "), e.getMessage());
    assertEquals(-1, e.getMessage().indexOf('\n'), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void versions1And2And3AreReadWithTheirHeaderLengthWidths(int major) {
    NpyArray a = read(npy(major, dict("<f8", false, "(3,)"), f8(LITTLE_ENDIAN, 1.5, -2, 3e300)));
    assertEquals("a", a.name());
    assertArrayEquals(new int[] {3}, a.shape());
    assertArrayEquals(new double[] {1.5, -2, 3e300}, a.data());
  }

  @Test
  void bigEndianFloat64IsDecodedWithBigEndianByteOrder() {
    NpyArray a = read(npy(1, dict(">f8", false, "(2,)"), f8(BIG_ENDIAN, 0.1, -7.25)));
    assertArrayEquals(new double[] {0.1, -7.25}, a.data());
    assertEquals(">f8", a.sourceDtype());
  }

  @Test
  void float32InBothByteOrdersIsWidenedExactly() {
    float[] values = {0.1f, -3.75f, Float.MIN_VALUE};
    double[] widened = {0.1f, -3.75f, Float.MIN_VALUE};
    assertArrayEquals(widened, read(npy(1, dict("<f4", false, "(3,)"), f4(LITTLE_ENDIAN, values))).data());
    assertArrayEquals(widened, read(npy(1, dict(">f4", false, "(3,)"), f4(BIG_ENDIAN, values))).data());
  }

  @Test
  void scalarShapeHoldsOneValueWithNoAxes() {
    NpyArray a = read(npy(1, dict("<f8", false, "()"), f8(LITTLE_ENDIAN, 42)));
    assertEquals(0, a.ndim());
    assertEquals(42.0, a.get());
  }

  @Test
  void fortranOrderIsConvertedToCOrderInThreeDimensions() {
    int[] shape = {2, 3, 4};
    double[] fortran = new double[24];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 4; k++) fortran[i + 2 * j + 6 * k] = 100 * i + 10 * j + k;
      }
    }
    NpyArray a = read(npy(1, dict("<f8", true, "(2, 3, 4)"), f8(LITTLE_ENDIAN, fortran)));
    assertArrayEquals(shape, a.shape());
    double[] c = a.data();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 4; k++) assertEquals(100 * i + 10 * j + k, c[(i * 3 + j) * 4 + k]);
      }
    }
  }

  @Test
  void headerKeysMayComeInAnyOrderWithDoubleQuotesAndPython2Longs() {
    NpyArray a = read(npy(1, "{\"shape\": (2L, 1L), \"fortran_order\": False, \"descr\": \"<f8\"}",
        f8(LITTLE_ENDIAN, 1, 2)));
    assertArrayEquals(new int[] {2, 1}, a.shape());
  }

  @Test
  void zeroSizedArrayIsReadWithNoValues() {
    NpyArray a = read(npy(1, dict("<f8", false, "(0, 5)"), new byte[0]));
    assertArrayEquals(new int[] {0, 5}, a.shape());
    assertEquals(0, a.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"<i8", "<i4", "|u1", "|b1", "<f2", "<c16", "|f8", "<U5"})
  void integerAndOtherNonFloatDtypesAreUnsupported(String descr) {
    assertEquals("x.npz: entry a.npy: unsupported dtype '" + descr + "' (expected float64 or float32)",
        error(npy(1, dict(descr, false, "(1,)"), new byte[16])));
  }

  @Test
  void structuredDtypeIsUnsupported() {
    String message = error(npy(1, "{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (1,), }", new byte[8]));
    assertTrue(message.contains("unsupported dtype"), message);
  }

  @Test
  void shortDataIsTruncatedDataNamingExpectedAndFoundCounts() {
    assertEquals("x.npz: entry a.npy: truncated data (expected 39200 values, found 100)",
        error(npy(1, dict("<f8", false, "(784, 50)"), new byte[800 + 3])));
  }

  @Test
  void wrongMagicIsBadMagic() {
    byte[] bytes = npy(1, dict("<f8", false, "(1,)"), new byte[8]);
    bytes[1] = 'X';
    assertTrue(error(bytes).contains("bad magic"));
  }

  @Test
  void emptyEntryAndCutHeaderAreReported() {
    assertTrue(error(new byte[0]).contains("empty entry"));
    byte[] full = npy(1, dict("<f8", false, "(1,)"), new byte[8]);
    assertTrue(error(Arrays.copyOf(full, 7)).contains("truncated header"));
    assertTrue(error(Arrays.copyOf(full, 20)).contains("truncated header"));
  }

  @Test
  void badShapeMessageQuotesTheShapeAsPythonWrites() {
    assertEquals("x.npz: entry a.npy: malformed header ('shape' is (-1,), expected a tuple of non-negative integers)",
        error(npy(1, dict("<f8", false, "(-1,)"), new byte[8])));
  }

  @Test
  void unknownFormatVersionIsRejected() {
    assertTrue(error(npy(4, dict("<f8", false, "(1,)"), new byte[8])).contains("unsupported .npy format version 4.0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "not a dict",
      "{'descr': '<f8', 'fortran_order': False}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'extra': 1}",
      "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': 1}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (1.5,)}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} trailing",
      "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,)}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)",
      "{'descr: '<f8', 'fortran_order': False, 'shape': (1,)}",
      "{'descr': 8, 'fortran_order': False, 'shape': (1,)}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999,)}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000)}",
      "((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))))",
  })
  void malformedHeaderIsABadInputErrorNotACrash(String header) {
    String message = error(npy(1, header, new byte[8]));
    assertTrue(message.contains("malformed header") || message.contains("too large"), message);
  }
}
