package sparkprop.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import sparkprop.check.CheckResult;

/** Tiles: one w1 column as a square picture, enlarged, coloured on a fixed scale. */
class TilesTest {
  @Test
  void onlySquareInputsMakeTiles() {
    assertEquals(28, FirstLayerTiles.squareSide(784));
    assertEquals(-1, FirstLayerTiles.squareSide(785));
    assertEquals(-1, FirstLayerTiles.squareSide(1));
    assertNull(FirstLayerTiles.of(SyntheticCheck.of(new int[] {13, 4, 1}, 2, -1)));
  }

  @Test
  void aTileIsTheUnitsColumnEnlargedWithSharpPixels() {
    CheckResult r = SyntheticCheck.of(new int[] {16, 5, 1}, 2, -1);
    FirstLayerTiles tiles = FirstLayerTiles.of(r);
    BufferedImage tile = tiles.tile(FirstLayerTiles.Kind.REFERENCE, 3);
    int s = FirstLayerTiles.SCALE;
    assertEquals(4 * s, tile.getWidth());
    double[] w1 = r.reference.tensor(r.layout.weight(1));
    for (int pixel = 0; pixel < 16; pixel++) {
      int x = (pixel % 4) * s;
      int y = (pixel / 4) * s;
      int expected = tiles.values.rgb(w1[pixel * 5 + 3]); // element (pixel, unit 3) in C order
      for (int d = 0; d < s * s; d++) assertEquals(expected, tile.getRGB(x + d % s, y + d / s) & 0xffffff);
    }
  }

  @Test
  void theDivergingScaleIsCentredOnZero() {
    DivergingScale scale = new DivergingScale(2);
    assertEquals(0xf7f7f7, scale.rgb(0));
    int red = scale.rgb(2);
    int blue = scale.rgb(-2);
    assertTrue(((red >> 16) & 0xff) > (red & 0xff), "positive is red");
    assertTrue((blue & 0xff) > ((blue >> 16) & 0xff), "negative is blue");
    assertEquals(scale.rgb(2), scale.rgb(50), "saturates beyond the limit");
    assertEquals(DivergingScale.NON_FINITE, scale.rgb(Double.NaN));
  }

  @Test
  void theDifferenceScaleHidesRoundingAndShowsAFlippedBit() {
    DifferenceScale scale = new DifferenceScale(1e-12, "float64");
    for (double rounding : new double[] {0, 1e-17, 1e-16, 1e-15, 6e-15}) {
      assertEquals(DifferenceScale.BLANK, scale.rgb(rounding), "rounding " + rounding + " is blank");
    }
    int within = scale.rgb(1e-13);
    assertNotEquals(DifferenceScale.BLANK, within);
    assertTrue((within & 0xff) < 0xc0 && ((within >> 8) & 0xff) > 0x80, "within tolerance: yellow to orange");
    for (double flip : new double[] {1e-5, 1e-4}) {
      int c = scale.rgb(flip);
      int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff;
      assertTrue(r > 0x60 && g < 0x40, "a flipped bit " + flip + " is red: " + Integer.toHexString(c));
    }
  }

  @Test
  void theCorruptedUnitsDifferenceTileHasColourAndTheOthersNone() {
    FirstLayerTiles tiles = FirstLayerTiles.of(SyntheticCheck.of(new int[] {784, 20, 10}, 3, 7));
    for (int unit = 0; unit < 20; unit++) {
      BufferedImage tile = tiles.tile(FirstLayerTiles.Kind.DIFFERENCE, unit);
      int coloured = 0;
      for (int y = 0; y < tile.getHeight(); y++) {
        for (int x = 0; x < tile.getWidth(); x++) if ((tile.getRGB(x, y) & 0xffffff) != DifferenceScale.BLANK) coloured++;
      }
      assertEquals(unit == 7 ? FirstLayerTiles.SCALE * FirstLayerTiles.SCALE : 0, coloured, "unit " + unit);
    }
  }
}
