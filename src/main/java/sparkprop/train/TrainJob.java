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

  public TrainJob(JavaSparkContext sc, TrainOptions o, RunFolder folder, PrintStream console) {
    this.sc = sc;
    this.o = o;
    this.folder = folder;
    this.console = console;
  }

  public TrainResult run() throws IOException {
    validate();
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

      Optimizer optimizer = o.optimizer == OptimizerKind.SGD ? new Sgd(o.lr, o.momentum, o.weightDecay) : new Lbfgs(o.lbfgsCorrections);
      String fingerprint = Fingerprint.of(o, data, layout, model.architecture);
      Checkpoints checkpoints = folder.checkpoints();
      double[] theta = model.parameters.theta();
      History history = new History();
      r.history = history;
      long start = 0;
      Checkpoints.Saved saved = folder.resumeFrom() == null ? null : folder.resumeFrom().latest(fingerprint, o.resume);
      if (folder.resumeFrom() != null && saved == null) {
        throw BadInputException.inFile(o.resume, "holds no checkpoint to resume from");
      }
      if (saved != null) {
        start = saved.step;
        theta = CheckpointFiles.theta(saved.files, layout, o.resume);
        optimizer.restore(saved.files);
        history.restore(saved.files.get(CheckpointFiles.HISTORY));
        r.resumedFrom = o.resume;
        if (folder.resumeFrom() != checkpoints) {
          checkpoints.save(start, saved.files, fingerprint); // carry the resumed-from state into this run's folder
        }
      }
      r.startStep = start;
      r.seconds.put("prepare", (System.nanoTime() - started) / 1e9);

      Progress progress = new Progress(console, Progress.onTerminal(), o.progressEvery, o.steps);
      if (start > 0) progress.note("resuming at step " + start + " from " + o.resume);
      List<Double> stepSeconds = new ArrayList<>();
      for (long step = start; step < o.steps; step++) {
        long e0 = System.nanoTime();
        Evaluation ev = evaluator != null && step % Math.max(1, o.evalEvery) == 0
            ? evaluator.at(new Parameters(layout, theta)) : null;
        double evalSeconds = (System.nanoTime() - e0) / 1e9;
        if (ev != null && o.targetAccuracy > 0 && ev.accuracy() >= o.targetAccuracy) {
          r.reachedTarget = step; // θ before step `step` reached it: the run ends here
          r.finalEval = ev;
          break;
        }
        long t0 = System.nanoTime();
        double[] before = theta.clone();
        Objective.Value v = optimizer.step(step, theta, (x, s) -> objective.at(layout, x, s));
        if (step == start || (o.checkEvery > 0 && step % o.checkEvery == 0)) {
          StepCheck c = check(objective, settings, reference, data, referenceChunk, layout, before, step, v);
          r.checks.add(c);
          if (!c.pass()) {
            r.stopped = "step " + step + ": the distributed gradient disagrees with the reference in " + c.failed;
            theta = before;
            break;
          }
        }
        if (v.nonFinite != null || !Double.isFinite(v.gradients.loss)) {
          r.stopped = "step " + step + ": non-finite numbers in " + (v.nonFinite != null ? v.nonFinite + " (partition "
              + v.nonFinitePartition + ")" : "the loss");
          theta = before;
          break;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        stepSeconds.add(seconds);
        StepRecord rec = new StepRecord(step, v.gradients.loss, v.gradients.norm(), v.gradients.rows, seconds, ev, evalSeconds);
        history.add(rec);
        progress.step(rec, median(stepSeconds));
        if (o.checkpointEvery > 0 && (step + 1) % o.checkpointEvery == 0 && step + 1 < o.steps) {
          checkpoints.save(step + 1, CheckpointFiles.of(new Parameters(layout, theta), optimizer, history), fingerprint);
        }
      }
      r.last = new Parameters(layout, theta);
      if (r.completed()) {
        checkpoints.save(r.reachedTarget >= 0 ? r.reachedTarget : o.steps, CheckpointFiles.of(r.last, optimizer, history), fingerprint);
        if (evaluator != null && r.finalEval == null) r.finalEval = evaluator.at(r.last);
      } else {
        progress.note("stopped: " + r.stopped);
      }
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

  private void validate() {
    if (o.steps <= 0) throw new BadInputException("--steps: must be positive, got " + o.steps);
    if (!(o.lr > 0) || Double.isInfinite(o.lr)) throw new BadInputException("--lr: must be positive, got " + o.lr);
    if (!(o.momentum >= 0 && o.momentum < 1)) throw new BadInputException("--momentum: must be in [0, 1), got " + o.momentum);
    if (!(o.weightDecay >= 0) || Double.isInfinite(o.weightDecay)) {
      throw new BadInputException("--weight-decay: must be 0 or more, got " + o.weightDecay);
    }
    if (o.optimizer == OptimizerKind.LBFGS && o.batchRows > 0) {
      throw new BadInputException("--optimizer lbfgs takes full-batch steps: leave out --batch-rows");
    }
    if (o.optimizer == OptimizerKind.LBFGS && (o.momentum != 0 || o.weightDecay != 0)) {
      throw new BadInputException("--momentum and --weight-decay belong to --optimizer sgd");
    }
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
