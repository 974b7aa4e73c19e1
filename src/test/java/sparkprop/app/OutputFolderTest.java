package sparkprop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.io.OutputStream;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.BadInputException;
import sparkprop.SharedHdfs;

/**
 * The output folder is replaced whole or not at all, and only when it is new, empty or an earlier
 * sparkprop output: every other folder is refused and left exactly as it was (issue 8).
 */
class OutputFolderTest {
  private static final Configuration CONF = new Configuration();

  @TempDir Path tmp;

  private static OutputFolder prepare(Path out, String... inputs) {
    return OutputFolder.prepare(out.toString(), "check", List.of(inputs), CONF);
  }

  /** Every file under {@code dir} (hidden ones too), by relative path, with its bytes as text. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      Map<String, String> files = new TreeMap<>();
      for (Path p : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
        files.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      return files;
    }
  }

  private static long entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  /** A folder of a user's that sparkprop must never delete: two files and a subfolder. */
  private Path userFolder(String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name).resolve("sub"));
    Files.writeString(dir.getParent().resolve("notes.txt"), "my notes");
    Files.write(dir.getParent().resolve("report.json"), new byte[] {1, 2, 3});
    Files.writeString(dir.resolve("deep.csv"), "a,b\n");
    return dir.getParent();
  }

  /** Refused with exit-2 input naming the folder and the reason, and nothing under {@code root} changed. */
  private void assertRefused(Path out, String reason, Path root, String... inputs) throws IOException {
    Map<String, String> before = snapshot(root);
    BadInputException e = assertThrows(BadInputException.class, () -> prepare(out, inputs));
    assertTrue(e.getMessage().startsWith(out.toString()) && e.getMessage().contains(reason), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    assertEquals(before, snapshot(root), "the user's files are all there, byte for byte");
  }

  @Test
  void aCommittedRunReplacesAnEarlierOutputAndEndsWithItsMarkers() throws IOException {
    Path out = tmp.resolve("out");
    OutputFolder first = prepare(out);
    first.write("report.json", "first".getBytes());
    first.write("gradients.npz", "g".getBytes());
    first.commit();
    first.release();
    String marker = Files.readString(out.resolve(OutputFolder.MARKER));
    assertEquals(1, marker.strip().lines().count());
    assertTrue(marker.contains("\"tool\":\"sparkprop\"") && marker.contains("\"command\":\"check\"")
        && marker.contains("gradients.npz"), marker);
    assertTrue(Files.exists(out.resolve(OutputFolder.SUCCESS)));

    OutputFolder second = prepare(out);
    second.write("report.json", "{}".getBytes());
    assertEquals("first", Files.readString(out.resolve("report.json")), "the old folder stays until commit");
    second.commit();
    second.release();
    assertEquals("{}", Files.readString(out.resolve("report.json")));
    assertFalse(Files.exists(out.resolve("gradients.npz")), "the earlier output is replaced whole");
    assertEquals(1, entries(tmp), "no staging or old folder left beside it");
  }

  @Test
  void anAbandonedRunLeavesThePreviousResultsIntact() throws IOException {
    Path out = tmp.resolve("out");
    OutputFolder first = prepare(out);
    first.write("report.json", "first".getBytes());
    first.commit();
    first.release();
    OutputFolder second = prepare(out);
    second.write("report.json", "half".getBytes());
    second.abandon();
    second.release();
    assertEquals("first", Files.readString(out.resolve("report.json")));
    assertEquals(1, entries(tmp));
  }

  @Test
  void anEmptyFolderIsReplaced() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("empty"));
    OutputFolder f = prepare(out);
    f.write("report.json", "{}".getBytes());
    f.commit();
    f.release();
    assertEquals("{}", Files.readString(out.resolve("report.json")));
  }

  @Test
  void aFolderThatIsNotAnEarlierOutputIsRefusedUntouched() throws IOException {
    Path user = userFolder("results");
    assertRefused(user, "not an earlier sparkprop output", tmp);
    // A report.json or _SUCCESS of the user's own does not make it one.
    Files.writeString(user.resolve("_SUCCESS"), "");
    assertRefused(user, "not an earlier sparkprop output", tmp);
    // Nor a marker that sparkprop did not write.
    Files.writeString(user.resolve(OutputFolder.MARKER), "hello\n");
    assertRefused(user, "not an earlier sparkprop output", tmp);
  }

  @Test
  void anEarlierOutputWithAFileAddedSinceIsRefusedUntouched() throws IOException {
    Path out = tmp.resolve("out");
    OutputFolder first = prepare(out);
    first.write("report.json", "first".getBytes());
    first.commit();
    first.release();
    Files.writeString(out.resolve("my-analysis.ipynb"), "{}");
    assertRefused(out, "'my-analysis.ipynb'", tmp);
  }

  @Test
  void aFolderAddedToDuringTheRunIsNotReplacedAtCommit() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    OutputFolder f = prepare(out);
    f.write("report.json", "{}".getBytes());
    Files.writeString(out.resolve("notes.txt"), "written while the job ran");
    assertThrows(BadInputException.class, f::commit);
    f.abandon();
    f.release();
    assertEquals(Map.of("notes.txt", "written while the job ran"), snapshot(out));
  }

  @Test
  void theDataTheWeightsAndTheFoldersHoldingThemAreRefusedUntouched() throws IOException {
    Path data = userFolder("data");
    assertRefused(data, "an input of this run", tmp, data.toString());
    assertRefused(tmp, "an input of this run", tmp, data.toString());
    Path weights = Files.writeString(Files.createDirectories(tmp.resolve("models")).resolve("w.npz"), "npz");
    assertRefused(weights.getParent(), "an input of this run", tmp, data.toString(), weights.toString());
    // The same through a relative path, a file: URI and a symbolic link.
    assertRefused(tmp, "an input of this run", tmp, "file:" + data);
    Path link = Files.createSymbolicLink(tmp.resolve("link"), data);
    assertRefused(link, "an input of this run", tmp, data.toString());
  }

  @Test
  void theCurrentDirectoryTheHomeFolderAndARootAreRefused() {
    for (String dir : new String[] {".", System.getProperty("user.dir"), System.getProperty("user.home"), "/",
        "file:/", Path.of(System.getProperty("user.dir")).getParent().toString()}) {
      BadInputException e = assertThrows(BadInputException.class,
          () -> OutputFolder.prepare(dir, "check", List.of(), CONF), dir);
      assertTrue(e.getMessage().contains("--out refused"), e.getMessage());
    }
  }

  /** HDFS, through Hadoop's FileSystem on qualified paths: the same refusals, the same replacement. */
  @Test
  @ExtendWith(SharedHdfs.Resolver.class)
  void onHdfsTheSameRulesHold(SharedHdfs shared) throws Exception {
    Configuration conf = shared.conf();
    String hdfs = shared.uri;
    FileSystem fs = FileSystem.get(URI.create(hdfs), conf);
    byte[] notes = "my notes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/results/notes.txt"))) {
      out.write(notes);
    }
    fs.mkdirs(new org.apache.hadoop.fs.Path("/data/idx"));
    for (String[] refused : new String[][] {
        {hdfs + "/results", "not an earlier sparkprop output"},
        {hdfs + "/data", "an input of this run"}, // the input given without a scheme, qualified by fs.defaultFS
        {"/data/idx", "an input of this run"},
        {hdfs + "/", "a file system root"},
        {fs.getHomeDirectory().toString(), "the file system's"},
        {fs.getHomeDirectory().getParent().toString(), "the file system's"}}) {
      BadInputException e = assertThrows(BadInputException.class,
          () -> OutputFolder.prepare(refused[0], "check", List.of("/data/idx"), conf), refused[0]);
      assertTrue(e.getMessage().contains(refused[1]), e.getMessage());
    }
    try (java.io.InputStream in = fs.open(new org.apache.hadoop.fs.Path("/results/notes.txt"))) {
      assertEquals(new String(notes, java.nio.charset.StandardCharsets.UTF_8),
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    assertEquals(1, fs.listStatus(new org.apache.hadoop.fs.Path("/results")).length);

    for (String text : new String[] {"first", "second"}) {
      OutputFolder f = OutputFolder.prepare(hdfs + "/checks/today", "check", List.of("/data/idx"), conf);
      f.write("report.json", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      f.commit();
      f.release();
    }
    try (java.io.InputStream in = fs.open(new org.apache.hadoop.fs.Path("/checks/today/report.json"))) {
      assertEquals("second", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/checks/today/" + OutputFolder.MARKER)));
    assertEquals(1, fs.listStatus(new org.apache.hadoop.fs.Path("/checks")).length, "no staging or old folder left");
  }

  /**
   * A symbolic link as {@code --out} is refused with one line and stays a link (issue 17 item 12: a link
   * to an empty folder was replaced by a real folder); the same for a dangling link and a link to an
   * earlier output. What it points to is named, so the user can give that instead.
   */
  @Test
  void aSymbolicLinkIsRefusedAndStaysALink() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path earlier = tmp.resolve("earlier");
    OutputFolder f = prepare(earlier);
    f.write("report.json", "{}".getBytes());
    f.commit();
    f.release();
    for (Path to : new Path[] {empty, earlier, tmp.resolve("missing")}) {
      Path link = Files.createSymbolicLink(tmp.resolve("link"), to);
      assertRefused(link, "it is a symbolic link (to " + to + ")", tmp);
      assertTrue(Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(to), "the link is kept");
      Files.delete(link);
    }
    assertEquals(0, entries(empty));
    OutputFolder direct = prepare(empty); // the folder it pointed to is accepted when given itself
    direct.abandon();
    direct.release();
  }

  @Test
  void aPathThatIsAFileIsBadInputAndStays() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    assertRefused(file, "not a folder", tmp);
  }
}
