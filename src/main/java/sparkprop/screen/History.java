package sparkprop.screen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;
import sparkprop.Json;

/**
 * {@code --history PATH}: a folder (any Hadoop path) to which every run adds one file,
 * {@code screen-<UTC time>-<application id>.json}, holding per host the tasks, comparisons and
 * disagreements of that run and its CPU model and BLAS core. No file is ever appended to or rewritten
 * (object stores cannot append): a new run's file is written under a dot name and renamed.
 *
 * <p>The verdict: a host is suspect when it disagreed in this run, or in at least K (--suspect-after) of
 * its last N (--history-window) screened runs, this one included; a run in which the host took part in
 * no comparison does not count for it either way.
 */
final class History {
  static final String PREFIX = "screen-";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper READER = new ObjectMapper();

  /** One run's record: the file's content. */
  record Run(String time, String applicationId, Map<String, HostRecord> hosts) {}

  record HostRecord(long tasks, long comparisons, long disagreements, String cpuModel, String blasCore) {}

  private final FileSystem fs;
  private final Path folder;
  private final int suspectAfter;
  private final int window;

  private History(FileSystem fs, Path folder, int suspectAfter, int window) {
    this.fs = fs;
    this.folder = folder;
    this.suspectAfter = suspectAfter;
    this.window = window;
  }

  /** The folder, created when missing; exit 2 when the path is a file. */
  static History open(String location, Configuration conf, ScreenOptions o) throws IOException {
    Path folder = new Path(location);
    FileSystem fs = folder.getFileSystem(conf);
    if (fs.exists(folder) && !fs.getFileStatus(folder).isDirectory()) {
      throw BadInputException.inFile(location, "is a file; --history needs a folder (one file per run is added to it)");
    }
    fs.mkdirs(folder);
    return new History(fs, folder, o.suspectAfter, o.historyWindow);
  }

  /** The earlier runs' records, oldest first (file names sort by time). */
  List<JsonNode> earlier() throws IOException {
    FileStatus[] files = fs.listStatus(folder, p -> p.getName().startsWith(PREFIX) && p.getName().endsWith(".json"));
    Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    List<JsonNode> runs = new ArrayList<>();
    for (FileStatus f : files) {
      try (InputStream in = fs.open(f.getPath())) {
        runs.add(READER.readTree(in));
      } catch (IOException e) {
        throw BadInputException.inFile(f.getPath().toString(), "not a screen history record: " + e.getMessage());
      }
    }
    return runs;
  }

  /** Adds the history's suspects and evidence to {@code r}, then writes this run's record. */
  void weigh(ScreenResult r) throws IOException {
    Map<String, List<Boolean>> disagreed = new LinkedHashMap<>();
    for (JsonNode run : earlier()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = run.path("hosts").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> h = it.next();
        if (h.getValue().path("comparisons").asLong() == 0 && h.getValue().path("disagreements").asLong() == 0) continue;
        disagreed.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue().path("disagreements").asLong() > 0);
      }
    }
    for (HostTally h : r.hosts.values()) {
      if (h.screened() || h.disagreements > 0) disagreed.computeIfAbsent(h.host, k -> new ArrayList<>()).add(h.disagreements > 0);
    }
    for (Map.Entry<String, List<Boolean>> e : disagreed.entrySet()) {
      List<Boolean> all = e.getValue();
      List<Boolean> last = all.subList(Math.max(0, all.size() - window), all.size());
      long bad = last.stream().filter(b -> b).count();
      if (bad == 0) continue;
      r.historyEvidence.put(e.getKey(), "disagreed in " + bad + " of its last " + last.size() + " screened runs");
      if (bad >= suspectAfter) r.suspects.add(e.getKey());
    }
    r.historyFile = write(r).toString();
  }

  private Path write(ScreenResult r) throws IOException {
    Map<String, HostRecord> hosts = new LinkedHashMap<>();
    for (HostTally h : r.hosts.values()) {
      hosts.put(h.host, new HostRecord(h.tasks, h.comparisons, h.disagreements,
          h.facts == null ? null : h.facts.cpuModel(), h.facts == null ? null : h.facts.blasCore()));
    }
    Instant now = Instant.now();
    String name = PREFIX + STAMP.format(now) + "-" + r.applicationId + ".json";
    Path target = new Path(folder, name);
    Path staging = new Path(folder, "." + name + ".tmp");
    try (OutputStream out = fs.create(staging, false)) {
      out.write(Json.pretty(new Run(now.toString(), r.applicationId, hosts)));
    }
    if (!fs.rename(staging, target)) throw new IOException("could not rename " + staging + " to " + target);
    return target;
  }
}
