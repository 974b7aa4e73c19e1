package sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.LocalSpark;
import sparkprop.nn.Activation;
import sparkprop.nn.Init;
import sparkprop.nn.LossKind;
import sparkprop.partition.ValidationSplit;

/**
 * {@code --keep-best} and {@code --early-stop} through the training loop, on a run that overfits: 500
 * training rows of the bundled sample, evaluated on the 100 rows of the valid side, where Adam's
 * evaluation loss falls, bottoms out and rises while the training loss keeps falling.
 */
class KeepBestTest {
  private static final int EVAL_EVERY = 2;

  @TempDir Path tmp;

  private static TrainOptions options(int steps) {
    TrainOptions o = new TrainOptions();
    o.data.limit = 600;
    o.data.partitions = 2;
    o.data.split = ValidationSplit.Side.TRAIN;
    o.model.layers = new int[] {784, 32, 10};
    o.model.activation = Activation.RELU;
    o.model.loss = LossKind.CROSS_ENTROPY;
    o.model.init = Init.KAIMING;
    o.model.seed = 7;
    o.model.blockRows = 128;
    o.steps = steps;
    o.optimizer = OptimizerKind.ADAM;
    o.lr = 0.01;
    o.keepBest = KeepBest.Metric.LOSS;
    o.evalEvery = EVAL_EVERY;
    o.checkEvery = 0;
    o.progressEvery = 1000;
    return o;
  }

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private TrainResult run(TrainOptions o, String folder) throws IOException {
    FileSystem fs = FileSystem.getLocal(LocalSpark.context().hadoopConfiguration());
    org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(tmp.resolve(folder).toUri());
    console.reset();
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    return new TrainJob(LocalSpark.context(), o, new RunFolder(fs, staging, null), out).run();
  }

  private TrainResult resume(TrainOptions o, String folder, String from) throws IOException {
    FileSystem fs = FileSystem.getLocal(LocalSpark.context().hadoopConfiguration());
    org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(tmp.resolve(folder).toUri());
    o.resume = from;
    return new TrainJob(LocalSpark.context(), o, new RunFolder(fs, staging,
        new org.apache.hadoop.fs.Path(tmp.resolve(from).toUri())), new PrintStream(console, true, StandardCharsets.UTF_8)).run();
  }

  /** The evaluations a run made, in order: step and loss (the final one after the last step included). */
  private static List<double[]> evaluations(TrainResult r) {
    List<double[]> out = new ArrayList<>();
    for (StepRecord s : r.records()) if (s.evaluated()) out.add(new double[] {s.step, s.evalLoss});
    if (r.finalEval != null) out.add(new double[] {r.endStep(), r.finalEval.loss()});
    return out;
  }

  @Test
  void weightsBestAreByteForByteTheWeightsOfTheSameCommandEndedAtTheBestStep() throws IOException {
    TrainResult whole = run(options(36), "whole");
    BestEvaluation best = whole.best;
    assertNotNull(best);
    List<double[]> evals = evaluations(whole);
    double lowest = evals.stream().mapToDouble(e -> e[1]).min().orElseThrow();
    assertEquals(lowest, best.evalLoss(), 0, "the best is the lowest evaluation loss");
    assertEquals((long) evals.stream().filter(e -> e[1] == lowest).findFirst().orElseThrow()[0], best.step(), "earliest on ties");
    assertTrue(best.step() > 0 && best.step() < 36, "the run overfits: the best is inside it, at step " + best.step());
    assertTrue(whole.finalEval.loss() > best.evalLoss() * 1.02, "the evaluation loss rose after the best");
    assertTrue(whole.records().get(35).loss < whole.records().get((int) best.step()).loss, "while the training loss fell");

    TrainResult cut = run(options((int) best.step()), "cut");
    assertArrayEquals(CheckpointFiles.weightsNpz(cut.last), best.weightsNpz(),
        "weights-best.npz is the weights.npz of --steps " + best.step());
    assertArrayEquals(ModelExports.files(cut).get(ModelExports.SAFETENSORS), ModelExports.files(whole).get(ModelExports.BEST_SAFETENSORS),
        "weights-best.safetensors is the weights.safetensors of --steps " + best.step());
    TrainReportJson.Best json = TrainReportJson.of(whole).best();
    assertEquals(best.step(), json.step());
    assertEquals(best.evalLoss(), json.evalLoss(), 0);
    assertEquals(best.evalAccuracy(), json.evalAccuracy(), 0);
  }

  /**
   * --early-stop K ends the run at the K-th evaluation in a row without a new best: step B + K·E with
   * evaluations every E steps; and a run resumed from a checkpoint keeps the best and the count, also
   * one that stopped early and is resumed with a larger K.
   */
  @Test
  void earlyStoppingEndsAtTheKthEvaluationWithoutANewBestAlsoAcrossResumes() throws IOException {
    int k = 3;
    TrainResult whole = run(options(36), "reference");
    long best = whole.best.step();
    long expected = best + (long) k * EVAL_EVERY;
    assertTrue(expected < 36, "the stop falls inside the run");

    TrainOptions o = options(36);
    o.earlyStop = k;
    TrainResult stopped = run(o, "stopped");
    assertTrue(stopped.completed());
    assertEquals(expected, stopped.stoppedEarly);
    assertEquals(expected, stopped.records().size(), "steps 0 … N−1 were taken");
    assertEquals("stopped_early", TrainReportJson.of(stopped).status());
    assertEquals(expected, TrainReportJson.of(stopped).training().stoppedEarlyAtStep().longValue());
    assertTrue(console.toString(StandardCharsets.UTF_8).contains("stopped early at step " + expected + " (best at step " + best + ")"),
        console.toString(StandardCharsets.UTF_8));
    assertArrayEquals(whole.best.weightsNpz(), stopped.best.weightsNpz());

    TrainOptions first = options((int) expected - EVAL_EVERY); // ends on an evaluation that brought no new best
    first.earlyStop = k;
    TrainResult part = run(first, "part");
    assertEquals(-1, part.stoppedEarly);
    TrainOptions rest = options(36);
    rest.earlyStop = k;
    TrainResult resumed = resume(rest, "resumed", "part");
    assertEquals(expected, resumed.stoppedEarly, "the resumed run counts the evaluations before the resume, once each");
    assertEquals(best, resumed.best.step());
    assertArrayEquals(stopped.best.weightsNpz(), resumed.best.weightsNpz());
    assertArrayEquals(CheckpointFiles.weightsNpz(stopped.last), CheckpointFiles.weightsNpz(resumed.last));

    TrainOptions patient = options(36);
    patient.earlyStop = k + 1;
    TrainResult longer = resume(patient, "longer", "stopped");
    assertEquals(expected + EVAL_EVERY, longer.stoppedEarly,
        "resumed with a larger --early-stop, the evaluation at the stop is not counted again");
    assertEquals(best, longer.best.step());
  }

  @Test
  void withoutKeepBestNothingIsKept() throws IOException {
    TrainOptions o = options(2);
    o.keepBest = null;
    TrainResult r = run(o, "none");
    assertNull(r.best);
    assertNull(TrainReportJson.of(r).best());
    assertEquals("completed", TrainReportJson.of(r).status());
  }
}
