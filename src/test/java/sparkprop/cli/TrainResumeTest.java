package sparkprop.cli;

import sparkprop.InProcessRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --resume} through the entry point, in the shared local Spark context: a resume that
 * would silently give a wrong result is refused (exit 2, one line naming what), one that can be
 * trusted goes ahead; tiny mini-batches skip their empty steps.
 */
class TrainResumeTest {
  private static final Path SAMPLE = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("data/mnist-sample");

  @TempDir Path tmp;

  private static InProcessRun train(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--layers", "784-16-10", "--activation", "sigmoid", "--loss",
        "cross-entropy", "--init", "kaiming", "--partitions", "2", "--lr", "0.5", "--check-every", "0",
        "--out", out.toString()));
    if (!Arrays.asList(more).contains("--data")) args.addAll(List.of("--data", SAMPLE.toString(), "--limit", "600"));
    args.addAll(List.of(more));
    return InProcessRun.of(args);
  }

  private static void assertRefused(InProcessRun r, Path notWritten, String... mentions) {
    assertEquals(2, r.exitCode, r.toString());
    assertEquals(1, r.stderrLines().size(), r.toString());
    for (String m : mentions) assertTrue(r.stderr.contains(m), "'" + m + "' in\n" + r);
    assertFalse(Files.exists(notWritten), "nothing written: " + r);
  }

  @Test
  void aCheckpointPastStepsIsRefused() {
    Path a = tmp.resolve("a");
    assertEquals(0, train(a, "--steps", "6").exitCode);
    assertRefused(train(tmp.resolve("b"), "--steps", "4", "--resume", a.toString()), tmp.resolve("b"),
        "step-00000006", "past --steps", "--steps 6 or more");
  }

  /** 0/1 pixels read with --pixel-max 255, then resumed with --pixel-max 1: other values, refused naming the option. */
  @Test
  void aResumeWithAnotherPixelMaxIsRefusedNamingIt() throws IOException {
    Path csv = tmp.resolve("binary.csv");
    byte[][] rows = sampleImages(0, 200);
    byte[] labels = sampleLabels(0, 200);
    StringBuilder b = new StringBuilder("label");
    for (int k = 0; k < 784; k++) b.append(",pixel").append(k);
    for (int r = 0; r < rows.length; r++) {
      b.append('\n').append(labels[r]);
      for (byte p : rows[r]) b.append(',').append((p & 0xff) > 127 ? 1 : 0);
    }
    Files.writeString(csv, b.append('\n'));
    Path a = tmp.resolve("a");
    assertEquals(0, train(a, "--data", csv.toString(), "--steps", "2").exitCode);
    assertRefused(train(tmp.resolve("b"), "--data", csv.toString(), "--pixel-max", "1", "--steps", "4", "--resume",
        a.toString()), tmp.resolve("b"), "different run", "--pixel-max: 255.0 → 1.0");
  }

  /**
   * The data's files replaced at the same path by other images of the same size, their modification
   * time put back: only the content digest tells; the resume is refused naming the file.
   */
  @Test
  void dataReplacedAtTheSamePathIsRefusedNamingTheFile() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Path images = data.resolve("train-images-idx3-ubyte");
    Path labels = data.resolve("train-labels-idx1-ubyte");
    writeIdx(images, labels, 0);
    FileTime imagesTime = Files.getLastModifiedTime(images);
    FileTime labelsTime = Files.getLastModifiedTime(labels);
    Path a = tmp.resolve("a");
    assertEquals(0, train(a, "--data", data.toString(), "--steps", "2").exitCode);

    writeIdx(images, labels, 300);
    Files.setLastModifiedTime(images, imagesTime);
    Files.setLastModifiedTime(labels, labelsTime);
    assertRefused(train(tmp.resolve("b"), "--data", data.toString(), "--steps", "4", "--resume", a.toString()),
        tmp.resolve("b"), "different run", "data file train-images-idx3-ubyte: ", "content");
  }

  @Test
  void aCheckpointsFolderHoldingStepAbcIsRefusedNamingIt() throws IOException {
    Path a = tmp.resolve("a");
    assertEquals(0, train(a, "--steps", "2").exitCode);
    Files.createDirectories(a.resolve("checkpoints/step-abc"));
    assertRefused(train(tmp.resolve("b"), "--steps", "4", "--resume", a.toString()), tmp.resolve("b"),
        "checkpoints/step-abc", "not a checkpoint");
  }

  /**
   * A byte of the checkpoint's weights.npz changed: under Hadoop's now stale .crc (which notices), and
   * with the .crc gone too (which only checkpoint.json's SHA-256 notices) — both refused naming the file.
   */
  @Test
  void aCorruptedCheckpointFileIsRefusedNamingIt() throws IOException {
    Path a = tmp.resolve("a");
    assertEquals(0, train(a, "--steps", "2").exitCode);
    Path weights = a.resolve("checkpoints/step-00000002/weights.npz");
    assertTrue(Files.exists(weights.resolveSibling(".weights.npz.crc")), "Hadoop's local checksum file");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length / 2] ^= 0x10; // inside w1's values
    Files.write(weights, bytes);
    assertRefused(train(tmp.resolve("b"), "--steps", "4", "--resume", a.toString()), tmp.resolve("b"),
        "step-00000002/weights.npz", "corrupt");

    Files.delete(weights.resolveSibling(".weights.npz.crc"));
    assertRefused(train(tmp.resolve("b"), "--steps", "4", "--resume", a.toString()), tmp.resolve("b"),
        "step-00000002/weights.npz", "corrupt");
  }

  /** With one row per batch about a third of the steps have none (e^−1): they are skipped, not a failure. */
  @Test
  void stepsWhoseTinyBatchHasNoRowsAreSkipped() throws IOException {
    Path a = tmp.resolve("a");
    InProcessRun r = train(a, "--limit", "50", "--batch-rows", "1", "--steps", "50", "--check-every", "7");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode report = new ObjectMapper().readTree(a.resolve("report.json").toFile());
    long skipped = report.path("training").path("skipped_steps").asLong(-1);
    assertTrue(skipped > 5 && skipped < 35, "about 50/e steps have no row: " + skipped);
    assertEquals(1 + 50 - skipped, Files.readAllLines(a.resolve("history.csv")).size(), "a row per step that had rows");
    for (JsonNode c : report.path("checks")) assertTrue(c.path("pass").asBoolean(), c.toString());
    assertEquals(8, report.path("checks").size(), "steps 0, 7, …, 49 are checked, skipped or not");
    assertTrue(r.stdout.contains("skipped: " + skipped + " step(s)"), r.toString());
  }

  /**
   * {@code --resume X --out X} where X does not exist yet (a scheduler's first try of a command it
   * retries as is): step 0, one warning line, the same weights as without --resume. A --resume naming
   * another folder with nothing in it is still refused.
   */
  @Test
  void resumingTheOwnOutBeforeItExistsStartsAtStepZeroWithOneWarning() throws IOException {
    Path plain = tmp.resolve("plain");
    assertEquals(0, train(plain, "--steps", "3").exitCode);
    Path x = tmp.resolve("x");
    InProcessRun r = train(x, "--steps", "3", "--resume", x.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertEquals(1, r.stderrLines().size(), r.toString());
    assertTrue(r.stderr.startsWith("sparkprop: warning: --resume " + x) && r.stderr.contains("starting at step 0"),
        r.toString());
    assertArrayEquals(Files.readAllBytes(plain.resolve("weights.npz")), Files.readAllBytes(x.resolve("weights.npz")));

    assertRefused(train(tmp.resolve("y"), "--steps", "3", "--resume", tmp.resolve("typo").toString()), tmp.resolve("y"),
        "typo", "not a sparkprop training output");
  }

  /** A kill between creating the run folder and writing its marker leaves it empty: the retry takes it over. */
  @Test
  void aRunFolderLeftEmptyByAKillIsTakenOverByTheRetry() throws IOException {
    Path x = tmp.resolve("x");
    Files.createDirectories(tmp.resolve(".x.sparkprop-run"));
    InProcessRun r = train(x, "--steps", "2", "--resume", x.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.stderr.contains("starting at step 0"), r.toString());
  }

  /**
   * A run folder as a killed run leaves it — an unfinished checkpoint write (.tmp-*) and a checkpoint
   * of that other run — is cleared by a run that starts afresh into the same --out: neither reaches
   * the output's checkpoints/.
   */
  @Test
  void anUnfinishedWriteAndAnotherRunsCheckpointAreNotCarriedIntoTheOutput() throws IOException {
    Path x = tmp.resolve("x");
    Path run = Files.createDirectories(tmp.resolve(".x.sparkprop-run"));
    Files.writeString(run.resolve(".sparkprop-run"), "{\"tool\":\"sparkprop\",\"command\":\"train\"}\n");
    Files.write(Files.createDirectories(run.resolve("checkpoints/.tmp-5a6b7c8d")).resolve("weights.npz"), new byte[] {'P', 'K'});
    Files.writeString(Files.createDirectories(run.resolve("checkpoints/step-00000099")).resolve("checkpoint.json"), "{}");
    InProcessRun r = train(x, "--steps", "2");
    assertEquals(0, r.exitCode, r.toString());
    try (Stream<Path> kept = Files.list(x.resolve("checkpoints"))) {
      assertEquals(List.of("step-00000002"), kept.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertTrue(r.stdout.contains("removed the 1 checkpoint(s) that an earlier run"), r.toString());
  }

  // --- data made from the bundled sample ---------------------------------------------------------

  private static byte[][] sampleImages(int from, int n) throws IOException {
    byte[] all = gunzip(SAMPLE.resolve("images-idx3-ubyte.gz"));
    byte[][] rows = new byte[n][];
    for (int r = 0; r < n; r++) rows[r] = Arrays.copyOfRange(all, 16 + (from + r) * 784, 16 + (from + r + 1) * 784);
    return rows;
  }

  private static byte[] sampleLabels(int from, int n) throws IOException {
    return Arrays.copyOfRange(gunzip(SAMPLE.resolve("labels-idx1-ubyte.gz")), 8 + from, 8 + from + n);
  }

  /** 300 rows of the sample from row {@code from}, as an uncompressed IDX pair. */
  private static void writeIdx(Path images, Path labels, int from) throws IOException {
    int n = 300;
    ByteBuffer img = ByteBuffer.allocate(16 + n * 784).putInt(0x803).putInt(n).putInt(28).putInt(28);
    for (byte[] row : sampleImages(from, n)) img.put(row);
    Files.write(images, img.array());
    Files.write(labels, ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n).put(sampleLabels(from, n)).array());
  }

  private static byte[] gunzip(Path gz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      return in.readAllBytes();
    }
  }
}
