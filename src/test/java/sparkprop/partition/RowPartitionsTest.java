package sparkprop.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.LocalSpark;
import sparkprop.read.HadoopConf;
import sparkprop.read.IdxDataset;
import sparkprop.read.IdxFiles;
import sparkprop.rows.RowChunk;

/** A gzipped source, read once and dealt out, yields exactly the partitions a raw file read part by part does. */
class RowPartitionsTest {
  @TempDir Path tmp;

  private static List<List<RowChunk>> partitions(IdxDataset source, int p) {
    HadoopConf conf = new HadoopConf(LocalSpark.context().hadoopConfiguration());
    return RowPartitions.of(LocalSpark.context(), source, p, conf).glom().collect();
  }

  private static RowChunk flat(List<RowChunk> chunks, int width) {
    return RowChunk.concat(width, chunks.isEmpty() ? List.of(new RowChunk(width, new byte[0], new byte[0], new long[0])) : chunks);
  }

  @Test
  void aGzippedFileIsDealtOutIntoTheSamePartsAsTheRawFile() throws IOException {
    int rows = 101, h = 3, w = 4;
    byte[] pixels = IdxFiles.randomPixels(rows, h * w, 1);
    byte[] labels = IdxFiles.randomLabels(rows, 2);
    java.nio.file.Files.createDirectories(tmp.resolve("raw"));
    java.nio.file.Files.createDirectories(tmp.resolve("gz"));
    IdxFiles.write(tmp.resolve("raw"), "", h, w, pixels, labels, false);
    IdxFiles.write(tmp.resolve("gz"), "", h, w, pixels, labels, true);
    IdxDataset raw = IdxDataset.open(tmp.resolve("raw").toString(), new Configuration());
    IdxDataset gz = IdxDataset.open(tmp.resolve("gz").toString(), new Configuration());
    assertFalse(gz.splittable());
    for (int p : new int[] {1, 3, 7, 150}) {
      List<List<RowChunk>> a = partitions(raw, p);
      List<List<RowChunk>> b = partitions(gz, p);
      assertEquals(p, b.size());
      for (int k = 0; k < p; k++) {
        RowChunk x = flat(a.get(k), h * w);
        RowChunk y = flat(b.get(k), h * w);
        assertArrayEquals(x.rowIds, y.rowIds, "p=" + p + " part " + k);
        assertArrayEquals(x.pixels, y.pixels);
        assertArrayEquals(x.labels, y.labels);
      }
    }
  }

  /**
   * The rows' lineage travels with every task of every pass over them: it must not carry the Hadoop
   * configuration (every property of the driver's, ~170 KB, ~6 ms to deserialize), which goes as a
   * broadcast instead.
   */
  @Test
  void theLineageTasksCarryHoldsNoHadoopConfiguration() throws IOException {
    int rows = 20, h = 2, w = 3;
    java.nio.file.Files.createDirectories(tmp.resolve("raw2"));
    IdxFiles.write(tmp.resolve("raw2"), "", h, w, IdxFiles.randomPixels(rows, h * w, 3), IdxFiles.randomLabels(rows, 4), false);
    IdxDataset raw = IdxDataset.open(tmp.resolve("raw2").toString(), new Configuration());
    HadoopConf conf = new HadoopConf(LocalSpark.context().hadoopConfiguration());
    java.io.ByteArrayOutputStream confBytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(confBytes)) {
      out.writeObject(conf);
    }
    org.apache.spark.api.java.JavaRDD<RowChunk> rdd = RowPartitions.of(LocalSpark.context(), raw, 2, conf);
    java.io.ByteArrayOutputStream lineage = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(lineage)) {
      out.writeObject(rdd.rdd());
    }
    org.junit.jupiter.api.Assertions.assertTrue(lineage.size() < confBytes.size() / 2,
        "lineage " + lineage.size() + " bytes, the configuration alone " + confBytes.size());
    assertEquals(rows, flat(rdd.collect(), h * w).count, "and the tasks still read the rows");
  }

  @Test
  void partOfFindsThePartWhoseRangeHoldsTheId() {
    for (long rows : new long[] {1, 5, 101, 60000}) {
      for (int parts : new int[] {1, 2, 7, 48, 200}) {
        for (long id = 0; id < rows; id += Math.max(1, rows / 97)) {
          int p = RowPartitions.partOf(id, rows, parts);
          long from = rows * p / parts;
          long to = rows * (p + 1) / parts;
          assertEquals(true, from <= id && id < to, rows + " rows, " + parts + " parts, id " + id + " → part " + p);
        }
      }
    }
  }
}
