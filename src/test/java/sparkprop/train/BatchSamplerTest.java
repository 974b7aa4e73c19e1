package sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sparkprop.rows.RowChunk;

/** Mini-batches by row id: every row exactly once per epoch, about B rows a step, a new order each epoch. */
class BatchSamplerTest {
  private static RowChunk rows(int n) {
    byte[] labels = new byte[n];
    for (int r = 0; r < n; r++) labels[r] = (byte) (r % 10);
    return RowChunk.consecutive(2, new byte[2 * n], labels, 0);
  }

  @Test
  void everyRowIsUsedExactlyOncePerEpoch() {
    int n = 1000;
    BatchSampler s = new BatchSampler(n, 64, 7);
    assertEquals(16, s.stepsPerEpoch);
    for (long epoch = 0; epoch < 3; epoch++) {
      Set<Long> seen = new HashSet<>();
      long total = 0;
      for (long slot = 0; slot < s.stepsPerEpoch; slot++) {
        long step = epoch * s.stepsPerEpoch + slot;
        Iterator<RowChunk> batch = s.batch(List.of(rows(n)).iterator(), step);
        long size = 0;
        while (batch.hasNext()) {
          RowChunk c = batch.next();
          for (long id : c.rowIds) assertTrue(seen.add(id), "row " + id + " twice in epoch " + epoch);
          size += c.count;
        }
        assertTrue(size > 20 && size < 120, "step " + step + " has " + size + " rows");
        total += size;
      }
      assertEquals(n, total);
      assertEquals(n, seen.size());
    }
  }

  @Test
  void theOrderChangesFromEpochToEpochAndDependsOnTheSeedOnly() {
    BatchSampler s = new BatchSampler(1000, 100, 1);
    int same = 0;
    for (long id = 0; id < 1000; id++) {
      if (s.inBatch(id, 0) && s.inBatch(id, s.stepsPerEpoch)) same++;
    }
    assertTrue(same < 40, same + " rows stayed in the first slot");
    BatchSampler again = new BatchSampler(1000, 100, 1);
    for (long id = 0; id < 1000; id++) assertEquals(s.inBatch(id, 5), again.inBatch(id, 5));
  }
}
