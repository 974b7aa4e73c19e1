package sparkprop.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.nn.Parameters;
import sparkprop.nn.Tensor;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzWriter;

/**
 * Weights load in time linear in their size: a 784×4096 model (3.2 million values) loads, every value
 * in its place. The old loader copied the whole array once per element — quadratic: 7.8 s for 784×150,
 * so hours for this one — and the generous bound below only separates those two, it times nothing.
 */
class WeightsFileSizeTest {
  @TempDir Path tmp;

  @Test
  void a784By4096ModelLoadsInLinearTime() throws Exception {
    int m = 784, nh = 4096;
    double[] w1 = new double[m * nh];
    for (int k = 0; k < w1.length; k++) w1[k] = k % 1000 / 1000.0;
    double[] w2 = new double[nh];
    for (int k = 0; k < nh; k++) w2[k] = -k / 100.0;
    Path file = tmp.resolve("big.npz");
    try (OutputStream out = Files.newOutputStream(file)) {
      NpzWriter.write(out, List.of(NpyArray.of("w1", new int[] {m, nh}, w1), NpyArray.of("b1", new int[] {nh}, new double[nh]),
          NpyArray.of("w2", new int[] {nh, 1}, w2), NpyArray.of("b2", new int[] {1}, new double[] {0.5})));
    }
    Parameters p = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> WeightsFile.load(file.toString(), new Configuration(), m));
    assertEquals("784-4096-1", p.layout().toString());
    double[] theta = p.theta();
    Tensor t = p.layout().weight(1);
    assertEquals(w1[5 * nh + 7], theta[t.offset + 5 + 7 * m]); // w1[5, 7], column-major in θ
    assertEquals(w2[4095], theta[p.layout().weight(2).offset + 4095]);
  }
}
