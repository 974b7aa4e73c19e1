package sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.LocalSpark;
import sparkprop.app.PreparedRows;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.GradientPass;
import sparkprop.nn.Init;
import sparkprop.nn.LossKind;
import sparkprop.nn.Network;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.read.HadoopConf;
import sparkprop.rows.RowChunk;

/** The training loop through local Spark on the bundled sample. */
class TrainJobTest {
  @TempDir Path tmp;

  private static TrainOptions options(int steps) {
    TrainOptions o = new TrainOptions();
    o.data.limit = 600;
    o.data.partitions = 3;
    o.model.layers = new int[] {784, 16, 10};
    o.model.activation = Activation.SIGMOID;
    o.model.loss = LossKind.CROSS_ENTROPY;
    o.model.init = Init.KAIMING;
    o.model.seed = 3;
    o.model.blockRows = 128;
    o.steps = steps;
    o.lr = 0.5;
    o.checkEvery = 0;
    o.progressEvery = 1000;
    return o;
  }

  private TrainResult run(TrainOptions o, String folder, String resumeFrom) throws IOException {
    FileSystem fs = FileSystem.getLocal(LocalSpark.context().hadoopConfiguration());
    org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(tmp.resolve(folder).toUri());
    org.apache.hadoop.fs.Path resume = resumeFrom == null ? null : new org.apache.hadoop.fs.Path(tmp.resolve(resumeFrom).toUri());
    if (resumeFrom != null) o.resume = resumeFrom;
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new TrainJob(LocalSpark.context(), o, new RunFolder(fs, staging, resume), quiet).run();
  }

  /** Full-batch gradient descent equals, to rounding, the plain loop a person would write on one node. */
  @Test
  void fullBatchDescentEqualsAStraightforwardSingleNodeLoop() throws IOException {
    TrainOptions o = options(5);
    TrainResult r = run(o, "gd", null);
    assertTrue(r.completed(), r.stopped);

    PreparedRows data = PreparedRows.open(LocalSpark.context(), o.data, new HadoopConf(LocalSpark.context().hadoopConfiguration()));
    RowChunk rows = data.onDriver(new HadoopConf(LocalSpark.context().hadoopConfiguration()), true);
    data.release();
    Architecture a = new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY);
    double[] theta = r.initial.theta();
    for (int step = 0; step < 5; step++) {
      GradientPass pass = new GradientPass(new Network(new Parameters(r.initial.layout(), theta), a, Precision.FLOAT64),
          128, PixelScale.BYTE, false);
      pass.accumulate(rows, null);
      double[] g = pass.gradientSums();
      double loss = pass.lossSum() / rows.count;
      assertEquals(loss, r.records().get(step).loss, 1e-12 * loss, "the loss before step " + step);
      for (int k = 0; k < theta.length; k++) theta[k] -= 0.5 * (g[k] / rows.count);
    }
    double[] got = r.last.theta();
    double scale = 0;
    for (double v : theta) scale = Math.max(scale, Math.abs(v));
    for (int k = 0; k < theta.length; k++) assertEquals(theta[k], got[k], 1e-12 * scale, "θ[" + k + "]");
    assertTrue(r.records().get(4).loss < r.records().get(0).loss, "the loss must fall");
  }

  @Test
  void theSameRunGivesByteIdenticalWeights() throws IOException {
    TrainOptions o = options(3);
    o.momentum = 0.9;
    byte[] a = CheckpointFiles.weightsNpz(run(o, "a", null).last);
    byte[] b = CheckpointFiles.weightsNpz(run(options3Momentum(), "b", null).last);
    assertArrayEquals(a, b);
  }

  private static TrainOptions options3Momentum() {
    TrainOptions o = options(3);
    o.momentum = 0.9;
    return o;
  }

  /** A run continued from a checkpoint ends byte for byte where an uninterrupted run ends: SGD with momentum. */
  @Test
  void resumingFromACheckpointEndsWithByteIdenticalWeights() throws IOException {
    TrainOptions whole = options(8);
    whole.momentum = 0.9;
    whole.batchRows = 200;
    byte[] uninterrupted = CheckpointFiles.weightsNpz(run(whole, "whole", null).last);

    TrainOptions first = options(8);
    first.momentum = 0.9;
    first.batchRows = 200;
    first.steps = 5;
    first.checkpointEvery = 2;
    run(first, "part", null);
    TrainOptions rest = options(8);
    rest.momentum = 0.9;
    rest.batchRows = 200;
    TrainResult resumed = run(rest, "resumed", "part");
    assertEquals(5, resumed.startStep);
    assertEquals(8, resumed.history.size(), "the history carries the steps before the resume");
    assertArrayEquals(uninterrupted, CheckpointFiles.weightsNpz(resumed.last));
  }

  /** The same for L-BFGS, whose checkpoint carries Breeze's correction pairs. */
  @Test
  void lbfgsResumesByteIdenticallyAndLowersTheLoss() throws IOException {
    TrainOptions whole = options(6);
    whole.optimizer = OptimizerKind.LBFGS;
    TrainResult w = run(whole, "lb-whole", null);
    assertTrue(w.records().get(5).loss < 0.8 * w.records().get(0).loss, "L-BFGS must lower the loss");

    TrainOptions first = options(3);
    first.optimizer = OptimizerKind.LBFGS;
    run(first, "lb-part", null);
    TrainOptions rest = options(6);
    rest.optimizer = OptimizerKind.LBFGS;
    assertArrayEquals(CheckpointFiles.weightsNpz(w.last), CheckpointFiles.weightsNpz(run(rest, "lb-resumed", "lb-part").last));
  }

  /** A flipped bit in one partition's partial at step 3 stops the run at the check of step 3, naming the tensor. */
  @Test
  void theCheckStopsARunThatAFaultCorruptsAtStepK() throws IOException {
    TrainOptions o = options(6);
    o.checkEvery = 1;
    o.injectFault = 1;
    o.faultTensor = "w2";
    o.faultStep = 3;
    TrainResult r = run(o, "fault", null);
    assertFalse(r.completed());
    assertTrue(r.stopped.contains("step 3") && r.stopped.contains("w2"), r.stopped);
    assertEquals(3, r.records().size(), "steps 0-2 completed");
    assertEquals(4, r.checks.size());
    assertTrue(r.checks.get(2).pass());
  }

  @Test
  void miniBatchesUseEveryRowOncePerEpochAndTheChecksPass() throws IOException {
    TrainOptions o = options(6);
    o.batchRows = 200;
    o.checkEvery = 3;
    TrainResult r = run(o, "mb", null);
    assertTrue(r.completed(), r.stopped);
    assertEquals(3, r.stepsPerEpoch);
    long epoch = 0;
    for (int s = 0; s < 3; s++) epoch += r.records().get(s).batchRows;
    assertEquals(600, epoch);
    assertEquals(2, r.checks.size());
    for (StepCheck c : r.checks) assertTrue(c.pass(), c.failed);
    assertNull(r.finalEval);
  }

  @Test
  void evaluationOnTheValidSideGivesLossAccuracyAndAConfusionMatrix() throws IOException {
    TrainOptions o = options(4);
    o.data.limit = 1200;
    o.data.split = sparkprop.partition.ValidationSplit.Side.TRAIN;
    o.evalEvery = 2;
    TrainResult r = run(o, "eval", null);
    assertTrue(r.records().get(0).eval != null && r.records().get(1).eval == null && r.records().get(2).eval != null);
    Evaluation e = r.finalEval;
    long total = 0;
    for (long[] row : e.confusion()) for (long v : row) total += v;
    assertEquals(e.rows(), total);
    assertTrue(e.rows() > 100 && e.rows() < 300, "about a sixth of 1,200 rows: " + e.rows());
    assertTrue(e.accuracy() > 0.1, "four steps of descent beat chance: " + e.accuracy());
  }
}
