package sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.LocalSpark;
import sparkprop.app.PreparedRows;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.GradientPass;
import sparkprop.nn.Init;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Network;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.nn.Tensor;
import sparkprop.read.HadoopConf;
import sparkprop.rows.RowChunk;

/**
 * {@code --optimizer adam} through the training loop on the bundled sample, against torch.optim.Adam's
 * rule written out plainly here (the textbook form: m̂ = m/(1−β1^t), v̂ = v/(1−β2^t),
 * θ −= lr·m̂/(√v̂ + eps)), with a warm-up and a cosine schedule written from their definitions.
 */
class AdamTrainingTest {
  private static final int STEPS = 12;
  private static final double LR = 0.01;
  private static final double LR_MIN = 0.001;
  private static final int PERIOD = 8;
  private static final int WARMUP = 3;
  private static final double B1 = 0.85;
  private static final double B2 = 0.995;
  private static final double EPS = 1e-7;
  private static final double WD = 1e-3;

  @TempDir Path tmp;

  private static TrainOptions options(int partitions) {
    TrainOptions o = new TrainOptions();
    o.data.limit = 1000;
    o.data.partitions = partitions;
    o.model.layers = new int[] {784, 64, 32, 10};
    o.model.activation = Activation.RELU;
    o.model.loss = LossKind.CROSS_ENTROPY;
    o.model.init = Init.KAIMING;
    o.model.seed = 5;
    o.model.blockRows = 128;
    o.steps = STEPS;
    o.optimizer = OptimizerKind.ADAM;
    o.lr = LR;
    o.betas = new Adam.Betas(B1, B2);
    o.eps = EPS;
    o.weightDecay = WD;
    o.lrSchedule = LrSchedule.Kind.COSINE;
    o.lrPeriod = PERIOD;
    o.lrMin = LR_MIN;
    o.warmupSteps = WARMUP;
    o.checkEvery = 0;
    o.progressEvery = 1000;
    return o;
  }

  private TrainResult run(TrainOptions o, String folder) throws IOException {
    FileSystem fs = FileSystem.getLocal(LocalSpark.context().hadoopConfiguration());
    org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(tmp.resolve(folder).toUri());
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new TrainJob(LocalSpark.context(), o, new RunFolder(fs, staging, null), quiet).run();
  }

  /** The rate of step s: lr·(s+1)/W during the warm-up, then CosineAnnealingLR's closed form from its own step 0. */
  private static double rate(int s) {
    if (s < WARMUP) return LR * (s + 1) / WARMUP;
    return LR_MIN + (LR - LR_MIN) * (1 + Math.cos(Math.PI * (s - WARMUP) / PERIOD)) / 2;
  }

  @Test
  void twelveFullBatchStepsFollowPyTorchsAdamRuleAndTwoOrSevenPartitionsAgree() throws IOException {
    TrainResult r = run(options(2), "adam-2");
    assertTrue(r.completed(), r.stopped);

    HadoopConf conf = new HadoopConf(LocalSpark.context().hadoopConfiguration());
    PreparedRows data = PreparedRows.open(LocalSpark.context(), options(2).data, conf);
    RowChunk rows = data.onDriver(conf, true);
    data.release();
    Layout layout = r.initial.layout();
    Architecture a = new Architecture(Activation.RELU, LossKind.CROSS_ENTROPY);
    double[] theta = r.initial.theta();
    double[] m = new double[theta.length];
    double[] v = new double[theta.length];
    List<String> csv = List.of(new String(r.historyCsv(), StandardCharsets.UTF_8).split("\n"));
    List<String> header = List.of(csv.get(0).split(","));
    for (int step = 0; step < STEPS; step++) {
      GradientPass pass = new GradientPass(new Network(new Parameters(layout, theta), a, Precision.FLOAT64), 128,
          PixelScale.BYTE, false);
      pass.accumulate(rows, null);
      double[] g = pass.gradientSums();
      double loss = pass.lossSum() / rows.count;
      String[] row = csv.get(step + 1).split(",", -1);
      assertEquals(loss, Double.parseDouble(row[header.indexOf("loss")]), 1e-9 * loss, "history.csv's loss at step " + step);
      assertEquals(rate(step), Double.parseDouble(row[header.indexOf("lr")]), 1e-15 * LR, "history.csv's lr at step " + step);
      int t = step + 1;
      for (int k = 0; k < theta.length; k++) {
        double gk = g[k] / rows.count + WD * theta[k];
        m[k] = B1 * m[k] + (1 - B1) * gk;
        v[k] = B2 * v[k] + (1 - B2) * gk * gk;
        double mHat = m[k] / (1 - Math.pow(B1, t));
        double vHat = v[k] / (1 - Math.pow(B2, t));
        theta[k] -= rate(step) * mHat / (Math.sqrt(vHat) + EPS);
      }
    }
    assertTensorsClose(theta, r.last.theta(), layout, 1e-9, "against the plain Adam loop");
    assertTrue(r.records().get(STEPS - 1).loss < 0.5 * r.records().get(0).loss, "Adam must lower the loss");

    TrainResult seven = run(options(7), "adam-7");
    assertTensorsClose(r.last.theta(), seven.last.theta(), layout, 1e-12, "7 partitions against 2");
  }

  /** Per tensor: max|a − b| / max|b| ≤ rtol. */
  static void assertTensorsClose(double[] expected, double[] actual, Layout layout, double rtol, String what) {
    for (Tensor t : layout.tensors()) {
      double[] e = t.toRowMajor(expected);
      double[] g = t.toRowMajor(actual);
      double diff = 0;
      double scale = 0;
      for (int k = 0; k < e.length; k++) {
        diff = Math.max(diff, Math.abs(e[k] - g[k]));
        scale = Math.max(scale, Math.abs(e[k]));
      }
      assertTrue(diff <= rtol * scale, what + ": " + t.name + " differs by " + (diff / scale) + " relative");
    }
  }
}
