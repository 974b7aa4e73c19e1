package sparkprop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.BadInputException;

/**
 * The marker describes every file sparkprop wrote, at every depth, and nothing else anywhere in the tree
 * is ever deleted (issue 17 item 1: a user's {@code checkpoints/NOTES.txt} was deleted with exit 0).
 */
class ManifestTest {
  private static final Configuration CONF = new Configuration();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** A training output as a run leaves it: a checkpoint written into the staging folder as it went, figures, a report. */
  private Path trainOutput(Path out) throws IOException {
    OutputFolder f = OutputFolder.prepare(out.toString(), "train", List.of(), CONF, true);
    FileSystem fs = f.staging().getFileSystem(CONF);
    try (OutputStream o = fs.create(new org.apache.hadoop.fs.Path(f.staging(), "checkpoints/step-00000003/weights.npz"))) {
      o.write(new byte[] {1, 2, 3}); // through Hadoop, as Checkpoints writes: a .crc beside it on a local disk
    }
    f.wroteFolder("checkpoints");
    f.write("figures/loss.png", new byte[] {9});
    f.write("report.json", "{}".getBytes(StandardCharsets.UTF_8));
    f.commit();
    f.release();
    return out;
  }

  private static OutputFolder prepare(Path out) {
    return OutputFolder.prepare(out.toString(), "train", List.of(), CONF, true);
  }

  /** Every file under {@code dir} (hidden ones too), by relative path, with its bytes as text. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      Map<String, String> files = new TreeMap<>();
      for (Path p : s.collect(Collectors.toList())) {
        files.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "/");
      }
      return files;
    }
  }

  private void assertRefused(Path out, String... reasons) throws IOException {
    Map<String, String> before = snapshot(tmp);
    BadInputException e = assertThrows(BadInputException.class, () -> prepare(out));
    for (String reason : reasons) assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertTrue(e.getMessage().startsWith(out + ": --out refused: "), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    assertEquals(before, snapshot(tmp), "nothing changed, beside --out either (no lock left)");
  }

  @Test
  void theMarkerListsEveryFolderAndFileAtEveryDepth() throws IOException {
    Path out = trainOutput(tmp.resolve("out"));
    JsonNode marker = JSON.readTree(out.resolve(OutputFolder.MARKER).toFile());
    assertEquals(2, marker.get("version").asInt());
    assertEquals("train", marker.get("command").asText());
    TreeSet<String> files = new TreeSet<>();
    marker.get("files").forEach(n -> files.add(n.asText()));
    TreeSet<String> folders = new TreeSet<>();
    marker.get("folders").forEach(n -> folders.add(n.asText()));
    assertEquals(new TreeSet<>(List.of("checkpoints", "checkpoints/step-00000003", "figures")), folders);
    for (String f : List.of("_SUCCESS", "report.json", "figures/loss.png", "checkpoints/step-00000003/weights.npz")) {
      assertTrue(files.contains(f), f + " in " + files);
    }
    // Every file present is listed, but the marker itself and Hadoop's checksums.
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = out.relativize(p).toString();
        String name = p.getFileName().toString();
        assertTrue(files.contains(rel) || name.endsWith(".crc") || name.equals(OutputFolder.MARKER), rel);
      }
    }
    assertTrue(Files.exists(out.resolve("checkpoints/step-00000003/.weights.npz.crc")), "a checksum at depth");
    // ... which a later run accepts: the output is replaced whole.
    OutputFolder again = prepare(out);
    again.write("report.json", "[]".getBytes(StandardCharsets.UTF_8));
    again.commit();
    again.release();
    assertEquals("[]", Files.readString(out.resolve("report.json")));
    assertTrue(Files.notExists(out.resolve("figures")), "replaced whole");
  }

  /** The marker and the run folder's marker, byte for byte as README shows them: one JSON line each. */
  @Test
  void theMarkersAreOneJsonLineEach() throws IOException {
    Path out = tmp.resolve("check-out");
    OutputFolder f = OutputFolder.prepare(out.toString(), "check", List.of(), CONF, false);
    for (String name : List.of("report.json", "gradients.npz", "reference.npz", "report.html")) f.write(name, new byte[] {1});
    f.commit();
    f.release();
    assertEquals("{\"tool\":\"sparkprop\",\"command\":\"check\",\"version\":2,\"folders\":[],\"files\":[\"_SUCCESS\","
        + "\"gradients.npz\",\"reference.npz\",\"report.html\",\"report.json\"]}\n",
        Files.readString(out.resolve(OutputFolder.MARKER)));
    OutputFolder run = prepare(tmp.resolve("train-out"));
    assertEquals("{\"tool\":\"sparkprop\",\"command\":\"train\"}\n",
        Files.readString(tmp.resolve(".train-out.sparkprop-run").resolve(OutputFolder.RUN_MARKER)));
    run.release();
  }

  @Test
  void aFileOrFolderAddedAnywhereInAnEarlierOutputIsRefusedUntouched() throws IOException {
    Path out = trainOutput(tmp.resolve("out"));
    String[] added = {"checkpoints/NOTES.txt", "figures/mine.txt", "checkpoints/step-00000003/notes",
        "checkpoints/.NOTES.txt.crc", "checkpoints/mine/"};
    for (String a : added) {
      Path p = out.resolve(a);
      if (a.endsWith("/")) {
        Files.createDirectories(p);
      } else {
        Files.writeString(p, "mine");
      }
      assertRefused(out, "it holds '" + a.replaceAll("/$", "") + "', which sparkprop did not write",
          "move '" + a.replaceAll("/$", "") + "' away");
      Files.delete(p);
    }
    Path link = Files.createSymbolicLink(out.resolve("figures/link"), tmp);
    assertRefused(out, "'figures/link', a symbolic link");
    Files.delete(link);
    prepare(out).release(); // with all of them gone it is an earlier output again
  }

  @Test
  void aMalformedOrOversizedMarkerIsReportedAsSuch() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("report.json"), "{}");
    Path marker = out.resolve(OutputFolder.MARKER);
    String[][] cases = {
        {"hello\n", "is not JSON"},
        {"{\"tool\":\"other\",\"command\":\"check\",\"files\":[]}", "does not name sparkprop as its tool"},
        {"{\"tool\":\"sparkprop\",\"files\":[]}", "names no command"},
        {"{\"tool\":\"sparkprop\",\"command\":\"check\"}", "has no list of files"},
        {"{\"tool\":\"sparkprop\",\"command\":\"check\",\"version\":2,\"files\":[\"report.json\"]}", "has no list of folders"},
        {"{\"tool\":\"sparkprop\",\"command\":\"check\",\"version\":9,\"files\":[],\"folders\":[]}", "is of version 9"}};
    for (String[] c : cases) {
      Files.writeString(marker, c[0]);
      assertRefused(out, "not an earlier sparkprop output (its .sparkprop-output " + c[1]);
    }
    try (RandomAccessFile big = new RandomAccessFile(marker.toFile(), "rw")) {
      big.setLength(Manifest.MAX_BYTES + 1); // sparse: costs no disk
    }
    assertRefused(out, "its .sparkprop-output has 16777217 bytes, more than the 16777216 sparkprop writes");
    Files.delete(marker);
    assertRefused(out, "(it has no .sparkprop-output)");
  }

  @Test
  void aLongRunsMarkerBeyondTheOld64KbCapIsRead() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("report.json"), "{}");
    List<String> files = new ArrayList<>(List.of("report.json"));
    List<String> folders = new ArrayList<>(List.of("checkpoints"));
    for (int step = 0; step < 20_000; step++) { // 20,000 checkpoints' names, about 1 MB
      folders.add(String.format("checkpoints/step-%08d", step));
      files.add(String.format("checkpoints/step-%08d/weights.npz", step));
    }
    Files.createDirectories(out.resolve("checkpoints/step-00012345"));
    Files.writeString(out.resolve("checkpoints/step-00012345/weights.npz"), "w");
    Files.writeString(out.resolve(OutputFolder.MARKER), JSON.writeValueAsString(Map.of("tool", "sparkprop",
        "command", "train", "version", 2, "files", files, "folders", folders)));
    assertTrue(Files.size(out.resolve(OutputFolder.MARKER)) > 1_000_000);
    prepare(out).release();
  }

  /**
   * A marker of an older sparkprop (no version, top-level names): it vouches for the files it names and
   * the empty folders it names, never for what is inside a folder (which it cannot tell from a user's).
   */
  @Test
  void anOlderTopLevelMarkerVouchesForTopLevelEntriesOnly() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("report.json"), "{}");
    Files.writeString(out.resolve("_SUCCESS"), "");
    Files.createDirectories(out.resolve("checkpoints"));
    Files.writeString(out.resolve(OutputFolder.MARKER),
        "{\"tool\":\"sparkprop\",\"command\":\"train\",\"files\":[\"checkpoints\",\"report.json\",\"_SUCCESS\"]}\n");
    prepare(out).release(); // its tree matches: replaceable
    Files.createDirectories(out.resolve("checkpoints/step-00000003"));
    Files.writeString(out.resolve("checkpoints/step-00000003/weights.npz"), "w");
    assertRefused(out, "it holds 'checkpoints/step-00000003', which the .sparkprop-output of an older sparkprop",
        "move 'checkpoints' away");
  }
}
