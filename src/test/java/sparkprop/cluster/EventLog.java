package sparkprop.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A finished application's Spark event log ({@code spark.eventLog.enabled}, uncompressed): one JSON
 * object per line, one line per event the driver's listener bus carried. What the cluster tests read
 * from it: which executors were removed, and how each task attempt ended.
 */
final class EventLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How one task attempt ended (a SparkListenerTaskEnd event). */
  record TaskEnd(long taskId, int stage, int stageAttempt, int index, int attempt, String executor, String reason,
      String taskType) {
    boolean succeeded() {
      return reason.equals("Success");
    }

    @Override
    public String toString() {
      return "task " + index + " (TID " + taskId + ", " + taskType + ") of stage " + stage + "." + stageAttempt
          + " attempt " + attempt + " on executor " + executor + ": " + reason;
    }
  }

  private final Path location;
  private final List<JsonNode> events;

  private EventLog(Path location, List<JsonNode> events) {
    this.location = location;
    this.events = events;
  }

  /**
   * The event log of application {@code appId} in {@code dir}. Spark 4 writes rolling logs by default
   * (spark.eventLog.rolling.enabled): a folder {@code eventlog_v2_<app>} of {@code events_<n>_<app>}
   * files, and an empty {@code appstatus_<app>} marker that loses its {@code .inprogress} suffix when
   * the application ends; with rolling off, one file {@code <app>}, likewise. Names are lower-cased.
   */
  static EventLog of(Path dir, String appId) throws IOException {
    String app = appId.toLowerCase(Locale.ROOT);
    Path rolling = dir.resolve("eventlog_v2_" + app);
    List<Path> files;
    if (Files.isDirectory(rolling)) {
      if (!Files.exists(rolling.resolve("appstatus_" + app))) {
        throw new IllegalStateException("the event log " + rolling + " is not finished (no appstatus_" + app + ")");
      }
      try (Stream<Path> list = Files.list(rolling)) {
        files = list.filter(f -> f.getFileName().toString().matches("events_\\d+_" + Pattern.quote(app)))
            .sorted(Comparator.comparingLong(f -> Long.parseLong(f.getFileName().toString().split("_")[1])))
            .collect(Collectors.toList());
      }
    } else {
      files = List.of(dir.resolve(app));
    }
    if (files.isEmpty() || !files.stream().allMatch(Files::isRegularFile)) {
      try (Stream<Path> list = Files.list(dir)) {
        throw new IllegalStateException("no finished, uncompressed event log of " + appId + " in " + dir + ": "
            + list.collect(Collectors.toList()));
      }
    }
    List<JsonNode> events = new ArrayList<>();
    for (Path f : files) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) events.add(JSON.readTree(line));
      }
    }
    return new EventLog(Files.isDirectory(rolling) ? rolling : files.get(0), events);
  }

  /** Where the log is (its file, or its folder of rolling files). */
  Path location() {
    return location;
  }

  private Stream<JsonNode> events(String type) {
    return events.stream().filter(e -> e.path("Event").asText().equals(type));
  }

  /** The ids of the executors removed while the application ran, with Spark's reason for each. */
  Map<String, String> removedExecutors() {
    Map<String, String> removed = new TreeMap<>();
    events("SparkListenerExecutorRemoved")
        .forEach(e -> removed.put(e.path("Executor ID").asText(), e.path("Removed Reason").asText()));
    return removed;
  }

  /** Every task attempt's end, in the order the listener bus delivered them. */
  List<TaskEnd> taskEnds() {
    return events("SparkListenerTaskEnd").map(e -> {
      JsonNode info = e.path("Task Info");
      return new TaskEnd(info.path("Task ID").asLong(), e.path("Stage ID").asInt(), e.path("Stage Attempt ID").asInt(),
          info.path("Index").asInt(), info.path("Attempt").asInt(), info.path("Executor ID").asText(),
          e.path("Task End Reason").path("Reason").asText(), e.path("Task Type").asText());
    }).collect(Collectors.toList());
  }

  /** A Spark property as the driver ran with it (SparkListenerEnvironmentUpdate; Spark redacts secrets there). */
  Optional<String> sparkProperty(String key) {
    return events("SparkListenerEnvironmentUpdate").map(e -> e.path("Spark Properties")).map(props -> {
      if (props.isObject()) return Optional.ofNullable(props.get(key)).map(JsonNode::asText);
      for (Iterator<JsonNode> it = props.elements(); it.hasNext(); ) { // older logs: [[key, value], ...]
        JsonNode pair = it.next();
        if (pair.path(0).asText().equals(key)) return Optional.of(pair.path(1).asText());
      }
      return Optional.<String>empty();
    }).flatMap(Optional::stream).findFirst();
  }
}
