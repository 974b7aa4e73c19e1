package sparkprop.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.read.SparkTables.Layout;
import sparkprop.rows.RowChunk;

/**
 * A table as a {@link RowSource}: the IDX rows with the IDX ids at every part count, --limit cutting
 * the source to its first rows across files, and an identity that names every file read (what a
 * resume's fingerprint compares).
 */
class TableSourceTest {
  private static final Configuration CONF = new Configuration();
  private static final RowChunk ROWS = MnistFormats.sample(90);

  @TempDir Path dir;

  @Test
  void everyPartCountGivesTheIdxRowsAndIds() {
    Path t = SparkTables.write(dir.resolve("t"), ROWS, Layout.VECTOR, "parquet", 4);
    RowSource table = RowSources.open(t.toString(), null, 255, TableColumns.DEFAULT, CONF);
    assertEquals(90, table.knownRowCount());
    for (int parts : new int[] {1, 2, 3, 7, 100}) {
      RowChunk got = MnistFormats.readAll(table, parts, CONF);
      assertArrayEquals(ROWS.pixels, got.pixels, parts + " parts");
      assertArrayEquals(ROWS.labels, got.labels, parts + " parts");
      long[] ids = new long[90];
      for (int r = 0; r < 90; r++) ids[r] = r;
      assertArrayEquals(ids, got.rowIds, parts + " parts: ids are the rows' indices, as IDX's");
    }
    RowChunk first = MnistFormats.readAll(table.firstRows(50), 3, CONF);
    assertArrayEquals(ROWS.slice(0, 50).pixels, first.pixels, "--limit 50 across the files");
  }

  @Test
  void identityNamesEveryFileOfTheTable() {
    Path t = SparkTables.write(dir.resolve("t.orc"), ROWS, Layout.BINARY, "orc", 3);
    Map<String, String> c = RowSources.open(t.toString(), null, 255, TableColumns.DEFAULT, CONF).identity(CONF).components();
    assertEquals("orc", c.get("format"));
    long files = c.keySet().stream().filter(k -> k.startsWith("file part-0000") && k.endsWith(".orc")).count();
    assertEquals(3, files, c.toString());
    assertTrue(c.values().stream().allMatch(v -> v.equals("orc") || v.contains("content ")), c.toString());
  }
}
