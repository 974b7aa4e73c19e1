package sparkprop.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sparkprop.LocalSpark;
import sparkprop.check.CheckJob;
import sparkprop.check.CheckOptions;
import sparkprop.check.CheckResult;
import sparkprop.nn.Tensor;

/**
 * report.html in a real browser: two real checks in local Spark (one passing, one with an injected
 * fault), each page opened in headless Chromium over the DevTools protocol. The page must load with
 * no console message, exception or failed load, request nothing but itself and its data: images,
 * and draw its figures — asserted on the pixels of a full-page screenshot, which is kept under
 * target/report-screenshots/. The bench race's page, from made-up race data, is held to the same.
 */
class ReportInBrowserTest {
  static final Path SHOTS = Path.of("target", "report-screenshots");
  static final int WIDTH = 1200;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aPassingAndAFailingCheckLoadCleanlyAndDrawTheirFigures() throws Exception {
    assumeTrue(HeadlessChromium.available(), "skipped: no " + HeadlessChromium.BINARY
        + " to open report.html in (apt-get install chromium; .ci/run installs it)");
    Files.createDirectories(SHOTS);
    CheckResult pass = check(-1);
    CheckResult fault = check(1);
    assertTrue(pass.pass(), pass.failures().toString());
    assertFalse(fault.pass());

    try (HeadlessChromium browser = new HeadlessChromium(WIDTH, 3000)) {
      detectorSeesABrokenPage(browser);
      Page ok = show(browser, pass, "check-pass");
      Page bad = show(browser, fault, "check-fault");

      // Passing: every |difference| tile is blank; the histograms and partitions have no red.
      for (int unit : ok.units()) assertEquals(0, ok.nonWhite("difference", unit), "difference tile of unit " + unit);

      // Failing: the unit whose w1 column holds the corrupted element shows red; every other stays blank.
      int corrupted = worstUnit(fault);
      assertTrue(bad.red("difference", corrupted) >= FirstLayerTiles.SCALE * FirstLayerTiles.SCALE,
          "the corrupted unit " + corrupted + " has a red pixel in its difference tile");
      for (int unit : bad.units()) {
        if (unit != corrupted) assertEquals(0, bad.nonWhite("difference", unit), "difference tile of unit " + unit);
      }
      // Both pages draw the tolerance line and legend swatches in red; only the failing one has red bars too.
      assertTrue(bad.red("histogram-w1") > ok.red("histogram-w1") + 20, "w1's histogram has a bar beyond tolerance");
      assertEquals(ok.red("histogram-b1"), bad.red("histogram-b1"), "b1 is untouched by the fault");
      assertTrue(bad.red("partitions") > ok.red("partitions") + 500, "the deviating partition's bars are red");
    }
  }

  /**
   * The bench race's page from made-up race data (no Spark): it loads cleanly, and its one chart
   * shows MLlib's points in the first colour and the sparkprop runs in the next, kept as
   * target/report-screenshots/bench-race.png.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theBenchRacePageLoadsCleanlyAndDrawsBothSides() throws Exception {
    assumeTrue(HeadlessChromium.available(), "skipped: no " + HeadlessChromium.BINARY
        + " to open report.html in (apt-get install chromium; .ci/run installs it)");
    try (HeadlessChromium browser = new HeadlessChromium(WIDTH, 1200)) {
      Page page = load(browser, RaceReportHtml.render(SyntheticRace.reached(), "bench --quick"), "bench-race");
      int[] chart = page.box(RaceReportHtml.CHART);
      assertTrue(chart[2] >= RaceReportHtml.CHART_WIDTH - 1, "the chart at its full width: " + chart[2]);
      long mllib = page.count(chart, rgb -> Page.distance(rgb, 0x4e79a7) < 30);
      long fastest = page.count(chart, rgb -> Page.distance(rgb, 0xf28e2b) < 30);
      assertTrue(mllib > 300, "MLlib's line and dots (" + mllib + " blue pixels)");
      assertTrue(fastest > 300, "the first sparkprop run's curve (" + fastest + " orange pixels)");
      load(browser, RaceReportHtml.render(SyntheticRace.notReached(), "bench"), "bench-race-not-reached");
    }
  }

  /** A real check of 784-50-10 on 2,000 rows of the bundled sample in 3 partitions, verified partition by partition. */
  private static CheckResult check(int injectFault) {
    CheckOptions o = new CheckOptions();
    o.data.limit = 2000;
    o.data.partitions = 3;
    o.model.layers = new int[] {784, 50, 10};
    o.verifyPartitions = true;
    o.injectFault = injectFault;
    return CheckJob.run(LocalSpark.context(), o);
  }

  /** The hidden unit whose column of |distributed − reference| in w1 is largest. */
  private static int worstUnit(CheckResult r) {
    Tensor w1 = r.layout.weight(1);
    double[] a = r.distributed.tensor(w1);
    double[] b = r.reference.tensor(w1);
    int worst = -1;
    double most = -1;
    for (int k = 0; k < a.length; k++) {
      double d = Math.abs(a[k] - b[k]);
      if (d > most) {
        most = d;
        worst = k % w1.cols;
      }
    }
    return worst;
  }

  /** The detector is not blind: a page with a missing image and a refused external one reports problems. */
  private static void detectorSeesABrokenPage(HeadlessChromium browser) throws Exception {
    Path page = SHOTS.resolve("broken.html").toAbsolutePath();
    Files.writeString(page, "<!DOCTYPE html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:\">"
        + "<img src=\"missing.png\"><img src=\"http://192.0.2.1/x.png\">");
    HeadlessChromium.PageLog log = browser.open(page.toUri().toString());
    assertFalse(log.problems.isEmpty(), "a broken page must report problems");
    Files.delete(page);
  }

  private static Page show(HeadlessChromium browser, CheckResult r, String name) throws Exception {
    Page page = load(browser, CheckReportHtml.render(r), name);

    // The figures are drawn: tiles of the gradient are coloured, the distributed and reference tiles
    // look the same (every chart has ink: load() asserts it).
    long coloured = 0;
    for (int unit : page.units()) {
      coloured += page.coloured("distributed", unit);
      assertTrue(page.sameAs("distributed", "reference", unit), name + ": unit " + unit + " differs between the pictures");
    }
    assertTrue(coloured > page.units().length * 84L * 84 / 20, name + ": the gradient tiles are blank (" + coloured + " coloured pixels)");
    return page;
  }

  /**
   * Writes a report page under {@link #SHOTS}, opens it and asserts that it loads cleanly: no console
   * message, exception or failed load, no request but itself and data: URIs, every image decoded.
   * Then takes a full-page screenshot ({@code name}.png beside it) with the boxes of its tiles, its
   * charts (by svg id) and its heat-map cells ("cell/label/predicted").
   */
  static Page load(HeadlessChromium browser, byte[] html, String name) throws Exception {
    Files.createDirectories(SHOTS);
    System.out.printf("report.html of %s: %,d bytes%n", name, html.length);
    assertTrue(html.length < 1_000_000, name + ": " + html.length + " bytes");
    CheckReportHtmlTest.assertSelfContained(new String(html, java.nio.charset.StandardCharsets.UTF_8));
    Path file = SHOTS.resolve(name + ".html").toAbsolutePath();
    Files.write(file, html);
    String url = file.toUri().toString();

    HeadlessChromium.PageLog log = browser.open(url);
    assertTrue(log.problems.isEmpty(), name + ": the page logged problems " + log.problems);
    for (String u : log.requests) assertTrue(u.equals(url) || u.startsWith("data:"), name + " requested " + u);
    assertTrue(browser.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)").asBoolean(),
        name + ": an image did not decode");

    int height = browser.evaluate("document.documentElement.scrollHeight").asInt();
    browser.resize(WIDTH, height);
    JsonNode boxes = browser.evaluate("(() => { const box = e => { const r = e.getBoundingClientRect();"
        + " return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)]; };"
        + " const out = {};"
        + " document.querySelectorAll('.tiles-block').forEach(b => b.querySelectorAll('figure.tile').forEach(f =>"
        + "   out[b.id.replace('tiles-', '') + '/' + f.dataset.unit] = box(f.querySelector('img'))));"
        + " document.querySelectorAll('svg').forEach(s => out[s.id] = box(s));"
        + " document.querySelectorAll('td.cell').forEach(c => out['cell/' + c.dataset.label + '/' + c.dataset.predicted] = box(c));"
        + " return out; })()");
    byte[] png = browser.screenshot();
    Files.write(SHOTS.resolve(name + ".png"), png);
    BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(WIDTH, shot.getWidth());
    Page page = new Page(name, shot, boxes);
    for (String id : page.boxes.keySet()) {
      if (!id.contains("/")) assertTrue(page.ink(id) > 0.02, name + ": chart " + id + " is blank");
    }
    return page;
  }

  /** Pixels of one screenshot, looked up by the page's element boxes. */
  static final class Page {
    final String name;
    final BufferedImage shot;
    final Map<String, int[]> boxes = new HashMap<>();

    Page(String name, BufferedImage shot, JsonNode json) {
      this.name = name;
      this.shot = shot;
      json.properties().forEach(e -> {
        int[] b = new int[4];
        for (int i = 0; i < 4; i++) b[i] = e.getValue().get(i).asInt();
        boxes.put(e.getKey(), b);
      });
    }

    int[] units() {
      return boxes.keySet().stream().filter(k -> k.startsWith("distributed/"))
          .mapToInt(k -> Integer.parseInt(k.substring(k.indexOf('/') + 1))).sorted().toArray();
    }

    /** The tile's image inside its border. */
    private int[] inner(String kind, int unit) {
      int[] b = boxes.get(kind + "/" + unit);
      if (b == null) throw new AssertionError(name + ": no " + kind + " tile for unit " + unit);
      int border = 2;
      return new int[] {b[0] + border, b[1] + border, b[2] - 2 * border, b[3] - 2 * border};
    }

    long nonWhite(String kind, int unit) {
      return count(inner(kind, unit), rgb -> rgb != 0xffffff);
    }

    long red(String kind, int unit) {
      return count(inner(kind, unit), Page::isRed);
    }

    /** Pixels clearly off the near-white of zero. */
    long coloured(String kind, int unit) {
      return count(inner(kind, unit), rgb -> distance(rgb, 0xf7f7f7) > 24);
    }

    long red(String chart) {
      return count(box(chart), Page::isRed);
    }

    double ink(String chart) {
      int[] b = box(chart);
      return count(b, rgb -> rgb != 0xffffff) / (double) (b[2] * b[3]);
    }

    boolean sameAs(String kind, String other, int unit) {
      int[] a = inner(kind, unit);
      int[] b = inner(other, unit);
      if (a[2] != b[2] || a[3] != b[3]) return false;
      for (int y = 0; y < a[3]; y++) {
        for (int x = 0; x < a[2]; x++) {
          if (distance(shot.getRGB(a[0] + x, a[1] + y), shot.getRGB(b[0] + x, b[1] + y)) > 3) return false;
        }
      }
      return true;
    }

    int[] box(String id) {
      int[] b = boxes.get(id);
      if (b == null) throw new AssertionError(name + ": no element " + id + " among " + boxes.keySet().stream().filter(k -> !k.contains("/")).toList());
      return b;
    }

    long count(int[] b, java.util.function.IntPredicate test) {
      long n = 0;
      for (int y = Math.max(0, b[1]); y < Math.min(shot.getHeight(), b[1] + b[3]); y++) {
        for (int x = Math.max(0, b[0]); x < Math.min(shot.getWidth(), b[0] + b[2]); x++) {
          if (test.test(shot.getRGB(x, y) & 0xffffff)) n++;
        }
      }
      return n;
    }

    /** The report's reds (failing elements, bars beyond tolerance, deviating partitions), not its oranges or pinks. */
    static boolean isRed(int rgb) {
      int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
      return r > 90 && r > 2 * g + 30 && r > 2 * b + 30;
    }

    static int distance(int p, int q) {
      return Math.max(Math.abs(((p >> 16) & 0xff) - ((q >> 16) & 0xff)),
          Math.max(Math.abs(((p >> 8) & 0xff) - ((q >> 8) & 0xff)), Math.abs((p & 0xff) - (q & 0xff))));
    }
  }
}
