package sparkprop.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.app.ExitCode;
import sparkprop.read.TablesEndToEndTest.Run;
import sparkprop.rows.RowChunk;

/**
 * Bad Spark tables through the whole check ({@code Main.run}): each exits 2 with one stderr line
 * {@code sparkprop: FILE: row R: column C: PROBLEM} naming the part file, the row in it and the column
 * (or, for a schema problem, the file and the column), and leaves no gradients.
 */
class TableBadInputTest {
  private static final RowChunk ROWS = MnistFormats.sample(12);

  @TempDir Path dir;

  /** MLlib's (label double, features vector) rows, row r made by {@code make}, written as one parquet file. */
  private Path table(String name, DataType labelType, DataType featuresType, BiFunction<Integer, double[], Object[]> make) {
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < ROWS.count; r++) {
      double[] grey = new double[ROWS.width];
      for (int j = 0; j < grey.length; j++) grey[j] = ROWS.pixel(r, j);
      rows.add(RowFactory.create(make.apply(r, grey)));
    }
    StructType schema = new StructType(new StructField[] {SparkTables.field("label", labelType),
        SparkTables.field("features", featuresType)});
    return SparkTables.write(dir.resolve(name), rows, schema, name.endsWith("orc") ? "orc" : "parquet", 1);
  }

  private Path vectors(String name, BiFunction<Integer, double[], Object[]> make) {
    return table(name, DataTypes.DoubleType, SQLDataTypes.VectorType(), make);
  }

  private Object[] row(int r, Object features) {
    return new Object[] {(double) ROWS.labels[r], features};
  }

  private void assertRefused(Path table, String problem, String... args) {
    List<String> all = new ArrayList<>(List.of("--data", table.toString()));
    all.addAll(List.of(args));
    Run run = TablesEndToEndTest.check(dir, "bad", all.toArray(new String[0]));
    assertEquals(ExitCode.BAD_INPUT, run.run().exitCode, run.run().toString());
    String err = run.run().stderr.strip();
    assertFalse(err.contains("\n"), "one line: " + err);
    assertTrue(err.startsWith("sparkprop: file:" + table), err);
    assertTrue(err.contains(problem), "expected '" + problem + "' in: " + err);
    assertFalse(Files.exists(run.out().resolve("gradients.npz")));
  }

  @Test
  void vectorOfTheWrongSizeNamesItsRow() {
    Path t = vectors("short", (r, g) -> row(r, Vectors.dense(r == 5 ? java.util.Arrays.copyOf(g, 783) : g)));
    assertRefused(t, ".parquet: row 5: column features: 783 values, but the table's first row has 784 pixels");
  }

  @Test
  void sparseVectorOfAnotherSizeNamesItsRow() {
    Path t = vectors("sparse", (r, g) -> row(r, r == 7 ? Vectors.sparse(800, new int[] {1}, new double[] {3}) : Vectors.dense(g)));
    assertRefused(t, "row 7: column features: a sparse vector of size 800, but the table's first row has 784 pixels");
  }

  @Test
  void nanPixelIsNotAGreyLevel() {
    Path t = vectors("nan", (r, g) -> {
      if (r == 2) g[7] = Double.NaN;
      return row(r, Vectors.dense(g));
    });
    assertRefused(t, "row 2: column features: element 7: value NaN is not a grey level: only grey levels are supported");
  }

  @Test
  void normalisedValuesAreRefusedAsNotGreyLevels() {
    Path t = vectors("normalised", (r, g) -> {
      for (int j = 0; j < g.length; j++) g[j] = (g[j] - 33.3) / 78.6;
      return row(r, Vectors.dense(g));
    });
    assertRefused(t, "row 0: column features: element 0: value -0.42366412213740456 is not a grey level: only grey levels"
        + " are supported (value x 255 / --pixel-max 1 must be a whole number 0-255)", "--pixel-max", "1");
  }

  /** A declared size of 2^31 - 1 would take 2 GiB per row if anything were allocated for it first. */
  @Test
  void hugeDeclaredVectorIsRefusedBeforeAllocating() {
    Path first = vectors("huge-first", (r, g) -> row(r, Vectors.sparse(Integer.MAX_VALUE, new int[] {1}, new double[] {3})));
    assertRefused(first, "row 0: column features: 2147483647 pixels, more than the 1048576 an image may have");
    Path later = vectors("huge-later", (r, g) -> row(r, r == 11 ? Vectors.sparse(Integer.MAX_VALUE, new int[] {1},
        new double[] {3}) : Vectors.dense(g)));
    assertRefused(later, "row 11: column features: a sparse vector of size 2147483647, but the table's first row has 784");
  }

  @Test
  void labelOutOfRangeNamesItsRow() {
    Path t = vectors("label", (r, g) -> new Object[] {r == 3 ? 10.0 : (double) ROWS.labels[r], Vectors.dense(g)});
    assertRefused(t, "row 3: column label: label 10.0 outside 0-9 (a whole class number)");
  }

  @Test
  void nullLabelNamesItsRow() {
    Path t = vectors("null-label", (r, g) -> new Object[] {r == 4 ? null : (double) ROWS.labels[r], Vectors.dense(g)});
    assertRefused(t, "row 4: column label: null");
  }

  @Test
  void nullFeaturesInOrcNameTheirRow() {
    Path t = vectors("null-orc", (r, g) -> row(r, r == 9 ? null : Vectors.dense(g)));
    assertRefused(t, ".orc: row 9: column features: null");
  }

  @Test
  void missingLabelColumnNamesTheColumns() {
    Path t = vectors("nolabel", (r, g) -> row(r, Vectors.dense(g)));
    assertRefused(t, ".parquet: no label column 'y' (columns: label, features; name it with --label-col)",
        "--label-col", "y");
  }

  @Test
  void mistypedFeaturesColumnSaysWhatItIs() {
    Path t = table("strings", DataTypes.DoubleType, DataTypes.StringType, (r, g) -> row(r, "x"));
    assertRefused(t, ".parquet: column features: ");
    assertRefused(t, "expected an MLlib vector, an array of numbers or binary");
  }

  @Test
  void stringLabelIsMistyped() {
    Path t = table("string-label", DataTypes.StringType, SQLDataTypes.VectorType(), (r, g) -> new Object[] {"3", Vectors.dense(g)});
    assertRefused(t, "column label: ");
    assertRefused(t, "expected an integral or floating label");
  }
}
