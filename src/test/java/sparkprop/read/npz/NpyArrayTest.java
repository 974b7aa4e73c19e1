package sparkprop.read.npz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NpyArrayTest {

  @Test
  void getIndexesInRowMajorOrder() {
    NpyArray a = NpyArray.of("m", new int[] {2, 3}, new double[] {0, 1, 2, 10, 11, 12});
    assertEquals(12.0, a.get(1, 2));
    assertEquals(1.0, a.get(0, 1));
    assertEquals(10.0, a.get(1, 0));
    assertEquals(6, a.size());
  }

  @Test
  void scalarHasOneValueAndNoAxes() {
    NpyArray s = NpyArray.of("s", new int[0], new double[] {4.5});
    assertEquals(0, s.ndim());
    assertEquals(1, s.size());
    assertEquals(4.5, s.get());
    assertEquals("()", s.shapeString());
  }

  @Test
  void shapeStringMatchesNumpyTupleRepr() {
    assertEquals("(50,)", NpyArray.of("b", new int[] {50}, new double[50]).shapeString());
    assertEquals("(2, 3)", NpyArray.of("w", new int[] {2, 3}, new double[6]).shapeString());
  }

  @Test
  void isImmutableAgainstCallerArrays() {
    int[] shape = {2};
    double[] data = {1, 2};
    NpyArray a = NpyArray.of("v", shape, data);
    shape[0] = 99;
    data[0] = 99;
    a.data()[1] = 99;
    a.shape()[0] = 99;
    assertArrayEquals(new int[] {2}, a.shape());
    assertArrayEquals(new double[] {1, 2}, a.data());
  }

  @Test
  void rejectsDataLengthThatDoesNotMatchShape() {
    assertThrows(IllegalArgumentException.class, () -> NpyArray.of("w", new int[] {2, 3}, new double[5]));
    assertThrows(IllegalArgumentException.class, () -> NpyArray.of("w", new int[] {-1}, new double[0]));
  }

  @Test
  void getRejectsOutOfRangeOrWrongArityIndex() {
    NpyArray a = NpyArray.of("m", new int[] {2, 3}, new double[6]);
    assertThrows(IndexOutOfBoundsException.class, () -> a.get(2, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> a.get(0, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> a.get(-1, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> a.get(1));
  }
}
