package sparkprop.report.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import sparkprop.Json;
import sparkprop.train.BestEvaluation;
import sparkprop.train.TrainReportJson;
import sparkprop.train.TrainResult;

/** The training page: self-contained, the status first, the counts in the heat map, small for a long run. */
class TrainReportHtmlTest {
  static final Path OUT = CheckReportHtmlTest.OUT;

  static String page(TrainResult r, String name) throws Exception {
    String html = new String(TrainReportHtml.render(r), StandardCharsets.UTF_8);
    Files.createDirectories(OUT);
    Files.writeString(OUT.resolve(name + ".html"), html);
    return html;
  }

  @Test
  void aCompletedRunIsSelfContainedAndSaysCompletedFirst() throws Exception {
    TrainResult r = SyntheticTraining.of(300, 50, -1);
    String html = page(r, "train-completed");
    CheckReportHtmlTest.assertSelfContained(html);
    int status = html.indexOf("class=\"word long\">COMPLETED<");
    assertTrue(status > 0, "COMPLETED status");
    assertTrue(status < html.indexOf("id=\"curves\""), "the status comes before the curves");
    assertEquals(2, CheckReportHtmlTest.count(html, "<svg"), "loss by step and by seconds");
    assertTrue(html.contains("All 6 checks of the distributed gradient"), "before steps 0, 50, …, 250");
    assertTrue(html.contains("accuracy " + TrainChart.percent(r.finalEval.accuracy())));
    assertTrue(html.contains("mean loss (log scale)"), "a loss falling from 2.3 to 0.1 is drawn on a log scale, labelled in text");
    assertTrue(html.contains("about 500 rows a step, 100 steps an epoch"));
  }

  @Test
  void theHeatMapsCellsHoldTheCounts() throws Exception {
    TrainResult r = SyntheticTraining.of(50, 10, -1);
    String html = page(r, "train-short");
    long[][] expected = r.finalEval.confusion();
    long[][] got = new long[expected.length][expected.length];
    Matcher cell = Pattern.compile("<td class=\"cell[^\"]*\" data-label=\"(\\d+)\" data-predicted=\"(\\d+)\""
        + " style=\"background:#([0-9a-f]{6})[^\"]*\">(\\d+)</td>").matcher(html);
    int cells = 0;
    while (cell.find()) {
      int i = Integer.parseInt(cell.group(1));
      int j = Integer.parseInt(cell.group(2));
      got[i][j] = Long.parseLong(cell.group(4));
      int rgb = Integer.parseInt(cell.group(3), 16);
      assertEquals(expected[i][j] == 0, rgb == ShareScale.NONE, "only empty cells are white: " + cell.group());
      cells++;
    }
    assertEquals(expected.length * expected.length, cells);
    for (int i = 0; i < expected.length; i++) assertArrayEquals(expected[i], got[i], "label " + i);
    assertTrue(html.contains("class=\"legend\""), "the heat map has its colour scale");
  }

  @Test
  void aStoppedRunShowsStoppedTheStepAndTheTensor() throws Exception {
    String html = page(SyntheticTraining.of(1000, 50, 300), "train-stopped");
    CheckReportHtmlTest.assertSelfContained(html);
    int status = html.indexOf("class=\"word long\">STOPPED<");
    assertTrue(status > 0, "STOPPED status");
    int reason = html.indexOf("Stopped at step 300: the distributed gradient disagrees with the single-node reference in <code>w2</code>");
    assertTrue(reason > status && reason < html.indexOf("id=\"curves\""), "the reason is at the top");
    assertTrue(html.contains("beyond the tolerance 1e-12"));
    assertTrue(html.contains("<td class=\"result\">FAILED</td>"), "the failed check is in the table");
    assertFalse(html.contains("id=\"confusion\""), "a stopped run has no final evaluation");
    assertTrue(html.contains("<title>sparkprop train: STOPPED"));
  }

  @Test
  void aNonFiniteStopSaysWhereAndWhat() throws Exception {
    TrainResult r = SyntheticTraining.of(400, 50, -1);
    r.stopped = "step 400: non-finite numbers in w1 (partition 2)";
    r.finalEval = null;
    String html = page(r, "train-nonfinite");
    assertTrue(html.contains("class=\"word long\">STOPPED<"));
    assertTrue(html.contains("Stopped at step 400: non-finite numbers in w1 (partition 2). No weights.npz was written"));
    int from = html.indexOf("<svg id='loss-by-step'");
    assertEquals(1, CheckReportHtmlTest.count(html.substring(from, html.indexOf("</svg>", from)), ">stopped</text>"));
  }

  /** After --resume the page draws the whole history (history.csv's), says where it resumed and marks it. */
  @Test
  void aResumedRunSaysWhereItResumed() throws Exception {
    TrainResult r = SyntheticTraining.of(300, 50, -1);
    r.startStep = 120;
    r.resumedFrom = "/data/runs/first";
    String html = page(r, "train-resumed");
    assertTrue(html.contains("300 steps of SGD"), "every step, those before the resume too");
    assertTrue(html.contains(", resumed at step 120"));
    assertTrue(html.contains("<th>resumed from</th><td><code>/data/runs/first</code> at step 120</td>"));
    int from = html.indexOf("<svg id='loss-by-step'");
    String byStep = html.substring(from, html.indexOf("</svg>", from));
    assertEquals(1, CheckReportHtmlTest.count(byStep, ">resumed</text>"), "the resume is marked once on the chart against step");
  }

  /** --early-stop: the page says STOPPED EARLY, where and why, and marks the best evaluation on both charts. */
  @Test
  void anEarlyStoppedRunSaysWhereAndMarksTheBest() throws Exception {
    TrainResult r = SyntheticTraining.of(200, 50, -1);
    r.options.steps = 400;
    r.options.earlyStop = 3;
    r.stoppedEarly = 200;
    r.best = new BestEvaluation(170, 0.91, 0.31, new byte[0]);
    String html = page(r, "train-stopped-early");
    CheckReportHtmlTest.assertSelfContained(html);
    assertTrue(html.contains("class=\"word long\">STOPPED EARLY<"), "STOPPED EARLY status");
    assertTrue(html.contains("<title>sparkprop train: stopped early"));
    assertTrue(html.contains("Best evaluation (by accuracy) at step 170: <strong>accuracy 91.0%</strong>"));
    assertTrue(html.contains("The run stopped early at step 200, after 3 evaluations in a row without a new best"));
    assertTrue(html.contains("the best evaluation's in weights-best.npz"));
    for (String chart : new String[] {"loss-by-step", "loss-by-seconds"}) {
      int from = html.indexOf("<svg id='" + chart + "'");
      assertEquals(1, CheckReportHtmlTest.count(html.substring(from, html.indexOf("</svg>", from)), ">best</text>"),
          "the best is marked once on " + chart);
    }
  }

  /** A 1,000-step run: every step in report.json, the page thinned to a few hundred kB at most. */
  @Test
  void aThousandStepRunMakesASmallPage() throws Exception {
    TrainResult r = SyntheticTraining.of(1000, 50, -1);
    byte[] html = TrainReportHtml.render(r);
    Files.createDirectories(OUT);
    Files.write(OUT.resolve("train-1000.html"), html);
    System.out.printf("report.html for a synthetic 1,000-step training run: %,d bytes%n", html.length);
    assertTrue(html.length < 250_000, html.length + " bytes");
    JsonNode json = new ObjectMapper().readTree(Json.pretty(TrainReportJson.of(r)));
    assertEquals(1000, json.get("history").size(), "report.json keeps every step");

    TrainResult longer = SyntheticTraining.of(20_000, 50, -1);
    byte[] big = TrainReportHtml.render(longer);
    System.out.printf("report.html for a synthetic 20,000-step training run: %,d bytes%n", big.length);
    assertTrue(big.length < 300_000, big.length + " bytes: thinning bounds the page");
    assertTrue(new String(big, StandardCharsets.UTF_8).contains("20,000 steps are drawn as about 1,000 points"));
  }

  @Test
  void thinningKeepsTheFirstLastLowestAndHighest() {
    double[] y = new double[10_000];
    for (int k = 0; k < y.length; k++) y[k] = Math.sin(k * 0.01);
    y[4321] = 50;
    y[7777] = -50;
    int[] keep = TrainHistory.thin(y, 1000);
    assertTrue(keep.length <= 1000, keep.length + " points");
    assertEquals(0, keep[0]);
    assertEquals(y.length - 1, keep[keep.length - 1]);
    List<Integer> kept = java.util.Arrays.stream(keep).boxed().toList();
    assertTrue(kept.contains(4321) && kept.contains(7777), "the spikes survive");
    for (int k = 1; k < keep.length; k++) assertTrue(keep[k] > keep[k - 1], "in order");
    assertEquals(5, TrainHistory.thin(new double[5], 1000).length);
  }

  @Test
  void theLogAxisIsLabelledAtRoundNumbers() {
    assertEquals(List.of(0.2, 0.3, 0.5, 1.0, 2.0), NiceLogAxis.values(0.11, 2.6, 150), "1…9 would be ten labels");
    assertEquals(List.of(0.2, 0.5, 1.0, 2.0), NiceLogAxis.values(0.11, 2.6, 80), "0.2 and 0.3 would be 14 px apart");
    assertEquals(List.of(0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0), NiceLogAxis.values(5e-4, 2.6, 40));
    assertEquals(List.of(0.001, 0.01, 0.1, 1.0), NiceLogAxis.values(5e-4, 2.6, 25));
    assertEquals(List.of(0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 2.0), NiceLogAxis.values(0.35, 2.6, 400), "a tall axis");
    assertEquals(List.of(0.3, 0.5, 1.0, 2.0), NiceLogAxis.values(0.25, 2.6, 160), "0.9 and 1 would be 7 px apart");
    assertEquals("0.05", NiceLogAxis.label(0.05));
    assertEquals("2", NiceLogAxis.label(2.0));
    assertEquals("1e-6", NiceLogAxis.label(1e-6));
  }

  @Test
  void historyCsvHasTheColumnsThePageReads() throws Exception {
    String header = new String(SyntheticTraining.of(3, 0, -1).historyCsv(), StandardCharsets.UTF_8).split("\n")[0];
    for (String c : TrainHistory.COLUMNS) assertTrue(List.of(header.split(",")).contains(c), c + " in " + header);
  }

  @Test
  void theRaceChartDrawsEveryCurveAndNoUrl() throws Exception {
    RaceCurves.Curve mllib = new RaceCurves.Curve("MLlib l-bfgs", new double[] {0, 10, 20, 40}, new double[] {0.1, 0.6, 0.8, 0.9});
    RaceCurves.Curve ours = RaceCurves.Curve.of("sparkprop lbfgs float32", SyntheticTraining.of(200, 50, -1));
    assertEquals(21, ours.seconds().length, "20 evaluations and the final one");
    String svg = RaceCurves.svg(List.of(mllib, ours));
    assertTrue(svg.startsWith("<svg"), svg.substring(0, 40));
    assertTrue(svg.contains("MLlib l-bfgs") && svg.contains("sparkprop lbfgs float32"), "both names in the legend");
    CheckReportHtmlTest.assertSelfContained(svg);
    assertFalse(svg.contains("xmlns"));
    Files.createDirectories(OUT);
    Files.writeString(OUT.resolve("race.html"), "<!DOCTYPE html><meta charset=\"utf-8\"><body>" + svg);
    byte[] png = RaceCurves.png("Race to 90%", List.of(mllib, ours), 0.9, 720, 420);
    assertEquals(1440, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
  }

  @Test
  void thePngsAreDecodableImages() throws Exception {
    Map<String, byte[]> pngs = TrainReportHtml.renderPngs(SyntheticTraining.of(300, 50, -1));
    Path dir = OUT.resolve("train-png");
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> e : pngs.entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
      assertTrue(ImageIO.read(new ByteArrayInputStream(e.getValue())).getWidth() > 100, e.getKey());
    }
    assertEquals(List.of("loss-by-step.png", "loss-by-seconds.png", "confusion.png"), List.copyOf(pngs.keySet()));
  }
}
