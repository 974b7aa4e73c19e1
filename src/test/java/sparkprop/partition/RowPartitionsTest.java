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
