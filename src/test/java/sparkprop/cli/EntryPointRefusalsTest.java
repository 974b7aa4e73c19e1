package sparkprop.cli;

import sparkprop.InProcessRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.app.ExitCode;
import sparkprop.read.IdxFiles;

/**
 * The cases behind {@link EntryPointIT}'s process claims, through the same entry point in this JVM
 * ({@link InProcessRun}): missing data, a million partitions, the data folder as {@code --out} and bad
 * input that only an executor finds each exit 2 with one line naming what and write nothing, as do
 * check and bench while a live run holds the output's lock; each command's help exits 0. That the real process's stderr holds that one line and nothing of Spark's is
 * shown once per kind of claim in {@link EntryPointIT}.
 */
class EntryPointRefusalsTest {
  @TempDir Path tmp;

  private static void assertOneLine(int exitCode, InProcessRun run, String... mustMention) {
    assertEquals(exitCode, run.exitCode, run.toString());
    assertEquals(1, run.stderrLines().size(), "exactly one line on stderr:\n" + run);
    String line = run.stderrLines().get(0);
    assertTrue(line.startsWith("sparkprop: "), line);
    for (String s : mustMention) assertTrue(line.contains(s), "'" + s + "' in: " + line);
  }

  @Test
  void eachCommandsHelpExitsZero() {
    for (String[] args : new String[][] {{"--help"}, {"train", "--help"}, {"check", "-h"}, {"bench", "--help"}}) {
      InProcessRun run = InProcessRun.of(args);
      assertEquals(ExitCode.AGREE, run.exitCode, run.toString());
      assertTrue(run.stdout.contains("--out") && run.stdout.contains("--data"), run.toString());
      assertEquals("", run.stderr, String.join(" ", args) + "\n" + run);
    }
  }

  @Test
  void missingDataExitsTwo() {
    Path out = tmp.resolve("o");
    assertOneLine(ExitCode.BAD_INPUT, InProcessRun.of("--data", tmp.resolve("nope").toString(), "--out", out.toString()),
        "nope");
    assertFalse(Files.exists(out));
  }

  @Test
  void aMillionPartitionsIsRefusedWithinSeconds() {
    long start = System.nanoTime();
    InProcessRun run = InProcessRun.of("--partitions", "1000000", "--limit", "100", "--out", tmp.resolve("o").toString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertOneLine(ExitCode.BAD_INPUT, run, "--partitions", "100000");
    assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "refused while parsing, before any partition: " + took);
  }

  @Test
  void outIsTheDataFolderTouchesNothing() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    IdxFiles.write(data, "train-", 28, 28, IdxFiles.randomPixels(50, 784, 1), IdxFiles.randomLabels(50, 2), true);
    Map<String, String> before = FolderSnapshot.of(data);
    InProcessRun run = InProcessRun.of("--data", data.toString(), "--out", data.toString());
    assertOneLine(ExitCode.BAD_INPUT, run, data.toString(), "an input of this run");
    assertEquals(before, FolderSnapshot.of(data));
  }

  @Test
  void badInputFoundByAnExecutorExitsTwoInOneLine() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    IdxFiles.Pair files = IdxFiles.write(data, "train-", 28, 28, IdxFiles.randomPixels(400, 784, 1),
        IdxFiles.randomLabels(400, 2), true);
    IdxFiles.truncate(files.images(), 784 * 100); // the gzip stream stays valid: only reading the rows finds it
    InProcessRun run = InProcessRun.of("--data", data.toString(), "--partitions", "3", "--out", tmp.resolve("o").toString());
    assertOneLine(ExitCode.BAD_INPUT, run, "train-images-idx3-ubyte.gz", "truncated");
    assertFalse(Files.exists(tmp.resolve("o")));
  }

  private static Path lock(Path out) {
    return out.resolveSibling("." + out.getFileName() + ".sparkprop-lock");
  }

  /** A lock naming this host and a live process (this JVM), refreshed just now: another run's, as far as a run can tell. */
  private static void heldByALiveRun(Path out) throws Exception {
    Instant now = Instant.now();
    Files.writeString(lock(out), "{\"tool\":\"sparkprop\",\"id\":\"t\",\"command\":\"train\",\"host\":\""
        + InetAddress.getLocalHost().getHostName() + "\",\"pid\":" + ProcessHandle.current().pid() + ",\"started\":\""
        + now + "\",\"refreshed\":\"" + now + "\"}\n");
  }

  @Test
  void checkAndBenchAreRefusedWhileALiveRunHoldsTheLock() throws Exception {
    Path c = tmp.resolve("c");
    Path b = tmp.resolve("b");
    heldByALiveRun(c);
    heldByALiveRun(b);
    String data = JobProcess.PROJECT.resolve("data/mnist-sample").toString();
    InProcessRun check = InProcessRun.of("--data", data, "--limit", "100", "--out", c.toString());
    InProcessRun bench = InProcessRun.of("bench", "--quick", "--data", data, "--out", b.toString());
    for (InProcessRun p : List.of(check, bench)) {
      assertOneLine(ExitCode.BAD_INPUT, p, ": another sparkprop run is writing ", " (train on ");
    }
    assertFalse(Files.exists(c) || Files.exists(b), "nothing written");
    assertTrue(Files.exists(lock(c)) && Files.exists(lock(b)), "another run's lock is left alone");
  }
}
