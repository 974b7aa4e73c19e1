package sparkprop.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import sparkprop.bench.RaceResult;

/** The bench race's page: self-contained, the verdict first, one chart with both sides and the target, the tables. */
class RaceReportHtmlTest {
  static String page(RaceResult race, String name) throws Exception {
    String html = new String(RaceReportHtml.render(race, "bench --quick"), StandardCharsets.UTF_8);
    Files.createDirectories(CheckReportHtmlTest.OUT);
    Files.writeString(CheckReportHtmlTest.OUT.resolve(name + ".html"), html);
    return html;
  }

  @Test
  void aWonRaceSaysHowMuchFasterFirstAndDrawsBothSidesOnOneChart() throws Exception {
    RaceResult race = SyntheticRace.reached();
    RaceResult.Run best = race.fastest();
    assertEquals(SyntheticRace.FAST, best.label());
    String html = page(race, "bench-race");
    CheckReportHtmlTest.assertSelfContained(html);

    String speedup = RaceReportHtml.times(35.8 / best.secondsToTarget());
    int verdict = html.indexOf("class=\"word long\">" + speedup + "<");
    assertTrue(verdict > 0, speedup + " in the verdict");
    assertTrue(html.contains("verdict pass"), "above the goal of 2×: green");
    assertTrue(html.contains("in <strong>" + RaceReportHtml.seconds(best.secondsToTarget()) + "</strong>"), "sparkprop's time");
    assertTrue(html.contains("MLlib's l-bfgs fit took 35.8 s (maxIter 100"), "MLlib's time");
    assertTrue(verdict < html.indexOf("<svg"), "the verdict comes before the chart");

    assertEquals(1, count(html, "<svg"), "one chart");
    String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
    assertTrue(svg.contains(RaceReportHtml.MLLIB), "MLlib in the legend");
    for (RaceResult.Run r : race.sparkprop()) assertTrue(svg.contains("sparkprop " + r.label()), r.label() + " in the legend");
    assertTrue(svg.contains("target 86.91%"), "the target line's label");
    assertTrue(svg.contains("stroke-dasharray"), "the target line is dashed");
    for (int maxIter : new int[] {25, 50, 75, 100}) assertTrue(svg.contains("maxIter " + maxIter), "MLlib's point " + maxIter);
    assertTrue(svg.contains("test accuracy (%)") && svg.contains("seconds of training (MLlib: whole fit(), stacking included"), "axis titles");

    String fits = section(html, "fits");
    assertEquals(1 + 4, count(fits, "<tr"), "a header and one row per fit");
    assertTrue(fits.contains("86.91% (target)"));
    String runs = section(html, "runs");
    assertEquals(1 + 3, count(runs, "<tr"), "a header and one row per run");
    for (RaceResult.Run r : race.sparkprop()) assertTrue(runs.contains(r.label()), r.label() + " in the runs' table");
    assertTrue(runs.contains("<strong>" + SyntheticRace.FAST + "</strong>") && runs.contains(", <strong>fastest</strong>"));
    assertTrue(runs.contains("not in 300 steps"), "the run that never reached it");
    assertTrue(section(html, "settings").contains("<code>bench --quick</code>"));
  }

  @Test
  void aLostRaceSaysNotReached() throws Exception {
    String html = page(SyntheticRace.notReached(), "bench-race-not-reached");
    CheckReportHtmlTest.assertSelfContained(html);
    assertTrue(html.contains("verdict fail") && html.contains(">NOT REACHED<"), "NOT REACHED in red");
    assertTrue(html.contains("did <strong>not</strong> reach MLlib's test accuracy <strong>86.91%</strong> in its run"
        + " (best final accuracy 76.51%)"), html.substring(html.indexOf("<header"), html.indexOf("</header>")));
    assertEquals(1, count(html, "<svg"));
    assertFalse(section(html, "runs").contains("fastest"));
  }

  /** Curves of one to four points get a dot at each (a lone point would be invisible otherwise); long ones none. */
  @Test
  void shortCurvesAndOddRunsAreDrawn() throws Exception {
    RaceResult.Run single = new RaceResult.Run("one evaluation", -1, Double.NaN, 0, Double.NaN, Double.NaN, 0.1,
        new double[] {0}, new double[] {0.1}, "stopped: non-finite loss", Double.NaN);
    RaceResult.Run blind = new RaceResult.Run("no accuracy", -1, Double.NaN, 2, 0.1, 0.1, Double.NaN,
        new double[] {0, 0.1, 0.2}, new double[] {Double.NaN, Double.NaN, Double.NaN}, null, 0);
    RaceResult.Run twin = SyntheticRace.run(SyntheticRace.NEVER, 0.3, 300, 0.8, 8);
    RaceResult race = new RaceResult("784-8-10", 300, 100, null, 2, 128, 0.5,
        List.of(new RaceResult.MllibFit(3, 3, 1.5, 1.0, 0.5, 0)), List.of(single, blind, twin, twin));
    String html = page(race, "bench-race-odd");
    CheckReportHtmlTest.assertSelfContained(html);
    assertTrue(html.contains("sparkprop " + SyntheticRace.NEVER + " (2)"), "two runs of the same settings both in the legend");

    JFreeChart chart = RaceReportHtml.figure(race).chart();
    XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
    XYDataset data = chart.getXYPlot().getDataset();
    assertEquals(1, data.getItemCount(0), "MLlib's single fit");
    assertTrue(r.getSeriesShapesVisible(0) && r.getSeriesShapesVisible(1), "a lone point has its dot");
    assertEquals(0, data.getItemCount(2), "NaN accuracies are left out");
    assertFalse(r.getSeriesShapesVisible(3), "301 points: a line without dots");
    assertTrue(chart.getXYPlot().getDomainAxis().getUpperBound() >= 90, "the x axis reaches the long run's end");

    RaceResult few = SyntheticRace.race(List.of(SyntheticRace.run("at zero", 0, 0, 0.9, 1)));
    assertTrue(RaceReportHtml.figure(few).svg().contains("maxIter 100"), "a run of one point at 0 s");
  }

  @Test
  void thePngIsADecodableImage() throws Exception {
    Map<String, byte[]> pngs = RaceReportHtml.renderPngs(SyntheticRace.reached());
    assertEquals(List.of("race.png"), List.copyOf(pngs.keySet()));
    assertEquals(2 * RaceReportHtml.CHART_WIDTH, ImageIO.read(new ByteArrayInputStream(pngs.get("race.png"))).getWidth());
  }

  /** The text of the section with this id. */
  private static String section(String html, String id) {
    int at = html.indexOf("<section id=\"" + id + "\">");
    assertTrue(at >= 0, "section " + id);
    return html.substring(at, html.indexOf("</section>", at));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
    return n;
  }
}
