package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.read.MnistFormats;
import sparkprop.read.SparkTables;
import sparkprop.rows.RowChunk;

/**
 * A bad Spark table as a pipeline meets it, {@code ./submit.sh check} in a real process: exit code 2
 * and exactly one line on the real stderr, naming the part file, the row and the column, found by an
 * executor task (the in-process catalogue is {@code TableBadInputTest}).
 */
@Tag("cluster")
class TableBadInputIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path tmp;

  @Test
  void vectorOfTheWrongSizeExitsTwoWithOneStderrLine() throws Exception {
    RowChunk rows = MnistFormats.sample(40);
    List<Row> out = new ArrayList<>();
    for (int r = 0; r < rows.count; r++) {
      double[] grey = new double[r == 17 ? rows.width - 1 : rows.width];
      for (int j = 0; j < grey.length; j++) grey[j] = rows.pixel(r, j);
      out.add(RowFactory.create((double) rows.labels[r], Vectors.dense(grey)));
    }
    StructType schema = new StructType(new StructField[] {SparkTables.field("label", DataTypes.DoubleType),
        SparkTables.field("features", SQLDataTypes.VectorType())});
    Path table = SparkTables.write(tmp.resolve("digits"), out, schema, "parquet", 1);
    Path result = tmp.resolve("out");
    JobProcess p = JobProcess.run(tmp, tmp, TIMEOUT, "check", "--data", table.toString(), "--out", result.toString());
    assertEquals(2, p.exitCode, p.toString());
    List<String> lines = p.stderrLines();
    assertEquals(1, lines.size(), p.toString());
    String line = lines.get(0);
    assertTrue(line.startsWith("sparkprop: file:" + table + "/part-00000-") && line.contains(".parquet: row 17: column"
        + " features: 783 values, but the table's first row has 784 pixels: every row must have as many"), line);
    assertFalse(Files.exists(result.resolve("gradients.npz")));
  }
}
