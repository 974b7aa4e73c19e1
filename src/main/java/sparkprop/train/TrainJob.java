package sparkprop.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.BadInputException;
import sparkprop.app.MemoryPlan;
import sparkprop.app.PreparedRows;
import sparkprop.model.Model;
import sparkprop.app.ModelLoader;
import sparkprop.nn.Blas;
import sparkprop.nn.Layout;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.partition.ValidationSplit;
import sparkprop.pass.InjectedFault;
import sparkprop.pass.PassSettings;
import sparkprop.read.HadoopConf;
import sparkprop.rows.RowChunk;

/**
 * Training on the verified gradient: each step one distributed pass (the check's) over the step's
 * rows and an update on the driver; the gradient compared with the single-node reference before the
 * first step and every {@code --check-every} steps; checkpoints that a killed run resumes from.
 */
public final class TrainJob {
  private final JavaSparkContext sc;
  private final TrainOptions o;
  private final RunFolder folder;
  private final PrintStream console;
  private final PrintStream warnings;
  /** The step under way, and the latest checkpoint's step (-1: none yet), for a message if the run is interrupted. */
  private volatile long at = -1;
  private volatile long checkpointed = -1;

  /** With warnings to stderr. */
  public TrainJob(JavaSparkContext sc, TrainOptions o, RunFolder folder, PrintStream console) {
    this(sc, o, folder, console, System.err);
  }

  /**
   * @param console progress lines
   * @param warnings warning lines (stderr)
   */
  public TrainJob(JavaSparkContext sc, TrainOptions o, RunFolder folder, PrintStream console, PrintStream warnings) {
    this.sc = sc;
    this.o = o;
    this.folder = folder;
    this.console = console;
    this.warnings = warnings;
  }

  /** The step under way (the number of steps done before it), -1 before the first. */
  public long step() {
    return at;
  }

  /** The step of this run's latest checkpoint, -1 when there is none yet. */
  public long checkpointedStep() {
    return checkpointed;
  }

  public TrainResult run() throws IOException {
    TrainOptionsCheck.refuseMisfits(o);
    long started = System.nanoTime();
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    TrainResult r = new TrainResult();
    r.options = o;
    PreparedRows data = PreparedRows.open(sc, o.data, conf);
    PreparedRows eval = null;
    PreparedRows reference = null;
    try {
      int checkedRows = (int) Math.min(data.count, o.referenceRows > 0 ? o.referenceRows : TrainOptions.DEFAULT_REFERENCE_ROWS);
      Model model = ModelLoader.load(o.model, data.source, conf.get(), MemoryPlan.of(sc, o.model, data)
          .reference(checkedRows, false).keeping(o.optimizer == OptimizerKind.LBFGS ? 2 * o.lbfgsCorrections + 2 : 2));
      Layout layout = model.layout();
      PassSettings settings = new PassSettings(model.architecture, o.model.precision, o.model.blockRows,
          PixelScale.BYTE, o.model.treeDepth, false);
      BatchSampler sampler = o.batchRows > 0 && o.batchRows < data.count ? new BatchSampler(data.count, o.batchRows, o.model.seed) : null;
      InjectedFault fault = InjectedFault.of(o.injectFault, o.faultTensor, layout, data.partitions);
      Objective objective = new Objective(sc, data.rows, sampler, settings, fault, o.faultStep);
      eval = evalRows(conf);
      Evaluator evaluator = eval == null ? null
          : new Evaluator(sc, eval.rows, model.architecture, o.model.precision, o.model.blockRows);
      int referenceRows = o.referenceRows > 0 ? o.referenceRows : TrainOptions.DEFAULT_REFERENCE_ROWS;
      reference = data.subset(referenceRows);
      RowChunk referenceChunk = reference.onDriver(conf, reference == data);
      describe(r, data, eval, model, sampler);

      Optimizer optimizer = OptimizerKind.create(o);
      KeepBest best = KeepBest.of(o);
      Fingerprint fingerprint = Fingerprint.of(o, data, layout, model.architecture, conf.get());
      Checkpoints checkpoints = folder.checkpoints();
      double[] theta = model.parameters.theta();
      History history = new History();
      r.history = history;
      Progress progress = new Progress(console, Progress.onTerminal(), o.progressEvery, o.steps);
      ResumePoint resume = ResumePoint.choose(folder, fingerprint, o, progress, warnings);
      long start = resume.step;
      if (resume.saved != null) {
        theta = CheckpointFiles.theta(resume.saved.files, layout, o.resume);
        optimizer.restore(resume.saved.files);
        best.restore(resume.saved.files);
        history.restore(resume.saved.files.get(CheckpointFiles.HISTORY));
        r.resumedFrom = o.resume;
        checkpointed = start;
      }
      r.startStep = start;
      r.seconds.put("prepare", (System.nanoTime() - started) / 1e9);

      List<Double> stepSeconds = new ArrayList<>();
      long done = start;
      for (long step = start; step < o.steps; step++) {
        at = step;
        long e0 = System.nanoTime();
        Evaluation ev = evaluator != null && step % Math.max(1, o.evalEvery) == 0
            ? evaluator.at(new Parameters(layout, theta)) : null;
        double evalSeconds = (System.nanoTime() - e0) / 1e9;
        if (ev != null && best.observe(step, ev, new Parameters(layout, theta))) {
          r.stoppedEarly = step; // K evaluations without a new best: θ before step `step` is the last
          r.finalEval = ev;
          break;
        }
        if (ev != null && o.targetAccuracy > 0 && ev.accuracy() >= o.targetAccuracy) {
          r.reachedTarget = step; // θ before step `step` reached it: the run ends here
          r.finalEval = ev;
          break;
        }
        long t0 = System.nanoTime();
        double[] before = theta.clone();
        Objective.Value v;
        try {
          v = optimizer.step(step, theta, (x, s) -> objective.at(layout, x, s));
        } catch (Objective.EmptyBatch empty) {
          v = null; // a mini-batch with no rows: the step is skipped, θ and the optimizer's state stay
        }
        if (step == start || (o.checkEvery > 0 && step % o.checkEvery == 0)) {
          StepCheck c = check(objective, settings, reference, data, referenceChunk, layout, before, step, v);
          r.checks.add(c);
          if (!c.pass()) {
            r.stopped = "step " + step + ": the distributed gradient disagrees with the reference in " + c.failed;
            theta = before;
            break;
          }
        }
        if (v != null && (v.nonFinite != null || !Double.isFinite(v.gradients.loss))) {
          r.stopped = "step " + step + ": non-finite numbers in " + (v.nonFinite != null ? v.nonFinite + " (partition "
              + v.nonFinitePartition + ")" : "the loss");
          theta = before;
          break;
        }
        done = step + 1;
        if (v != null) {
          double seconds = (System.nanoTime() - t0) / 1e9;
          stepSeconds.add(seconds);
          StepRecord rec = new StepRecord(step, v.gradients.loss, v.gradients.norm(), v.gradients.rows, seconds, ev,
              evalSeconds, optimizer.rate(step));
          history.add(rec);
          progress.step(rec, median(stepSeconds));
        }
        if (o.checkpointEvery > 0 && (step + 1) % o.checkpointEvery == 0 && step + 1 < o.steps) {
          checkpoints.save(step + 1, CheckpointFiles.of(new Parameters(layout, theta), optimizer, history, best), fingerprint);
          checkpointed = step + 1;
        }
      }
      r.skippedSteps = done - history.size();
      r.last = new Parameters(layout, theta);
      if (r.completed()) {
        checkpoints.save(r.endStep(), CheckpointFiles.of(r.last, optimizer, history, best), fingerprint);
        checkpointed = r.endStep();
        if (evaluator != null && r.finalEval == null) {
          r.finalEval = evaluator.at(r.last);
          best.observe(r.endStep(), r.finalEval, r.last); // not in the checkpoint: a longer run resumed from it evaluates only on its grid
        }
      }
      r.best = best.best();
      if (!r.completed()) progress.note("stopped: " + r.stopped);
      else if (r.stoppedEarly >= 0) progress.note(r.stoppedEarlyLine());
      r.seconds.put("total", (System.nanoTime() - started) / 1e9);
      return r;
    } finally {
      data.release();
      if (eval != null) eval.release();
    }
  }

  /** The reference check at step s: on the step's own gradient when it covers exactly the reference's rows, else on one more pass over them. */
  private static StepCheck check(Objective objective, PassSettings settings, PreparedRows reference, PreparedRows data,
      RowChunk referenceChunk, Layout layout, double[] x, long s, Objective.Value stepValue) {
    Parameters theta = new Parameters(layout, x);
    Objective.Value compared = objective.fullBatch() && reference == data
        ? stepValue
        : objective.at(reference.rows, theta, s);
    return StepCheck.run(s, theta, settings, referenceChunk, compared.gradients);
  }

  private PreparedRows evalRows(HadoopConf conf) {
    if (o.evalData != null) return PreparedRows.open(sc, o.data.sameReading(o.evalData), conf);
    if (o.data.split == ValidationSplit.Side.TRAIN) return PreparedRows.open(sc, o.data.otherSide(), conf);
    return null;
  }

  private void describe(TrainResult r, PreparedRows data, PreparedRows eval, Model model, BatchSampler sampler) {
    r.data = data.source.location();
    r.evalData = eval == null ? null : eval.source.location() + (o.evalData == null ? " (valid side of the split)" : "");
    r.rows = data.count;
    r.partitions = data.partitions;
    r.initial = model.parameters;
    r.architecture = model.architecture;
    r.stepsPerEpoch = sampler == null ? 1 : sampler.stepsPerEpoch;
    r.blas = Blas.describe();
    r.sparkVersion = sc.version();
    r.sparkMaster = sc.master();
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length == 0 ? 0 : a[a.length / 2];
  }
}
