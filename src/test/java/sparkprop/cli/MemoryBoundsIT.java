package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static sparkprop.cli.MemoryBoundsTest.assertRefused;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.model.MllibModels;
import sparkprop.read.DeflatedZeros;

/**
 * {@link MemoryBoundsTest}'s refusals where the input would fit the test JVM's 4 GiB but not a 512 MiB
 * driver: as a child process ({@code ./submit.sh --driver-memory 512m}), so that allocating it would
 * run out of memory there — exit 2 and one line naming the file, the size and --driver-memory instead.
 */
@Tag("cluster")
class MemoryBoundsIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path tmp;

  /** {@code ./submit.sh --driver-memory 512m check ARGS}: the child's heap is what an allocation would exhaust. */
  private JobProcess smallDriver(String... args) throws Exception {
    String[] all = Stream.concat(Stream.of("--driver-memory", "512m", "check", "--out", tmp.resolve("out").toString()),
        Stream.of(args)).toArray(String[]::new);
    return JobProcess.run(tmp, tmp, TIMEOUT, all);
  }

  /** A metadata file of a few MiB that inflates to one 4 GiB line: refused after reading 1 MiB. */
  @Test
  void anMllibModelWhoseMetadataInflatesToOneHugeLineExitsTwo() throws Exception {
    String dir = MllibModels.copy(MllibModels.mlp(15, 784, 12, 10).dir);
    Path part = MllibModels.part(dir, "metadata");
    String line = Files.readString(part, StandardCharsets.UTF_8).strip();
    Files.delete(part);
    MllibModels.dropChecksum(part);
    byte[] prefix = line.substring(0, line.length() - 1).concat(", \"padding\": \"").getBytes(StandardCharsets.UTF_8);
    Files.write(part.resolveSibling("part-00000.gz"), DeflatedZeros.gzip(prefix, 4L << 30, false));
    JobProcess run = smallDriver("--weights", dir, "--limit", "100", "--data", JobProcess.PROJECT.resolve("data/mnist-sample").toString());
    assertRefused(run.exitCode, run.stderr, "metadata/part-00000.gz", "no complete JSON line within its first 1 MiB");
  }

  /** 10⁶ columns: the header alone is 13 MB, and the network 1000000-50-1 needs gigabytes. */
  @Test
  void aCsvOfAMillionColumnsExitsTwo() throws Exception {
    Path csv = tmp.resolve("wide.csv");
    StringBuilder b = new StringBuilder("label");
    for (int i = 0; i < 1_000_000; i++) b.append(",pixel").append(i);
    b.append('\n');
    for (int r = 0; r < 2; r++) b.append(r).append(",0".repeat(1_000_000)).append('\n');
    Files.writeString(csv, b, StandardCharsets.US_ASCII);
    JobProcess run = smallDriver("--data", csv.toString());
    assertRefused(run.exitCode, run.stderr, "wide.csv", "1000000 pixels per row", "more than its heap of 512 MiB",
        "--driver-memory");
  }

  /** A 1000×1000 black PNG is a file of about 1 KB, and a row of a million pixels. */
  @Test
  void aPngOfAMillionPixelsExitsTwo() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("png/3"));
    ImageIO.write(new BufferedImage(1000, 1000, BufferedImage.TYPE_BYTE_GRAY), "png", folder.resolve("a.png").toFile());
    assertTrue(Files.size(folder.resolve("a.png")) < 8192);
    JobProcess run = smallDriver("--data", tmp.resolve("png").toString());
    assertRefused(run.exitCode, run.stderr, "png", "1000000 pixels per row", "more than its heap of 512 MiB",
        "--driver-memory");
  }
}
