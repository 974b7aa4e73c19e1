package sparkprop.pass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import sparkprop.LocalSpark;
import sparkprop.aggregate.PartialSum;
import sparkprop.aggregate.TreeSum;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.GradientPass;
import sparkprop.nn.Init;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Network;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.rows.RowChunk;

/**
 * The distributed pass gives the same bits however θ travels (inside the tasks or broadcast), wherever
 * the tree is added, pass after pass while the JVM's caches warm up (converted rows, pooled passes),
 * and the sums of a single-node pass over the same rows.
 */
class DistributedPassTest {
  static final int WIDTH = 30;

  /** Rows in {@code partitions} partitions, cached: each task gets the same chunk objects pass after pass. */
  private static JavaRDD<RowChunk> rows(JavaSparkContext sc, int partitions, int perPartition) {
    return uncached(sc, partitions, perPartition).cache();
  }

  /** The same rows uncached: each task deserializes chunks of its own, which no JVM cache has seen. */
  private static JavaRDD<RowChunk> uncached(JavaSparkContext sc, int partitions, int perPartition) {
    List<RowChunk> chunks = new ArrayList<>();
    Random r = new Random(4);
    for (int p = 0; p < partitions; p++) {
      byte[] pixels = new byte[perPartition * WIDTH];
      byte[] labels = new byte[perPartition];
      for (int k = 0; k < pixels.length; k++) pixels[k] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : 0);
      for (int k = 0; k < labels.length; k++) labels[k] = (byte) r.nextInt(10);
      chunks.add(RowChunk.consecutive(WIDTH, pixels, labels, (long) p * perPartition));
    }
    return sc.parallelize(chunks, partitions);
  }

  private static PassSettings settings(Precision p) {
    return new PassSettings(new Architecture(Activation.RELU, LossKind.CROSS_ENTROPY), p, 16, PixelScale.BYTE, 2,
        false);
  }

  /**
   * The first pass over rows no cache has seen (converted block by block) against passes over cached
   * rows as the converted-rows cache and the pass pool warm up; θ inside the tasks and, for a θ too
   * large for that, broadcast; the tree added on the driver and through shuffles: the same bits.
   */
  @Test
  void passesGiveTheSameBitsHoweverThetaTravelsAndAsTheCachesWarm() {
    JavaSparkContext sc = LocalSpark.context();
    // 8 hidden units: θ travels inside the tasks; 2,500: 820 KB, broadcast at 7 partitions (> 4 MB in all).
    for (int hidden : new int[] {8, 2500}) {
      Parameters theta = Parameters.random(new Layout(WIDTH, hidden, 10), Init.KAIMING, 3);
      for (int partitions : new int[] {2, 7}) {
        JavaRDD<RowChunk> rows = rows(sc, partitions, 45);
        String where = hidden + " hidden, " + partitions + " partitions";
        assertEquals(hidden == 8 || partitions == 2, DistributedPass.inline(partitions, theta), where);
        for (Precision p : Precision.values()) {
          PartialSum plain = DistributedPass.run(sc, uncached(sc, partitions, 45), theta, settings(p),
              PartitionHook.NONE);
          for (int run = 0; run < 5; run++) {
            PartialSum warm = DistributedPass.run(sc, rows, theta, settings(p), PartitionHook.NONE);
            assertArrayEquals(plain.sum.sums(), warm.sum.sums(), where + ", " + p + ", run " + run);
            assertEquals(plain.sum.lossSum(), warm.sum.lossSum(), 0.0);
            assertEquals(partitions * 45L, warm.sum.rows());
            for (int q = 0; q < partitions; q++) assertEquals(q, warm.records.get(q).partition);
          }
          PartialSum onExecutors = TreeSum.sum(DistributedPass.partials(rows, null,
              new PartitionPass(theta, settings(p), PartitionHook.NONE)), 2, true);
          assertArrayEquals(plain.sum.sums(), onExecutors.sum.sums(), "the tree added through shuffles");
        }
        rows.unpersist(true);
      }
    }
  }

  /** Rows chosen inside the pass's tasks (a mini-batch) give what the same rows as an RDD of their own give. */
  @Test
  void aRowFilterInTheTaskEqualsAnRddOfTheSameRows() {
    JavaSparkContext sc = LocalSpark.context();
    Parameters theta = Parameters.random(new Layout(WIDTH, 8, 10), Init.KAIMING, 3);
    JavaRDD<RowChunk> rows = rows(sc, 3, 40);
    DistributedPass.RowFilter everyThird = chunks -> {
      List<RowChunk> out = new ArrayList<>();
      while (chunks.hasNext()) {
        RowChunk c = chunks.next();
        int n = (c.count + 2) / 3;
        byte[] pixels = new byte[n * c.width];
        byte[] labels = new byte[n];
        long[] ids = new long[n];
        for (int k = 0; k < n; k++) {
          System.arraycopy(c.pixels, 3 * k * c.width, pixels, k * c.width, c.width);
          labels[k] = c.labels[3 * k];
          ids[k] = c.rowIds[3 * k];
        }
        out.add(new RowChunk(c.width, pixels, labels, ids));
      }
      return out.iterator();
    };
    for (Precision p : Precision.values()) {
      PartialSum asRdd = DistributedPass.run(sc, rows.mapPartitions(everyThird::apply, true), theta, settings(p),
          PartitionHook.NONE);
      PartialSum inTask = DistributedPass.run(sc, rows, everyThird, theta, settings(p), PartitionHook.NONE);
      assertEquals(3 * 14L, inTask.sum.rows());
      assertArrayEquals(asRdd.sum.sums(), inTask.sum.sums(), p.toString());
      assertEquals(asRdd.sum.lossSum(), inTask.sum.lossSum(), 0.0);
    }
    rows.unpersist(true);
  }

  @Test
  void bigThetaOrManyTasksGoBroadcast() {
    Parameters small = Parameters.random(Layout.regressor(784, 50), Init.RANDN, 1); // 39,301 doubles
    assertTrue(DistributedPass.inline(2, small));
    assertTrue(DistributedPass.inline(13, small));
    assertFalse(DistributedPass.inline(200, small));
    JavaSparkContext sc = LocalSpark.context();
    Parameters theta = Parameters.random(new Layout(WIDTH, 8, 10), Init.KAIMING, 3);
    JavaRDD<RowChunk> rows = rows(sc, 3, 20);
    PartialSum inline = DistributedPass.run(sc, rows, theta, settings(Precision.FLOAT64), PartitionHook.NONE);
    GradientPass one = new GradientPass(new Network(theta, settings(Precision.FLOAT64).architecture, Precision.FLOAT64),
        16, PixelScale.BYTE, false);
    for (RowChunk c : rows.collect()) one.accumulate(c, null);
    assertEquals(one.rows(), inline.sum.rows());
    double[] expected = one.gradientSums();
    for (int k = 0; k < expected.length; k++) assertEquals(expected[k], inline.sum.sums()[k], 1e-12 * (1 + Math.abs(expected[k])));
    rows.unpersist(true);
  }
}
