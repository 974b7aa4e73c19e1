package sparkprop.read.npz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkprop.BadInputException;

/** Reads the NumPy-written fixtures in src/test/resources/npz (see the README there). */
class NpzReaderFixturesTest {

  static Map<String, NpyArray> load(String file) {
    try (InputStream in = NpzReaderFixturesTest.class.getResourceAsStream("/npz/" + file)) {
      assertNotNull(in, "missing fixture " + file);
      return NpzReader.read(in, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double w1(int i, int j) {
    return (i - j) / 1000.0;
  }

  static double b1(int j) {
    return j / 10.0;
  }

  static double w2(int j) {
    return (j % 2 == 0 ? 1 : -1) * j / 100.0;
  }

  /** Checks every value of the four arrays against the README's formulas, at float32 rounding if asked. */
  static void assertSeedModel(Map<String, NpyArray> arrays, boolean float32) {
    assertEquals(List.of("w1", "b1", "w2", "b2"), List.copyOf(arrays.keySet()));
    NpyArray w1 = arrays.get("w1");
    NpyArray b1 = arrays.get("b1");
    NpyArray w2 = arrays.get("w2");
    NpyArray b2 = arrays.get("b2");
    assertArrayEquals(new int[] {784, 50}, w1.shape());
    assertArrayEquals(new int[] {50}, b1.shape());
    assertArrayEquals(new int[] {50, 1}, w2.shape());
    assertArrayEquals(new int[] {1}, b2.shape());
    double[] w1Data = w1.data();
    for (int i = 0; i < 784; i++) {
      for (int j = 0; j < 50; j++) {
        assertEquals(round(w1(i, j), float32), w1Data[i * 50 + j], "w1[" + i + "," + j + "]");
        assertEquals(round(w1(i, j), float32), w1.get(i, j), "w1.get(" + i + "," + j + ")");
      }
    }
    for (int j = 0; j < 50; j++) {
      assertEquals(round(b1(j), float32), b1.get(j), "b1[" + j + "]");
      assertEquals(round(w2(j), float32), w2.get(j, 0), "w2[" + j + ",0]");
    }
    assertEquals(0.5, b2.get(0));
  }

  private static double round(double expected, boolean float32) {
    return float32 ? (double) (float) expected : expected;
  }

  @Test
  void storedFloat64FileHoldsEveryValueOfTheFormulaWithRightShapes() {
    Map<String, NpyArray> arrays = load("params-784x50-f64.npz");
    assertSeedModel(arrays, false);
    arrays.values().forEach(a -> assertEquals("<f8", a.sourceDtype()));
  }

  @Test
  void compressedFloat32FileHoldsEveryValueAtFloat32Rounding() {
    Map<String, NpyArray> arrays = load("params-784x50-f32-compressed.npz");
    assertSeedModel(arrays, true);
    arrays.values().forEach(a -> assertEquals("<f4", a.sourceDtype()));
  }

  @Test
  void fortranOrderedFileIsConvertedToRowMajorOrder() {
    assertSeedModel(load("params-784x50-f64-fortran.npz"), false);
  }

  @Test
  void int64FileIsAnUnsupportedDtypeErrorNamingFileAndEntry() {
    BadInputException e = assertThrows(BadInputException.class, () -> load("params-int64.npz"));
    assertEquals("params-int64.npz: entry w1.npy: unsupported dtype '<i8' (expected float64 or float32)",
        e.getMessage());
  }

  @Test
  void badShapeFileLoadsWithItsInconsistentShapesForTheLayerAboveToReject() {
    Map<String, NpyArray> arrays = load("params-bad-shape.npz");
    assertEquals(List.of("w1", "b1", "w2", "b2"), List.copyOf(arrays.keySet()));
    NpyArray w1 = arrays.get("w1");
    assertArrayEquals(new int[] {784, 10}, w1.shape());
    assertArrayEquals(new int[] {50}, arrays.get("b1").shape());
    assertEquals(w1(3, 7), w1.get(3, 7));
  }

  @Test
  void missingB2FileLoadsWithoutAB2Key() {
    Map<String, NpyArray> arrays = load("params-missing-b2.npz");
    assertFalse(arrays.containsKey("b2"));
    assertEquals(List.of("w1", "b1", "w2"), List.copyOf(arrays.keySet()));
    assertArrayEquals(new int[] {784, 50}, arrays.get("w1").shape());
  }

  @Test
  void keysHaveNoNpySuffixAndMatchArrayNames() {
    load("params-784x50-f64.npz").forEach((key, array) -> {
      assertFalse(key.endsWith(".npy"));
      assertEquals(key, array.name());
      assertTrue(array.size() > 0);
    });
  }
}
