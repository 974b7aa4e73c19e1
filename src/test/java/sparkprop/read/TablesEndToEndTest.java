package sparkprop.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.app.ExitCode;
import sparkprop.InProcessRun;
import sparkprop.cli.Main;
import sparkprop.read.SparkTables.Layout;
import sparkprop.rows.RowChunk;

/**
 * The whole check through {@link Main#run} on the same 600 digits as IDX and as Spark tables written
 * by Spark's own writers — Parquet with a VectorUDT column (dense and sparse rows), an array of ints,
 * 784 integer columns, doubles k/255 read with --pixel-max 1, binary, and ORC — in several files:
 * every run writes a gradients.npz byte for byte the same as IDX's at the same partition count, since
 * the rows, their ids, their parts and the parts' chunks are the same.
 */
class TablesEndToEndTest {
  private static final int N = 600;
  private static final RowChunk ROWS = MnistFormats.sample(N);

  @TempDir static Path dir;
  private static byte[] idxGradients;

  record Run(InProcessRun run, Path out) {}

  static Run check(Path dir, String name, String... args) {
    Path out = dir.resolve("out-" + name);
    List<String> all = new ArrayList<>(List.of("check", "--out", out.toString(), "--partitions", "3",
        "--fd-directions", "1", "--hidden", "16"));
    all.addAll(List.of(args));
    return new Run(InProcessRun.of(all), out);
  }

  private static byte[] gradients(Run run) throws IOException {
    assertEquals(ExitCode.AGREE, run.run().exitCode, run.run().toString());
    return Files.readAllBytes(run.out().resolve("gradients.npz"));
  }

  @BeforeAll
  static void idx() throws IOException {
    Path idx = MnistFormats.writeIdx(dir.resolve("idx"), ROWS);
    idxGradients = gradients(check(dir, "idx", "--data", idx.toString()));
  }

  /** The table run against the IDX run at the same partition count (the sum's tree follows the parts). */
  private static void assertIdxGradients(String name, String... args) throws IOException {
    List<String> a = List.of(args);
    int at = a.indexOf("--partitions");
    byte[] idx = at < 0 ? idxGradients : gradients(check(dir, "idx-" + name, "--data", dir.resolve("idx").toString(),
        "--partitions", a.get(at + 1)));
    assertSameBytes(idx, gradients(check(dir, name, args)), name);
  }

  /** Byte for byte; when not, the first array entry that differs, to say how. */
  static void assertSameBytes(byte[] expected, byte[] got, String name) throws IOException {
    if (java.util.Arrays.equals(expected, got)) return;
    var a = sparkprop.read.npz.NpzReader.read(new java.io.ByteArrayInputStream(expected), "idx");
    var b = sparkprop.read.npz.NpzReader.read(new java.io.ByteArrayInputStream(got), name);
    for (String k : a.keySet()) {
      double[] x = a.get(k).data();
      double[] y = b.get(k).data();
      for (int i = 0; i < x.length; i++) {
        if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
          throw new AssertionError(name + ": " + k + "[" + i + "] " + y[i] + ", IDX's " + x[i]);
        }
      }
    }
    throw new AssertionError(name + ": gradients.npz differs from the IDX run's in bytes, not in values");
  }

  @Test
  void parquetVectorColumnGivesTheIdxGradientsByteForByte() throws IOException {
    Path t = SparkTables.write(dir.resolve("vector.parquet"), ROWS, Layout.VECTOR, "parquet", 4);
    assertIdxGradients("vector", "--data", t.toString());
  }

  @Test
  void parquetIntArrayGivesTheIdxGradientsAtAnotherPartitionCount() throws IOException {
    Path t = SparkTables.write(dir.resolve("ints"), ROWS, Layout.INT_ARRAY, "parquet", 3);
    assertIdxGradients("ints", "--data", t.toString(), "--format", "parquet", "--partitions", "5");
  }

  @Test
  void parquetPixelColumnsGiveTheIdxGradients() throws IOException {
    Path t = SparkTables.write(dir.resolve("columns"), ROWS, Layout.INT_COLUMNS, "parquet", 2);
    assertIdxGradients("columns", "--data", t.toString());
  }

  @Test
  void scaledDoublesWithPixelMaxOneGiveTheIdxGradients() throws IOException {
    Path t = SparkTables.write(dir.resolve("scaled"), ROWS, Layout.SCALED_DOUBLES, "parquet", 2);
    assertIdxGradients("scaled", "--data", t.toString(), "--pixel-max", "1");
  }

  @Test
  void orcVectorAndBinaryGiveTheIdxGradients() throws IOException {
    Path v = SparkTables.write(dir.resolve("vector-orc"), ROWS, Layout.VECTOR, "orc", 3);
    assertIdxGradients("orc-vector", "--data", v.toString());
    Path b = SparkTables.write(dir.resolve("binary-orc"), ROWS, Layout.BINARY, "orc", 2);
    assertIdxGradients("orc-binary", "--data", b.toString(), "--format", "orc", "--partitions", "7");
  }

  @Test
  void limitAndSplitPickTheSameRowsAsIdx() throws IOException {
    Path idx = dir.resolve("idx");
    Path t = SparkTables.write(dir.resolve("binary.parquet"), ROWS, Layout.BINARY, "parquet", 3);
    byte[] fromIdx = gradients(check(dir, "idx-cut", "--data", idx.toString(), "--limit", "333", "--split", "valid"));
    byte[] fromTable = gradients(check(dir, "table-cut", "--data", t.toString(), "--limit", "333", "--split", "valid"));
    assertSameBytes(fromIdx, fromTable, "--limit 333 --split valid");
  }

  @Test
  void partitionFoldersAreFoundAndReadInPathOrder() throws IOException {
    Path t = dir.resolve("partitioned");
    SparkTables.write(t.resolve("part=0"), ROWS.slice(0, 250), Layout.INT_COLUMNS, "parquet", 2);
    SparkTables.write(t.resolve("part=1"), ROWS.slice(250, N), Layout.INT_COLUMNS, "parquet", 3);
    assertIdxGradients("partitioned", "--data", t.toString());
  }

  /** Blocks of 100 rows split each 200-row part evenly, so MLlib's mean of block means is the mean. */
  @Test
  void checkAgainstMllibReadsATable() throws IOException {
    Path t = SparkTables.write(dir.resolve("mllib.parquet"), ROWS, Layout.VECTOR, "parquet", 2);
    Run run = check(dir, "mllib", "--data", t.toString(), "--against", "mllib", "--layers", "784-16-10", "--activation", "sigmoid",
        "--loss", "cross-entropy", "--block-size", "100");
    assertEquals(ExitCode.AGREE, run.run().exitCode, run.run().toString());
  }

  /** Training on a Parquet table with an ORC table as --eval-data gives IDX's weights to the last bit. */
  @Test
  void trainOnTablesGivesTheIdxWeights() throws IOException {
    Path idx = dir.resolve("idx");
    Path evalIdx = MnistFormats.writeIdx(dir.resolve("eval-idx"), ROWS.slice(0, 100));
    Path t = SparkTables.write(dir.resolve("train.parquet"), ROWS, Layout.VECTOR, "parquet", 3);
    Path evalOrc = SparkTables.write(dir.resolve("eval.orc"), ROWS.slice(0, 100), Layout.INT_ARRAY, "orc", 1);
    byte[] fromIdx = trainedWeights("train-idx", idx, evalIdx);
    byte[] fromTables = trainedWeights("train-tables", t, evalOrc);
    assertTrue(java.util.Arrays.equals(fromIdx, fromTables), "weights.npz from tables differs from IDX's");
  }

  private static byte[] trainedWeights(String name, Path data, Path eval) throws IOException {
    Path out = dir.resolve(name);
    String[] args = {"train", "--data", data.toString(), "--eval-data", eval.toString(), "--partitions", "2",
        "--hidden", "16", "--steps", "4", "--lr", "0.5", "--check-every", "0", "--out", out.toString()};
    InProcessRun run = InProcessRun.of(args);
    assertEquals(0, run.exitCode, run.toString());
    return Files.readAllBytes(out.resolve("weights.npz"));
  }
}
