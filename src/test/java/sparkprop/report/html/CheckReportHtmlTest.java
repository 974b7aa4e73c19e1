package sparkprop.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import sparkprop.check.CheckResult;
import sparkprop.nn.Tensor;

/** The page is one self-contained file of bounded size that says the verdict first and draws every figure. */
class CheckReportHtmlTest {
  static final Path OUT = Path.of("target", "report-html");

  static String page(CheckResult r) throws IOException {
    byte[] html = CheckReportHtml.render(r);
    Files.createDirectories(OUT);
    return new String(html, StandardCharsets.UTF_8);
  }

  /**
   * Every way a page could reach outside itself: absolute or protocol-relative URLs, @import, url(…)
   * to anything but data: or #, src/href to anything but data: or #, scripts, links. (The data's
   * location appears as text, as given, which is no reference.)
   */
  static void assertSelfContained(String html) {
    assertFalse(html.contains("http://"), "http:// in the page");
    assertFalse(html.contains("https://"), "https:// in the page");
    assertFalse(html.contains("@import"), "@import in the page");
    assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?//").matcher(html).find(), "protocol-relative src/href");
    Matcher href = Pattern.compile("(src|href)\\s*=\\s*([\"'])(.*?)\\2").matcher(html);
    while (href.find()) {
      String v = href.group(3);
      assertTrue(v.startsWith("data:") || v.startsWith("#"), "points outside the page: " + href.group());
    }
    Matcher url = Pattern.compile("url\\(\\s*['\"]?([^)'\"]*)").matcher(html);
    while (url.find()) {
      String v = url.group(1);
      assertTrue(v.startsWith("data:") || v.startsWith("#"), "url() outside the page: " + url.group());
    }
    assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<script"), "a script in the page");
    assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<link"), "a <link> in the page");
  }

  @Test
  void aPassingCheckIsSelfContainedAndSaysPassFirst() throws IOException {
    String html = page(SyntheticCheck.of(new int[] {784, 50, 10}, 3, -1));
    Files.writeString(OUT.resolve("synthetic-pass.html"), html);
    assertSelfContained(html);
    int verdict = html.indexOf("class=\"word\">PASS<");
    assertTrue(verdict > 0, "PASS verdict");
    assertTrue(verdict < html.indexOf("id=\"tensors\""), "the verdict comes before the table");
    assertEquals(3 * 50, count(html, "<figure class=\"tile"), "50 units × 3 grids");
    assertEquals(0, count(html, "<figure class=\"tile bad"));
    assertEquals(4 + 1, count(html, "<svg"), "one histogram per layer tensor and the partition chart");
  }

  @Test
  void aFaultIsListedAndItsTileMarked() throws IOException {
    String html = page(SyntheticCheck.of(new int[] {784, 50, 10}, 3, 17));
    Files.writeString(OUT.resolve("synthetic-fault.html"), html);
    assertSelfContained(html);
    assertTrue(html.contains("class=\"word\">FAIL<"));
    assertTrue(html.contains("<li>w1: the distributed gradient differs from the single-node one by up to "), "the failure is listed in the page's words");
    assertEquals(1, count(html, "<figure class=\"tile bad"), "only the corrupted unit's tile is marked");
    assertTrue(html.contains("<figure class=\"tile bad\" data-unit=\"17\">"));
  }

  /**
   * Under a megabyte, and the bytes are the whole page, not a truncated or empty one: the verdict, a
   * row per tensor and the loss (w1 the failing one), every tile of the three first-layer grids with
   * the corrupted unit marked, every figure whole, and the closing tag.
   */
  @Test
  void aSmallPageForA784_50_10Check() throws IOException {
    CheckResult r = SyntheticCheck.of(new int[] {784, 50, 10}, 3, 17);
    byte[] bytes = CheckReportHtml.render(r);
    System.out.println("report.html for a synthetic 784-50-10 check: " + bytes.length + " bytes");
    assertTrue(bytes.length < 1_000_000, bytes.length + " bytes");
    String html = new String(bytes, StandardCharsets.UTF_8);
    assertSelfContained(html);
    assertTrue(html.contains("class=\"word\">FAIL<"), "the verdict");
    assertEquals(5, count(html, "<tr class=\"ok\"><td><code>") + count(html, "<tr class=\"bad\"><td><code>"),
        "a row per tensor (w1, b1, w2, b2) and the loss");
    for (String t : new String[] {"b1", "w2", "b2", "loss"}) {
      assertTrue(html.contains("<tr class=\"ok\"><td><code>" + t + "</code></td>"), t + " passes");
    }
    assertTrue(html.contains("<tr class=\"bad\"><td><code>w1</code></td>"), "w1 is the failing tensor");
    assertEquals(3 * 50, count(html, "<figure class=\"tile"), "50 units × 3 grids");
    assertTrue(html.contains("<figure class=\"tile bad\" data-unit=\"17\">"), "the corrupted unit marked");
    assertEquals(4 + 1, count(html, "<svg"), "one histogram per layer tensor and the partition chart");
    assertEquals(4 + 1, count(html, "</svg>"), "each figure whole");
    assertTrue(html.strip().endsWith("</html>"), "the page is complete");

    // The failing row's numbers are the corrupted element's: |a − b| = 1e-4·|b| at unit 17's largest weight,
    // against the largest |b| of w1, computed here from the two gradients, not by the page's comparison.
    Tensor w1 = r.layout.weight(1);
    double[] a = r.distributed.gradient();
    double[] b = r.reference.gradient();
    double diff = 0;
    double ref = 0;
    for (int k = w1.offset; k < w1.offset + w1.length(); k++) {
      diff = Math.max(diff, Math.abs(a[k] - b[k]));
      ref = Math.max(ref, Math.abs(b[k]));
    }
    String w1Row = html.substring(html.indexOf("<tr class=\"bad\"><td><code>w1</code></td>"));
    w1Row = w1Row.substring(0, w1Row.indexOf("</tr>"));
    assertTrue(w1Row.contains("<td class=\"num\">(784, 50)</td>"), w1Row);
    for (double v : new double[] {diff, ref, diff / ref}) {
      assertTrue(w1Row.contains(String.format(Locale.ROOT, "<td class=\"num\">%.3e</td>", v)), v + " in " + w1Row);
    }
    assertTrue(w1Row.endsWith("<td class=\"result\">FAIL</td>"), w1Row);
    assertTrue(html.contains(String.format(Locale.ROOT, "Mean loss: distributed %.17g, single-node %.17g", 0.5, 0.5)),
        "the losses");
  }

  @Test
  void manyUnitsAreCappedAndTheWorstAreKept() throws IOException {
    String html = page(SyntheticCheck.of(new int[] {784, 200, 10}, 2, 150));
    assertEquals(3 * FirstLayerTiles.MAX_TILES, count(html, "<figure class=\"tile"));
    assertTrue(html.contains("data-unit=\"150\""), "the corrupted unit is shown though beyond the first 64");
    assertTrue(html.contains("136 units are left out"), "the note says how many are missing");
  }

  @Test
  void aNonSquareInputHasNoTilesButSaysWhy() throws IOException {
    String html = page(SyntheticCheck.of(new int[] {13, 8, 1}, 2, -1));
    assertSelfContained(html);
    assertEquals(0, count(html, "<figure class=\"tile"));
    assertTrue(html.contains("13 inputs are not a square image"));
  }

  @Test
  void thePngsAreDecodableImages() throws IOException {
    Map<String, byte[]> pngs = CheckReportHtml.renderPngs(SyntheticCheck.of(new int[] {784, 50, 10}, 3, 17));
    Path dir = OUT.resolve("png");
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> e : pngs.entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
      assertTrue(ImageIO.read(new ByteArrayInputStream(e.getValue())).getWidth() > 100, e.getKey());
    }
    assertTrue(pngs.keySet().containsAll(java.util.List.of("first-layer-distributed.png", "first-layer-reference.png",
        "first-layer-difference.png", "histogram-w1.png", "histogram-b2.png", "partitions.png")), pngs.keySet().toString());
  }

  static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) n++;
    return n;
  }
}
