package sparkprop.read;

import sparkprop.rows.RowChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.app.ExitCode;
import sparkprop.InProcessRun;
import sparkprop.cli.Main;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzReader;

/**
 * The whole check through {@link Main#run(org.apache.spark.api.java.JavaSparkContext, String[], java.io.PrintStream, java.io.PrintStream)} in the shared local Spark context, on the same 500
 * digits held as IDX, a PNG tree, CSV and LibSVM (raw and scaled): every run agrees (exit 0) and
 * writes the same gradients as the IDX run, to 1e-12. Bad data exits 2 with its one-line message.
 */
class FormatsEndToEndTest {
  private static final int N = 500;
  private static final double TOLERANCE = 1e-12;
  private static final RowChunk ROWS = MnistFormats.sample(N);

  @TempDir static Path dir;
  private static Path idx;
  private static Map<String, NpyArray> idxGradients;

  private record Run(InProcessRun run, Path out) {}

  private static Run check(String name, String... args) {
    Path out = dir.resolve("out-" + name);
    List<String> all = new ArrayList<>(List.of("check", "--out", out.toString(), "--partitions", "3",
        "--fd-directions", "1", "--hidden", "16"));
    all.addAll(List.of(args));
    return new Run(InProcessRun.of(all), out);
  }

  private static Map<String, NpyArray> gradients(Run run) throws IOException {
    try (InputStream in = Files.newInputStream(run.out().resolve("gradients.npz"))) {
      return NpzReader.read(in, "gradients.npz");
    }
  }

  private static void assertAgrees(Run run, String what) {
    assertEquals(ExitCode.AGREE, run.run().exitCode, what + ":\n" + run.run().toString());
  }

  private static void assertSameGradients(Map<String, NpyArray> expected, Map<String, NpyArray> got, String what) {
    assertEquals(expected.keySet(), got.keySet(), what);
    for (String k : expected.keySet()) {
      double[] a = expected.get(k).data();
      double[] b = got.get(k).data();
      assertEquals(a.length, b.length, what + " " + k);
      for (int i = 0; i < a.length; i++) {
        double diff = Math.abs(a[i] - b[i]);
        assertTrue(diff <= TOLERANCE * Math.max(1, Math.abs(a[i])),
            what + " " + k + "[" + i + "]: " + a[i] + " vs " + b[i] + " (diff " + diff + ")");
      }
    }
  }

  @BeforeAll
  static void convertAndRunIdx() throws IOException {
    idx = MnistFormats.writeIdx(dir.resolve("idx"), ROWS);
    Run run = check("idx", "--data", idx.toString());
    assertAgrees(run, "idx");
    idxGradients = gradients(run);
  }

  @Test
  void everyFormatGivesTheIdxGradients() throws IOException {
    Path png = MnistFormats.writePng(dir.resolve("png"), ROWS, MnistFormats.SIDE, MnistFormats.SIDE);
    Path csv = MnistFormats.writeCsv(dir.resolve("kaggle/train.csv"), ROWS);
    Path svm = MnistFormats.writeLibSvm(dir.resolve("svm/mnist.libsvm"), ROWS, false);
    Path scaled = MnistFormats.writeLibSvm(dir.resolve("scaled/mnist.scale"), ROWS, true);
    String[][] runs = {
        {"png", "--data", png.toString()},
        {"png-told", "--data", png.toUri().toString(), "--format", "png"},
        {"csv", "--data", csv.toString()},
        {"csv-folder", "--data", csv.getParent().toString(), "--partitions", "5"},
        {"libsvm", "--data", svm.toString(), "--partitions", "7"},
        {"libsvm-scaled", "--data", scaled.toString(), "--format", "libsvm", "--pixel-max", "1"},
    };
    for (String[] r : runs) {
      String[] args = java.util.Arrays.copyOfRange(r, 1, r.length);
      Run run = check(r[0], args);
      assertAgrees(run, r[0]);
      assertSameGradients(idxGradients, gradients(run), r[0]);
    }
  }

  @Test
  void limitMeansTheFirstRowsInFileOrderForTextToo() throws IOException {
    Path csv = MnistFormats.writeCsv(dir.resolve("limit/train.csv"), ROWS);
    Run fromIdx = check("idx-limit", "--data", idx.toString(), "--limit", "123");
    Run fromCsv = check("csv-limit", "--data", csv.toString(), "--limit", "123", "--partitions", "4");
    assertAgrees(fromIdx, "idx --limit");
    assertAgrees(fromCsv, "csv --limit");
    assertTrue(fromCsv.run().stdout.contains("123"), fromCsv.run().stdout);
    assertSameGradients(gradients(fromIdx), gradients(fromCsv), "--limit 123");
  }

  @Test
  void badValueFoundByAnExecutorExitsTwoWithItsLine() {
    String header = MnistFormats.csvHeader(ROWS.width);
    String lines = MnistFormats.csvLines(ROWS, 0, 40, "\n");
    String bad = lines.replaceFirst("(?m)^(\\d),0,", "$1,300,"); // first row's pixel0 becomes 300
    Path csv = MnistFormats.writeText(dir.resolve("bad/train.csv"), header + "\n" + bad);
    Run run = check("bad-csv", "--data", csv.toString());
    assertEquals(ExitCode.BAD_INPUT, run.run().exitCode, run.run().toString());
    String err = run.run().stderr.strip();
    assertTrue(err.startsWith("sparkprop: "), err); // sparkprop: FILE: PROBLEM
    assertFalse(err.contains("\n"), "one line: " + err);
    assertTrue(err.contains("train.csv: line 2: column pixel0: value '300' outside 0-255"), err);
    assertFalse(Files.exists(run.out().resolve("gradients.npz")));
  }

  @Test
  void pngOfAnotherSizeExitsTwo() throws IOException {
    Path png = MnistFormats.writePng(dir.resolve("mixed"), MnistFormats.sample(30), MnistFormats.SIDE, MnistFormats.SIDE);
    MnistFormats.writeImage(MnistFormats.image(new byte[20 * 20], 20, 20, MnistFormats.PngKind.GREY, new java.util.Random(1)),
        png.resolve("3/99999.png"));
    Run run = check("bad-png", "--data", png.toString());
    assertEquals(ExitCode.BAD_INPUT, run.run().exitCode, run.run().toString());
    assertTrue(run.run().stderr.contains("3/99999.png: row "), run.run().stderr);
    assertTrue(run.run().stderr.contains("every image must have the same size"), run.run().stderr);
  }

  @Test
  void undetectableDataExitsTwo() throws IOException {
    Path folder = dir.resolve("stuff");
    MnistFormats.writeText(folder.resolve("a.json"), "{}");
    Run run = check("stuff", "--data", folder.toString());
    assertEquals(ExitCode.BAD_INPUT, run.run().exitCode, run.run().toString());
    assertTrue(run.run().stderr.contains("cannot tell the data format: found a.json"), run.run().stderr);
  }
}
