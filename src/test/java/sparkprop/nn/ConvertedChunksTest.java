package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sparkprop.rows.RowChunk;

/**
 * Rows converted once per JVM give the same bits as rows converted block by block; only chunks seen
 * again and again are kept, within the budget.
 */
class ConvertedChunksTest {
  @AfterEach
  void reset() {
    ConvertedChunks.clear();
  }

  private static double[] pass(Parameters p, Architecture a, Precision precision, int blockRows, boolean dx,
      RowChunk... chunks) {
    GradientPass pass = new GradientPass(new Network(p, a, precision), blockRows, PixelScale.BYTE, dx);
    double[] inputSum = {0};
    for (RowChunk c : chunks) {
      pass.accumulate(c, dx ? (ids, first, m) -> {
        for (int k = 0; k < m.size(); k++) inputSum[0] += m.get(k) * (k + 1);
      } : null);
    }
    double[] sums = pass.gradientSums();
    double[] out = java.util.Arrays.copyOf(sums, sums.length + 2);
    out[sums.length] = pass.lossSum();
    out[sums.length + 1] = inputSum[0];
    return out;
  }

  @Test
  void convertedRowsGiveTheSameBitsAsBlockByBlock() {
    for (Object[] net : GradientPassTest.networks()) {
      Layout layout = (Layout) net[0];
      Architecture a = (Architecture) net[1];
      Parameters p = Parameters.random(layout, Init.KAIMING, 5);
      for (Precision precision : Precision.values()) {
        // Chunks seen for the first time are converted block by block.
        double[] blockByBlock = pass(p, a, precision, 16, true, GradientPassTest.rows(77, 11, 0),
            GradientPassTest.rows(40, 12, 77));
        RowChunk one = GradientPassTest.rows(77, 11, 0);
        RowChunk two = GradientPassTest.rows(40, 12, 77);
        for (int run = 0; run < ConvertedChunks.SIGHTINGS + 1; run++) {
          assertArrayEquals(blockByBlock, pass(p, a, precision, 16, true, one, two), layout + " " + a + " " + precision + " run " + run);
        }
        assertNotNull(ConvertedChunks.columns(one, precision, PixelScale.BYTE), "kept after " + ConvertedChunks.SIGHTINGS + " passes");
      }
    }
  }

  @Test
  void onlyChunksSeenAgainAreKept() {
    RowChunk c = GradientPassTest.rows(30, 1, 0);
    for (int k = 1; k < ConvertedChunks.SIGHTINGS; k++) assertNull(ConvertedChunks.columns(c, Precision.FLOAT32, PixelScale.BYTE));
    Matrix m = ConvertedChunks.columns(c, Precision.FLOAT32, PixelScale.BYTE);
    assertNotNull(m);
    assertSame(m, ConvertedChunks.columns(c, Precision.FLOAT32, PixelScale.BYTE));
    assertEquals(GradientPassTest.M, m.rows());
    assertEquals(30, m.cols());
    for (int r = 0; r < 30; r++) {
      for (int i = 0; i < GradientPassTest.M; i++) assertEquals(c.pixel(r, i) / 255f, (float) m.get(i, r), 0f);
    }
    assertNull(ConvertedChunks.columns(GradientPassTest.rows(30, 1, 0), Precision.FLOAT32, PixelScale.BYTE),
        "an equal chunk that is another object is another chunk");
    PixelScale other = new PixelScale(100);
    for (int k = 1; k < ConvertedChunks.SIGHTINGS; k++) ConvertedChunks.columns(c, Precision.FLOAT32, other);
    Matrix scaled = ConvertedChunks.columns(c, Precision.FLOAT32, other);
    assertTrue(scaled != m && scaled != null);
  }

  @Test
  void theBudgetBoundsWhatIsKept() {
    RowChunk small = GradientPassTest.rows(1000, 2, 0); // 20 × 1000 doubles = 160,000 bytes
    for (int k = 0; k < ConvertedChunks.SIGHTINGS + 1; k++) {
      assertNull(ConvertedChunks.columns(small, Precision.FLOAT64, PixelScale.BYTE, 100_000));
    }
    RowChunk other = GradientPassTest.rows(1000, 3, 1000);
    // Both in use, pass after pass: the first keeps its place, the second is converted block by block.
    for (int pass = 0; pass < ConvertedChunks.SIGHTINGS + 2; pass++) {
      boolean kept = ConvertedChunks.columns(small, Precision.FLOAT64, PixelScale.BYTE, 250_000) != null;
      assertEquals(pass >= ConvertedChunks.SIGHTINGS - 1, kept, "pass " + pass);
      assertNull(ConvertedChunks.columns(other, Precision.FLOAT64, PixelScale.BYTE, 250_000), "pass " + pass);
    }
    assertEquals(160_000, ConvertedChunks.heldBytes());
    // The first no longer used: the second takes its room.
    for (int pass = 0; pass < 2; pass++) ConvertedChunks.columns(other, Precision.FLOAT64, PixelScale.BYTE, 250_000);
    assertNotNull(ConvertedChunks.columns(other, Precision.FLOAT64, PixelScale.BYTE, 250_000));
    assertEquals(160_000, ConvertedChunks.heldBytes());
  }
}
