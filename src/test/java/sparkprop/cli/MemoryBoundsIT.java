package sparkprop.cli;

import static sparkprop.cli.MemoryBoundsTest.assertRefused;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MemoryBoundsTest}'s refusal where the input would fit the test JVM's 4 GiB but not a 512 MiB
 * driver: as a child process ({@code ./submit.sh --driver-memory 512m}), so that allocating it would
 * run out of memory there — exit 2 and one line naming the file, the size and --driver-memory instead.
 * One child run proves this claim about the process (the heap is the driver's, from --driver-memory);
 * the other readers' cases (PNG, an MLlib model's metadata) run in-process in {@link MemoryBoundsTest}.
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
}
