package sparkprop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkprop.BadInputException;
import sparkprop.SharedHdfs;

/**
 * One run at a time writes into an output folder, on a local disk and on HDFS alike (issue 17 item 6:
 * two runs into one {@code --out} both exited 0). The process-level claims (two real concurrent runs,
 * the warning line of a takeover) are in {@code cli.OutputLockProcessIT}.
 */
@ExtendWith(SharedHdfs.Resolver.class)
class OutputLockTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Configuration hdfsConf;

  @TempDir Path tmp;

  @BeforeAll
  static void useHdfs(SharedHdfs shared) {
    hdfsConf = shared.conf();
  }

  /** An output folder on a local disk or on HDFS, new for each test. */
  private String out(String kind) {
    return kind.equals("local") ? tmp.resolve("out").toString()
        : hdfsConf.get("fs.defaultFS") + "/" + tmp.getFileName() + "/out";
  }

  private static Configuration conf(String kind) {
    return kind.equals("local") ? new Configuration() : hdfsConf;
  }

  /** The file system as the test sees it: on a local disk the raw one, which writes no .crc beside the lock. */
  private static FileSystem fs(String kind, String out) throws IOException {
    FileSystem fs = FileSystem.get(URI.create(out), conf(kind));
    return kind.equals("local") ? FileSystem.getLocal(conf(kind)).getRawFileSystem() : fs;
  }

  private static org.apache.hadoop.fs.Path qualified(String kind, String out) throws IOException {
    return FileSystem.get(URI.create(out), conf(kind)).makeQualified(new org.apache.hadoop.fs.Path(out));
  }

  private static JsonNode read(FileSystem fs, org.apache.hadoop.fs.Path lock) throws IOException {
    try (InputStream in = fs.open(lock)) {
      return JSON.readTree(in);
    }
  }

  /** {@link #read}, again while the holder is rewriting the file (a reader may find it empty for an instant). */
  private static JsonNode readBetweenRewrites(FileSystem fs, org.apache.hadoop.fs.Path lock) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        JsonNode n = read(fs, lock);
        if (n != null && n.has("refreshed")) return n;
      } catch (IOException e) {
        if (attempt >= 20) throw e;
      }
      if (attempt >= 20) throw new AssertionError(lock + " stayed unreadable");
      Thread.sleep(20);
    }
  }

  private static void write(FileSystem fs, org.apache.hadoop.fs.Path lock, String text, Instant modified)
      throws IOException {
    try (OutputStream o = fs.create(lock, true)) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
    fs.setTimes(lock, modified.toEpochMilli(), -1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "hdfs"})
  void aSecondRunIntoTheSameFolderIsRefusedWhileTheFirstHoldsIt(String kind) throws IOException {
    String out = out(kind);
    OutputFolder first = OutputFolder.prepare(out, "train", List.of(), conf(kind), true);
    FileSystem fs = fs(kind, out);
    org.apache.hadoop.fs.Path target = qualified(kind, out);
    org.apache.hadoop.fs.Path lock = new org.apache.hadoop.fs.Path(target.getParent(), ".out.sparkprop-lock");
    JsonNode held = read(fs, lock);
    assertEquals(InetAddress.getLocalHost().getHostName(), held.get("host").asText());
    assertEquals(ProcessHandle.current().pid(), held.get("pid").asLong());
    assertEquals("train", held.get("command").asText());
    Instant.parse(held.get("refreshed").asText());
    for (String command : new String[] {"train", "check", "bench"}) {
      BadInputException e = assertThrows(BadInputException.class,
          () -> OutputFolder.prepare(out, command, List.of(), conf(kind), command.equals("train")));
      assertTrue(e.getMessage().startsWith(out + ": another sparkprop run is writing " + out + " since "
          + held.get("started").asText() + " (train on "), e.getMessage());
      assertEquals(1, e.getMessage().lines().count());
    }
    first.write("report.json", "{}".getBytes(StandardCharsets.UTF_8));
    first.commit();
    assertTrue(fs.exists(lock), "held until released");
    first.release();
    assertFalse(fs.exists(lock), "released at the end");
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(target, ".out.sparkprop-lock")));
    OutputFolder second = OutputFolder.prepare(out, "check", List.of(), conf(kind));
    second.abandon();
    second.release();
    assertEquals(List.of("out"), List.of(fs.listStatus(target.getParent())).stream().map(s -> s.getPath().getName()).toList());
  }

  /**
   * Both kinds held at once and watched together, until each refresh is seen (at most REFRESH + 2.5 s):
   * one wait of about REFRESH for the two file systems instead of a fixed sleep for each.
   */
  @Test
  void theHolderRefreshesItsLockEveryFewSeconds() throws Exception {
    List<String> kinds = List.of("local", "hdfs");
    List<OutputFolder> held = new java.util.ArrayList<>();
    List<FileSystem> fss = new java.util.ArrayList<>();
    List<org.apache.hadoop.fs.Path> locks = new java.util.ArrayList<>();
    List<JsonNode> before = new java.util.ArrayList<>();
    for (String kind : kinds) {
      String out = out(kind);
      held.add(OutputFolder.prepare(out, "check", List.of(), conf(kind)));
      fss.add(fs(kind, out));
      locks.add(OutputLock.lockFile(qualified(kind, out)));
      before.add(read(fss.get(fss.size() - 1), locks.get(locks.size() - 1)));
    }
    long deadline = System.nanoTime() + OutputLock.REFRESH.plusMillis(2500).toNanos();
    for (int i = 0; i < kinds.size(); i++) {
      JsonNode after = readBetweenRewrites(fss.get(i), locks.get(i));
      while (after.get("refreshed").equals(before.get(i).get("refreshed")) && System.nanoTime() < deadline) {
        Thread.sleep(100);
        after = readBetweenRewrites(fss.get(i), locks.get(i));
      }
      assertEquals(before.get(i).get("started"), after.get("started"), kinds.get(i));
      assertTrue(Instant.parse(after.get("refreshed").asText()).isAfter(Instant.parse(before.get(i).get("refreshed")
          .asText()).plusSeconds(OutputLock.REFRESH.toSeconds() - 1)), kinds.get(i) + ": " + before.get(i) + " → " + after);
    }
    for (int i = 0; i < kinds.size(); i++) {
      held.get(i).abandon();
      held.get(i).release();
      assertFalse(fss.get(i).exists(locks.get(i)), kinds.get(i));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "hdfs"})
  void aStaleLockIsTakenOverWithOneWarningAndALiveOneIsNot(String kind) throws Exception {
    String out = out(kind);
    FileSystem fs = fs(kind, out);
    org.apache.hadoop.fs.Path target = qualified(kind, out);
    org.apache.hadoop.fs.Path lock = OutputLock.lockFile(target);
    fs.mkdirs(target.getParent());
    String here = InetAddress.getLocalHost().getHostName();
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Instant now = Instant.now();
    Instant old = now.minus(OutputLock.STALE_AFTER).minusSeconds(30);
    Map<String, String> takenOver = Map.of(
        holder("elsewhere", 1, old), "has not refreshed it for ",
        holder(here, gone.pid(), now), "is gone (check on " + here + ", process " + gone.pid(),
        "{\"tool\":\"spa", "has not refreshed it for "); // unreadable, its modification time old
    for (Map.Entry<String, String> c : takenOver.entrySet()) {
      write(fs, lock, c.getKey(), old);
      ByteArrayOutputStream warnings = new ByteArrayOutputStream();
      OutputLock.acquire(FileSystem.get(URI.create(out), conf(kind)), target, out, "check",
          new PrintStream(warnings, true, StandardCharsets.UTF_8)).release();
      List<String> lines = warnings.toString(StandardCharsets.UTF_8).lines().toList();
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("sparkprop: warning: " + out + ": took over the lock .out.sparkprop-lock of a"
          + " run that " + c.getValue()), lines.get(0));
      assertFalse(fs.exists(lock));
    }
    Map<String, String> live = Map.of(
        holder("elsewhere", 1, now), "(check on elsewhere, process 1)",
        holder(here, ProcessHandle.current().pid(), now), "(check on " + here,
        "{\"tool\":\"spa", "(its lock is being rewritten)"); // unreadable, modified just now
    for (Map.Entry<String, String> c : live.entrySet()) {
      write(fs, lock, c.getKey(), now);
      BadInputException e = assertThrows(BadInputException.class, () -> OutputLock.acquire(
          FileSystem.get(URI.create(out), conf(kind)), target, out, "check", System.err));
      assertTrue(e.getMessage().startsWith(out + ": another sparkprop run is writing " + out + " since "), e.getMessage());
      assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
      assertEquals(c.getKey(), new String(fs.open(lock).readAllBytes(), StandardCharsets.UTF_8), "left as it was");
    }
  }

  /** The lock file is one JSON line, as the readers above (and the README's line) expect it. */
  @Test
  void theLockFileIsOneJsonLine() {
    Instant t = Instant.parse("2026-01-02T03:04:05.678Z");
    assertEquals(holder("host-1", 4242, t), new String(new LockFile.Holder("x", "check", "host-1", 4242, t, t).json(),
        StandardCharsets.UTF_8));
  }

  private static String holder(String host, long pid, Instant refreshed) {
    return "{\"tool\":\"sparkprop\",\"id\":\"x\",\"command\":\"check\",\"host\":\"" + host + "\",\"pid\":" + pid
        + ",\"started\":\"" + refreshed + "\",\"refreshed\":\"" + refreshed + "\"}\n";
  }
}
