package sparkprop.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.LocalSpark;
import sparkprop.nn.Activation;
import sparkprop.nn.Init;
import sparkprop.nn.LossKind;
import sparkprop.partition.ValidationSplit;
import sparkprop.train.RunFolder;
import sparkprop.train.StepCheck;
import sparkprop.train.TrainJob;
import sparkprop.train.TrainOptions;
import sparkprop.train.TrainResult;

/**
 * The training page in a real browser: a short real training run in local Spark (2,000 rows of the
 * bundled sample, 784-16-10 sigmoid cross-entropy, 10 steps, evaluated on the valid side of the
 * split, checked before steps 0 and 5), its report.html opened in headless Chromium. The page must
 * load cleanly (see {@link ReportInBrowserTest#load}) and draw its figures, asserted on the pixels of
 * the full-page screenshot kept as target/report-screenshots/train.png.
 */
class TrainReportInBrowserTest {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aShortRealRunLoadsCleanlyAndDrawsItsCurvesAndHeatMap() throws Exception {
    assumeTrue(HeadlessChromium.available(), "skipped: no " + HeadlessChromium.BINARY
        + " to open report.html in (apt-get install chromium; .ci/run installs it)");
    TrainResult r = train();
    assertTrue(r.completed(), r.stopped);
    assertEquals(2, r.checks.size(), "before steps 0 and 5");
    for (StepCheck c : r.checks) assertTrue(c.pass(), c.failed);
    assertNotNull(r.finalEval);

    try (HeadlessChromium browser = new HeadlessChromium(ReportInBrowserTest.WIDTH, 800)) {
      ReportInBrowserTest.Page page = ReportInBrowserTest.load(browser, TrainReportHtml.render(r), "train");

      // The curves are drawn: the training loss in blue and the evaluation in orange on both charts;
      // the checks' green lines on the chart against step only.
      for (String chart : new String[] {"loss-by-step", "loss-by-seconds"}) {
        long blue = page.count(page.box(chart), rgb -> near(rgb, TrainChart.TRAIN.getRGB(), 40));
        long orange = page.count(page.box(chart), rgb -> near(rgb, TrainChart.EVAL.getRGB(), 40));
        assertTrue(blue > 300, chart + ": the training loss's line (" + blue + " blue pixels)");
        assertTrue(orange > 300, chart + ": the evaluation's lines and dots (" + orange + " orange pixels)");
      }
      long greenByStep = page.count(page.box("loss-by-step"), TrainReportInBrowserTest::green);
      long greenBySeconds = page.count(page.box("loss-by-seconds"), TrainReportInBrowserTest::green);
      assertTrue(greenByStep > 200, "the two checks' lines (" + greenByStep + " green pixels)");
      assertEquals(0, greenBySeconds, "no check lines against seconds");

      // The heat map: every cell painted in its share's colour (read beside the number; blue on the
      // diagonal, orange off it), and the empty cells white.
      long[][] m = r.finalEval.confusion();
      int coloured = 0;
      for (int i = 0; i < m.length; i++) {
        long rows = 0;
        for (long v : m[i]) rows += v;
        for (int j = 0; j < m.length; j++) {
          int[] b = page.box("cell/" + i + "/" + j);
          int pixel = page.shot.getRGB(b[0] + 3, b[1] + 3) & 0xffffff;
          int expected = ShareScale.NONE;
          if (rows > 0) expected = ConfusionSection.scale(i, j).rgb(m[i][j] / (double) rows);
          assertTrue(near(pixel, expected, 3), "cell " + i + "/" + j + ": " + Integer.toHexString(pixel) + " on screen, "
              + Integer.toHexString(expected) + " expected");
          if (pixel != 0xffffff) coloured++;
        }
      }
      assertTrue(coloured >= m.length, coloured + " coloured cells");
    }
  }

  private TrainResult train() throws Exception {
    TrainOptions o = new TrainOptions();
    o.data.limit = 2000;
    o.data.partitions = 2;
    o.data.split = ValidationSplit.Side.TRAIN;
    o.model.layers = new int[] {784, 16, 10};
    o.model.activation = Activation.SIGMOID;
    o.model.loss = LossKind.CROSS_ENTROPY;
    o.model.init = Init.KAIMING;
    o.model.seed = 3;
    o.steps = 10;
    o.lr = 0.5;
    o.checkEvery = 5;
    o.evalEvery = 2;
    o.progressEvery = 1000;
    FileSystem fs = FileSystem.getLocal(LocalSpark.context().hadoopConfiguration());
    org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(tmp.resolve("run").toUri());
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new TrainJob(LocalSpark.context(), o, new RunFolder(fs, staging, null), quiet).run();
  }

  static boolean near(int rgb, int expected, int tolerance) {
    return ReportInBrowserTest.Page.distance(rgb & 0xffffff, expected & 0xffffff) <= tolerance;
  }

  /** The checks' lines: the report's green, drawn half transparent over white or grid. */
  static boolean green(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    return g > r + 25 && g > b + 15;
  }
}
