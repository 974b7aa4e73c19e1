package sparkprop.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol (a WebSocket on loopback): opens a
 * page, records every console message, uncaught exception, log entry (failed loads, CSP refusals)
 * and network request, evaluates expressions and takes full-page screenshots.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  /** What one page did while loading: problems the console would show, and every URL it requested. */
  static final class PageLog {
    final List<String> problems = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
  }

  private final Process process;
  private final Path profile;
  private WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private String session;

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  HeadlessChromium(int width, int height) throws IOException, InterruptedException {
    profile = Files.createTempDirectory("chromium-profile");
    process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", "--force-device-scale-factor=1", "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height, "--remote-debugging-port=0", "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          stderr.add(line);
          Matcher m = LISTENING.matcher(line);
          if (m.find()) url.complete(m.group(1));
        }
      } catch (IOException e) {
        url.completeExceptionally(e);
      }
      url.completeExceptionally(new IOException("chromium exited before listening:\n" + String.join("\n", stderr)));
    }, "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create(url.get(60, TimeUnit.SECONDS)), new Listener()).get(30, TimeUnit.SECONDS);
      JsonNode target = call(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank"));
      session = call(null, "Target.attachToTarget", JSON.createObjectNode()
          .put("targetId", target.get("targetId").asText()).put("flatten", true)).get("sessionId").asText();
      for (String domain : new String[] {"Page", "Runtime", "Log", "Network"}) call(domain + ".enable", null);
      resize(width, height);
    } catch (Exception e) {
      close();
      throw new IOException("could not drive " + BINARY + ": " + e, e);
    }
  }

  /** Opens the page and waits for its load event; returns what the page did on the way. */
  PageLog open(String url) throws Exception {
    int from = events.size();
    call("Page.navigate", JSON.createObjectNode().put("url", url));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (events.stream().skip(from).noneMatch(e -> "Page.loadEventFired".equals(e.path("method").asText()))) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("no load event for " + url);
      Thread.sleep(20);
    }
    evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"); // painted
    PageLog log = new PageLog();
    for (JsonNode e : events.subList(from, events.size())) {
      JsonNode p = e.path("params");
      switch (e.path("method").asText()) {
        case "Runtime.consoleAPICalled":
          if (p.path("type").asText().matches("error|warning|assert")) log.problems.add("console." + p.path("type").asText() + ": " + p.path("args"));
          break;
        case "Runtime.exceptionThrown":
          log.problems.add("exception: " + p.path("exceptionDetails"));
          break;
        case "Log.entryAdded":
          if (p.path("entry").path("level").asText().matches("error|warning")) log.problems.add("log: " + p.path("entry"));
          break;
        case "Network.requestWillBeSent":
          log.requests.add(p.path("request").path("url").asText());
          break;
        case "Network.loadingFailed":
          log.problems.add("loading failed: " + p);
          break;
        default:
      }
    }
    return log;
  }

  /** The value of a JavaScript expression (awaited if a promise), as JSON. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true));
    if (r.has("exceptionDetails")) throw new IllegalStateException(expression + ": " + r.get("exceptionDetails"));
    return r.path("result").path("value");
  }

  /** Makes the viewport this size, so that a screenshot holds the whole page at 1 image pixel per CSS pixel. */
  void resize(int width, int height) throws Exception {
    call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
        .put("deviceScaleFactor", 1).put("mobile", false));
  }

  byte[] screenshot() throws Exception {
    return Base64.getDecoder().decode(call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"))
        .get("data").asText());
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    return call(session, method, params);
  }

  private JsonNode call(String sessionId, String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode m = JSON.createObjectNode().put("id", id).put("method", method);
    m.set("params", params == null ? JSON.createObjectNode() : params);
    if (sessionId != null) m.put("sessionId", sessionId);
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(m), true).get(30, TimeUnit.SECONDS);
    JsonNode r = reply.get(60, TimeUnit.SECONDS);
    if (r.has("error")) throw new IllegalStateException(method + ": " + r.get("error"));
    return r.path("result");
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode m = JSON.readTree(text.toString());
          if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) f.complete(m);
          } else {
            events.add(m);
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        } finally {
          text.setLength(0);
        }
      }
      ws.request(1);
      return null;
    }
  }

  /** Chromium's own diagnostics, for a failure message. */
  String stderr() {
    return String.join("\n", stderr);
  }

  @Override
  public void close() {
    if (socket != null) socket.abort();
    // This browser and the helper processes it started, nothing else.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(profile)) {
      List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
      for (Path p : all) Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover temporary profile is harmless
    }
  }
}
