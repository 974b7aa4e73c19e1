package sparkprop.cli;

import sparkprop.app.ExitCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzWriter;

/**
 * Bad input ends with exit 2, one line naming the file and the problem, and no report — and a
 * previous good output folder survives it. Non-finite numbers are a failed check (exit 1), not bad input.
 */
class CheckBadInputTest {
  private static final Path SAMPLE = Path.of("data/mnist-sample");

  @TempDir Path tmp;

  /** The first {@code rows} rows of the bundled sample, uncompressed, in a folder of their own. */
  private Path rawSample(int rows) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("raw"));
    copyHead("images-idx3-ubyte", 16, 784, rows, dir);
    copyHead("labels-idx1-ubyte", 8, 1, rows, dir);
    return dir;
  }

  private static void copyHead(String name, int header, int rowBytes, int rows, Path dir) throws IOException {
    byte[] all;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(SAMPLE.resolve(name + ".gz")))) {
      all = in.readAllBytes();
    }
    byte[] head = Arrays.copyOf(all, header + rows * rowBytes);
    head[4] = (byte) (rows >>> 24);
    head[5] = (byte) (rows >>> 16);
    head[6] = (byte) (rows >>> 8);
    head[7] = (byte) rows;
    Files.write(dir.resolve(name), head);
  }

  private void assertBadInput(CheckRun run, String... mustMention) {
    assertEquals(ExitCode.BAD_INPUT, run.exitCode, run.toString());
    String err = run.stderr.strip();
    assertEquals(1, err.lines().count(), "one line: " + err);
    for (String s : mustMention) assertTrue(err.contains(s), "'" + s + "' in: " + err);
    assertFalse(Files.exists(run.out.resolve("report.json")), "no report for bad input");
  }

  @Test
  void aTruncatedIdxFileExitsTwoNamingTheFileAndKeepsThePreviousOutput() throws IOException {
    Path data = rawSample(300);
    Path out = tmp.resolve("out");
    CheckRun good = CheckRun.of(out, "--data", data.toString(), "--fd-directions", "0");
    assertEquals(0, good.exitCode, good.toString());
    byte[] before = Files.readAllBytes(out.resolve("report.json"));

    Path images = data.resolve("images-idx3-ubyte");
    byte[] bytes = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(bytes, bytes.length - 1000));
    CheckRun bad = CheckRun.of(out, "--data", data.toString());
    assertEquals(ExitCode.BAD_INPUT, bad.exitCode, bad.toString());
    assertTrue(bad.stderr.contains("images-idx3-ubyte") && bad.stderr.contains("truncated"), bad.stderr);
    assertEquals(1, bad.stderr.strip().lines().count(), bad.stderr);
    assertTrue(Arrays.equals(before, Files.readAllBytes(out.resolve("report.json"))), "previous report intact");
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void aLabelOutsideZeroToNineFoundByAnExecutorExitsTwoNamingFileAndRow() throws IOException {
    Path data = rawSample(300);
    Path labels = data.resolve("labels-idx1-ubyte");
    byte[] bytes = Files.readAllBytes(labels);
    bytes[8 + 250] = 12;
    Files.write(labels, bytes);
    assertBadInput(CheckRun.of(tmp.resolve("out"), "--data", data.toString(), "--partitions", "3"),
        "labels-idx1-ubyte", "row 250", "12");
  }

  @Test
  void aMissingDataFolderExitsTwo() {
    assertBadInput(CheckRun.of(tmp.resolve("out"), "--data", tmp.resolve("nope").toString()), "nope");
  }

  @Test
  void weightsWithAMissingArrayOrBadShapesExitTwoNamingTheFile() {
    Path missing = Path.of("src/test/resources/npz/params-missing-b2.npz");
    assertBadInput(CheckRun.of(tmp.resolve("o1"), "--weights", missing.toString(), "--limit", "100"),
        "params-missing-b2.npz", "b2");
    Path badShape = Path.of("src/test/resources/npz/params-bad-shape.npz");
    assertBadInput(CheckRun.of(tmp.resolve("o2"), "--weights", badShape.toString(), "--limit", "100"),
        "params-bad-shape.npz", "shape");
    Path ints = Path.of("src/test/resources/npz/params-int64.npz");
    assertBadInput(CheckRun.of(tmp.resolve("o3"), "--weights", ints.toString(), "--limit", "100"),
        "params-int64.npz", "dtype");
  }

  @Test
  void weightsThatDoNotFitTheDataOrHoldNaNExitTwo() throws IOException {
    Path small = writeWeights("small.npz", 400, 10, 0.01);
    assertBadInput(CheckRun.of(tmp.resolve("o1"), "--weights", small.toString(), "--limit", "100"),
        "small.npz", "784");
    Path nan = writeWeights("nan.npz", 784, 10, Double.NaN);
    assertBadInput(CheckRun.of(tmp.resolve("o2"), "--weights", nan.toString(), "--limit", "100"),
        "nan.npz", "non-finite");
  }

  /** w1, b1, w2, b2, w4, b4: without w3 the file's w4/b4 are no layer of the network, and must not be ignored. */
  @Test
  void weightsWithAnArrayThatIsNoPartOfTheNetworkExitTwoNamingIt() throws IOException {
    List<NpyArray> arrays = new ArrayList<>(network(784, 50, 1));
    arrays.add(NpyArray.of("w4", new int[] {1, 3}, new double[3]));
    arrays.add(NpyArray.of("b4", new int[] {3}, new double[3]));
    CheckRun skipped = CheckRun.of(tmp.resolve("o1"), "--weights", write("skipped.npz", arrays).toString(), "--limit", "100");
    assertBadInput(skipped, "skipped.npz", "b4, w4", "not part of the network", "no w3");
    List<NpyArray> stray = new ArrayList<>(network(784, 50, 1));
    stray.add(NpyArray.of("loss", new int[0], new double[] {1}));
    assertBadInput(CheckRun.of(tmp.resolve("o2"), "--weights", write("stray.npz", stray).toString(), "--limit", "100"),
        "stray.npz", "loss", "not part of the network");
  }

  @Test
  void aZeroWidthLayerInWeightsExitsTwoNamingTheArray() throws IOException {
    CheckRun run = CheckRun.of(tmp.resolve("o"), "--weights", write("zero.npz", network(784, 0, 1)).toString(), "--limit", "100");
    assertBadInput(run, "zero.npz", "w1", "(784, 0)", "zero units");
  }

  /** A CSV of only its header has no rows: the line says so, and names --limit or --split only when they were given. */
  @Test
  void noRowsNamesOnlyTheOptionsThatWereGiven() throws IOException {
    StringBuilder header = new StringBuilder("label");
    for (int i = 0; i < 784; i++) header.append(",pixel").append(i);
    Path headerOnly = Files.writeString(tmp.resolve("header-only.csv"), header + "\n");
    CheckRun bare = CheckRun.of(tmp.resolve("o1"), "--data", headerOnly.toString());
    assertBadInput(bare, "header-only.csv", "holds no rows");
    assertFalse(bare.stderr.contains("--limit") || bare.stderr.contains("--split"), bare.stderr);

    Path oneRow = Files.writeString(tmp.resolve("one-row.csv"), header + "\n3" + ",0".repeat(784) + "\n");
    CheckRun split = CheckRun.of(tmp.resolve("o2"), "--data", oneRow.toString(), "--split", "valid", "--valid-fraction", "0.000001");
    assertBadInput(split, "one-row.csv", "no rows on the valid side of --split", "of 1 row,");
    assertFalse(split.stderr.contains("--limit"), split.stderr);
  }

  /** An m-nh-out network's arrays, all zero, as np.savez names them. */
  private static List<NpyArray> network(int m, int nh, int out) {
    return List.of(NpyArray.of("w1", new int[] {m, nh}, new double[m * nh]), NpyArray.of("b1", new int[] {nh}, new double[nh]),
        NpyArray.of("w2", new int[] {nh, out}, new double[nh * out]), NpyArray.of("b2", new int[] {out}, new double[out]));
  }

  private Path write(String name, List<NpyArray> arrays) throws IOException {
    Path file = tmp.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      NpzWriter.write(out, arrays);
    }
    return file;
  }

  @Test
  void goodWeightsFromNumpyAreUsedAndGiveTheirOwnHiddenSize() throws IOException {
    CheckRun run = CheckRun.of(tmp.resolve("o"), "--weights", "src/test/resources/npz/params-784x50-f32-compressed.npz",
        "--limit", "500", "--partitions", "3");
    assertEquals(0, run.exitCode, run.toString());
    assertEquals(50, run.report().get("model").get("layers").get(1).asInt());
    assertTrue(run.report().get("model").get("weights").asText().endsWith("params-784x50-f32-compressed.npz"));
  }

  @Test
  void overflowingActivationsFailTheCheckNamingTensorAndPartition() throws IOException {
    Path huge = writeWeights("huge.npz", 784, 4, 1e300);
    CheckRun run = CheckRun.of(tmp.resolve("o"), "--weights", huge.toString(), "--limit", "200", "--partitions", "2");
    assertEquals(ExitCode.DISAGREE, run.exitCode, run.toString());
    assertEquals("fail", run.report().get("verdict").asText());
    assertEquals(0, run.report().get("non_finite").get("partition").asInt());
    assertEquals("loss", run.report().get("non_finite").get("tensor").asText());
  }

  @Test
  void anUnwritableOutputFolderExitsTwoBeforeAnyWork() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    CheckRun run = CheckRun.of(file.resolve("out"), "--limit", "10");
    assertEquals(ExitCode.BAD_INPUT, run.exitCode, run.toString());
    assertTrue(run.stderr.contains("a-file"), run.stderr);
  }

  @Test
  void anInjectedFaultInAnEmptyPartitionIsAUsageError() {
    // 2 rows over 4 partitions: parts [0,0), [0,1), [1,1), [1,2); partition 2 is empty.
    assertBadInput(CheckRun.of(tmp.resolve("o"), "--limit", "2", "--partitions", "4", "--inject-fault", "2"),
        "--inject-fault 2");
  }

  /**
   * Usage errors through the entry point: exit 2 and exactly one line. That the real process's stderr
   * holds that line alone is {@link EntryPointIT#aMistypedOptionGetsASuggestion}'s claim.
   */
  @Test
  void unknownOptionsAndValuesExitTwo() {
    String[][] cases = {{"--no-such-option", "1"}, {"--precision", "float16"}, {"--partitions", "zero"}};
    String[] named = {"--no-such-option", "float16", "--partitions"};
    for (int k = 0; k < cases.length; k++) {
      CheckRun run = CheckRun.of(tmp.resolve("out"), cases[k]);
      assertBadInput(run, named[k]);
      assertTrue(run.stderr.startsWith("sparkprop: "), run.toString());
      assertFalse(Files.exists(tmp.resolve("out")), "nothing written for a usage error");
    }
  }

  /** w1 filled with {@code value}, the rest small, as np.savez would write them. */
  private Path writeWeights(String name, int m, int nh, double value) throws IOException {
    double[] w1 = new double[m * nh];
    Arrays.fill(w1, value);
    double[] w2 = new double[nh];
    Arrays.fill(w2, 1e300 == value ? 1e300 : 0.1);
    List<NpyArray> arrays = new ArrayList<>();
    arrays.add(NpyArray.of("w1", new int[] {m, nh}, w1));
    arrays.add(NpyArray.of("b1", new int[] {nh}, new double[nh]));
    arrays.add(NpyArray.of("w2", new int[] {nh, 1}, w2));
    arrays.add(NpyArray.of("b2", new int[] {1}, new double[1]));
    return write(name, arrays);
  }
}
