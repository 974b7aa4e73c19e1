package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.app.ExitCode;
import sparkprop.model.MllibModels;
import sparkprop.read.DeflatedZeros;

/**
 * A run whose network, blocks or input cannot fit the heaps it was given is refused before anything of
 * that size is allocated: exit 2, one line naming the option or file, what it needs and the limit, and
 * how to raise it (--driver-memory) — not an OutOfMemoryError (exit 3, or a JVM stuck collecting
 * garbage). In-process through the entry point where the allocation would exceed the test JVM's own
 * heap at once. Where it would fit 4 GiB but not 512 MiB, {@link MemoryBoundsIT} runs a child process
 * with a 512 MiB driver, so that allocating it would run out of memory there.
 */
class MemoryBoundsTest {
  @TempDir Path tmp;

  static void assertRefused(int code, String stderr, String... mustMention) {
    assertEquals(ExitCode.BAD_INPUT, code, stderr);
    String err = stderr.strip();
    assertEquals(1, err.lines().count(), "one line: " + err);
    assertTrue(err.startsWith("sparkprop: "), err);
    for (String s : mustMention) assertTrue(err.contains(s), "'" + s + "' in: " + err);
  }

  private static void assertRefused(CheckRun run, String... mustMention) {
    assertRefused(run.exitCode, run.stderr, mustMention);
    assertFalse(Files.exists(run.out.resolve("report.json")), run.toString());
  }

  @Test
  void layersWhoseParametersExceedTheHeapExitTwo() {
    assertRefused(CheckRun.of(tmp.resolve("o1"), "--limit", "200", "--layers", "784-40000-40000-10"),
        "--layers 784-40000-40000-10", "1,631,840,010 parameters", "GiB on the driver", "more than its heap of",
        "--driver-memory");
    // More parameters than one array holds: before, an IllegalArgumentException (exit 3).
    assertRefused(CheckRun.of(tmp.resolve("o2"), "--limit", "200", "--layers", "784-100000-100000-10"),
        "--layers 784-100000-100000-10", "10,079,600,010 parameters", "--driver-memory");
  }

  /** Blocks are as wide as the rows there are: a million-row block over 2,000 rows is 2,000 columns. */
  @Test
  void blockRowsBeyondTheRowsThereAreJustWork() {
    CheckRun run = CheckRun.of(tmp.resolve("o"), "--limit", "2000", "--block-rows", "1000000", "--fd-directions", "1");
    assertEquals(ExitCode.AGREE, run.exitCode, run.toString());
  }

  /** One 6000×6000 image, a sparse file: 36 million pixels per row make a network of 1.8e9 parameters. */
  @Test
  void aSparseIdxImageOfThirtySixMillionPixelsExitsTwo() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("idx"));
    try (RandomAccessFile images = new RandomAccessFile(data.resolve("train-images-idx3-ubyte").toFile(), "rw")) {
      images.write(ByteBuffer.allocate(16).putInt(0x803).putInt(1).putInt(6000).putInt(6000).array());
      images.setLength(16 + 6000L * 6000);
    }
    Files.write(data.resolve("train-labels-idx1-ubyte"), ByteBuffer.allocate(9).putInt(0x801).putInt(1).put((byte) 3).array());
    assertRefused(CheckRun.of(tmp.resolve("o"), "--data", data.toString()), "train-images-idx3-ubyte",
        "36000000 pixels per row", "36000000-50-1", "--driver-memory");
  }

  /** A sparse 'weights' vector declaring 2e9 entries: refused before `new double[size]`. */
  @Test
  void anMllibModelWithASparseVectorOfTwoBillionExitsTwo() {
    String dir = MllibModels.copy(MllibModels.mlp(15, 784, 12, 10).dir);
    MllibModels.replaceData(dir, RowFactory.create(Vectors.sparse(2_000_000_000, new int[0], new double[0])),
        new StructType().add("weights", SQLDataTypes.VectorType()));
    assertRefused(CheckRun.of(tmp.resolve("o"), "--weights", dir, "--limit", "100"), dir, "a sparse vector of 2000000000 weights",
        "784-12-10 need 9550");
  }

  /**
   * A 1000×1000 black PNG is a file of about 1 KB and a row of a million pixels: with --hidden 2000 the
   * network 1000000-2000-1 has 2·10⁹ parameters, beyond this JVM's heap too (the 512 MiB driver with the
   * default --hidden 50 is {@link MemoryBoundsIT}'s, on a CSV: the same plan after a different reader).
   */
  @Test
  void aPngOfAMillionPixelsExitsTwo() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("png/3"));
    ImageIO.write(new BufferedImage(1000, 1000, BufferedImage.TYPE_BYTE_GRAY), "png", folder.resolve("a.png").toFile());
    assertTrue(Files.size(folder.resolve("a.png")) < 8192);
    assertRefused(CheckRun.of(tmp.resolve("o"), "--data", tmp.resolve("png").toString(), "--hidden", "2000"), "png",
        "1000000 pixels per row", "1000000-2000-1", "more than its heap of", "--driver-memory");
  }

  /**
   * A metadata file of a few MiB that inflates to one 4 GiB line: refused after reading 1 MiB. Reading the
   * line whole would fail here too (a String holds at most 2 GiB), as exit 3 instead of this exit 2.
   */
  @Test
  void anMllibModelWhoseMetadataInflatesToOneHugeLineExitsTwo() throws IOException {
    String dir = MllibModels.copy(MllibModels.mlp(15, 784, 12, 10).dir);
    Path part = MllibModels.part(dir, "metadata");
    String line = Files.readString(part, StandardCharsets.UTF_8).strip();
    Files.delete(part);
    MllibModels.dropChecksum(part);
    byte[] prefix = line.substring(0, line.length() - 1).concat(", \"padding\": \"").getBytes(StandardCharsets.UTF_8);
    Files.write(part.resolveSibling("part-00000.gz"), DeflatedZeros.gzip(prefix, 4L << 30, false));
    assertRefused(CheckRun.of(tmp.resolve("o"), "--weights", dir, "--limit", "100"), "metadata/part-00000.gz",
        "no complete JSON line within its first 1 MiB");
  }
}
