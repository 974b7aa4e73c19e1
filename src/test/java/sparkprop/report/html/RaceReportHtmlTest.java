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
  void aWonRaceSaysHowMuchFasterTheMedianSeedWasAndDrawsEverySeed() throws Exception {
    RaceResult race = SyntheticRace.reached();
    RaceResult.Run median = race.sparkprop().get(1);
    assertEquals(median.secondsToTarget(), race.medianSeconds(), 0.0, "seed 1 is the median");
    assertTrue(race.sparkprop().get(0).secondsToTarget() < median.secondsToTarget(), "seed 0 was faster: not the verdict");
    String html = page(race, "bench-race");
    CheckReportHtmlTest.assertSelfContained(html);

    String speedup = RaceReportHtml.times(35.8 / median.secondsToTarget());
    int verdict = html.indexOf("class=\"word long\">" + speedup + "<");
    assertTrue(verdict > 0, speedup + " in the verdict");
    assertTrue(35.8 / median.secondsToTarget() >= RaceResult.GOAL && html.contains("verdict pass"), "at the goal: green");
    assertTrue(html.contains("in <strong>" + RaceReportHtml.seconds(median.secondsToTarget()) + "</strong>, the median of 3"
        + " seeds of one recipe (seed 0: " + RaceReportHtml.seconds(race.sparkprop().get(0).secondsToTarget())),
        "sparkprop's median time and each seed's");
    assertTrue(html.contains("MLlib's l-bfgs fit took 35.8 s (maxIter 100"), "MLlib's time");
    assertTrue(verdict < html.indexOf("<svg"), "the verdict comes before the chart");

    assertEquals(1, count(html, "<svg"), "one chart");
    String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
    assertTrue(svg.contains(RaceReportHtml.MLLIB), "MLlib in the legend");
    for (RaceResult.Run r : race.sparkprop()) assertTrue(svg.contains("sparkprop, seed " + r.seed()), "seed " + r.seed());
    assertTrue(svg.contains("target 86.91%"), "the target line's label");
    assertTrue(svg.contains("stroke-dasharray"), "the target line is dashed");
    for (int maxIter : new int[] {25, 50, 75, 100}) assertTrue(svg.contains("maxIter " + maxIter), "MLlib's point " + maxIter);
    assertTrue(svg.contains("test accuracy (%)") && svg.contains("seconds of training (MLlib: whole fit(), stacking included"), "axis titles");

    String fits = section(html, "fits");
    assertEquals(1 + 4, count(fits, "<tr"), "a header and one row per fit");
    assertTrue(fits.contains("86.91% (target)"));
    String runs = section(html, "runs");
    assertEquals(1 + 3 + 1, count(runs, "<tr"), "a header, one row per seed, the median");
    assertTrue(runs.contains("<strong>median</strong>") && runs.contains("3 of 3 reached it")
        && runs.contains("<strong>" + String.format(java.util.Locale.ROOT, "%.1f", median.secondsToTarget()) + "</strong>"));
    assertFalse(runs.contains("fastest"), "no best run singled out");
    String settings = section(html, "settings");
    assertTrue(settings.contains("<code>bench --quick</code>"));
    assertTrue(settings.contains("--lbfgs-corrections 30 --precision float32") && settings.contains("S = 0, 1, 2"),
        "the declared recipe and its seeds");
  }

  @Test
  void aRaceWhoseMedianSeedMissedTheTargetSaysNotReached() throws Exception {
    RaceResult race = SyntheticRace.notReached();
    String html = page(race, "bench-race-not-reached");
    CheckReportHtmlTest.assertSelfContained(html);
    assertTrue(html.contains("verdict fail") && html.contains(">NOT REACHED<"), "NOT REACHED in red");
    String header = html.substring(html.indexOf("<header"), html.indexOf("</header>"));
    assertTrue(header.contains("sparkprop's median seed did <strong>not</strong> reach MLlib's test accuracy"
        + " <strong>86.91%</strong>: 1 of 3 seeds did (seed 0: "), header);
    assertTrue(header.contains("seed 1: not reached, seed 2: not reached"), header);
    assertEquals(1, count(html, "<svg"));
    assertTrue(section(html, "runs").contains("not in 40 steps"), "the seeds that never reached it");
  }

  /** Curves of one to four points get a dot at each (a lone point would be invisible otherwise); long ones none. */
  @Test
  void shortCurvesAndOddRunsAreDrawn() throws Exception {
    RaceResult.Steps none = new RaceResult.Steps(0, Double.NaN, Double.NaN, 0, 1, 1, Double.NaN, Double.NaN);
    RaceResult.Run single = new RaceResult.Run(0, -1, Double.POSITIVE_INFINITY, 0.1, none,
        new RaceResult.Curve(new double[] {0}, new double[] {0.1}), "stopped: non-finite loss", Double.NaN);
    RaceResult.Run blind = new RaceResult.Run(1, -1, Double.POSITIVE_INFINITY, Double.NaN, none,
        new RaceResult.Curve(new double[] {0, 0.1, 0.2}, new double[] {Double.NaN, Double.NaN, Double.NaN}), null, 0);
    RaceResult.Run long1 = SyntheticRace.run(2, 0.3, 300, 0.8, 8);
    RaceResult race = new RaceResult("784-8-10", 300, 100, null, 2, 128, 0.5, SyntheticRace.RECIPE,
        List.of(new RaceResult.MllibFit(3, 3, 1.5, 1.0, 4, 2.0, 0.5, 0.7, 0)), List.of(single, blind, long1));
    String html = page(race, "bench-race-odd");
    CheckReportHtmlTest.assertSelfContained(html);

    JFreeChart chart = RaceReportHtml.figure(race).chart();
    XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
    XYDataset data = chart.getXYPlot().getDataset();
    assertEquals(1, data.getItemCount(0), "MLlib's single fit");
    assertTrue(r.getSeriesShapesVisible(0) && r.getSeriesShapesVisible(1), "a lone point has its dot");
    assertEquals(0, data.getItemCount(2), "NaN accuracies are left out");
    assertFalse(r.getSeriesShapesVisible(3), "151 points: a line without dots");
    assertTrue(chart.getXYPlot().getDomainAxis().getUpperBound() >= 90, "the x axis reaches the long run's end");

    RaceResult few = SyntheticRace.race(List.of(SyntheticRace.run(0, 0, 0, 0.9, 1)));
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
