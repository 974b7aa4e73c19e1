package sparkprop.cli;

import sparkprop.app.Outcome;
import sparkprop.app.ExitCode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import sparkprop.BadInputException;
import sparkprop.app.OutputFolder;
import sparkprop.report.html.TrainReportHtml;
import sparkprop.Json;
import sparkprop.train.CheckpointFiles;
import sparkprop.train.ModelExports;
import sparkprop.train.RunFolder;
import sparkprop.train.StepCheck;
import sparkprop.train.TrainJob;
import sparkprop.train.TrainOptions;
import sparkprop.train.TrainOptionsCheck;
import sparkprop.train.TrainReportJson;
import sparkprop.train.TrainResult;

/**
 * {@code train}: steps on the verified distributed gradient, checked against the single-node reference
 * as it goes. Writes weights.npz (and weights.safetensors, model.onnx, mllib-model/; with --keep-best
 * weights-best.npz and weights-best.safetensors), history.csv, report.json, report.html and checkpoints/;
 * exit 0 when the run completes or stops early, 1 when a check or a non-finite number stopped it.
 */
@Command(name = "train", sortOptions = false, usageHelpWidth = 110,
    customSynopsis = "submit.sh [spark-submit options] train [options]",
    description = "Trains the network on the distributed gradient that check verifies, checking it against the"
        + " single-node reference as it goes; writes weights.npz, weights.safetensors, model.onnx, mllib-model/ (when"
        + " MLlib can hold the network), history.csv, report.json, report.html and checkpoints/"
        + " into --out.",
    footer = {"", "Exit codes: 0 the run completed (or stopped early, --early-stop), 1 a check or a non-finite number"
        + " stopped it (the report says at which step), 2 bad input or usage, 3 any other failure, 130/143 stopped by"
        + " SIGINT/SIGTERM (a killed, failed or stopped run keeps its checkpoints beside --out: --resume continues it)."})
public final class TrainCommand extends RunCommand<TrainOptions> {
  public TrainCommand() {
    super(new TrainOptions());
  }

  @Option(names = {"-h", "--help"}, usageHelp = true, order = 91, description = "this help")
  boolean help;

  @Mixin final ReportPngOption png = new ReportPngOption();

  private OutputFolder folder;
  private PrintStream warnings = System.err;
  private volatile TrainJob job;

  /** Options that do not fit together are refused before Spark starts. */
  @Override
  public void parsed(ParseResult given) {
    TrainOptionsCheck.refuseMisfits(options);
  }

  @Override
  public boolean resumable() {
    return true;
  }

  @Override
  public void output(OutputFolder folder) {
    this.folder = folder;
  }

  @Override
  public void warnings(PrintStream err) {
    this.warnings = err;
  }

  /** Where the run stands and how to continue it: the checkpoints it keeps. */
  @Override
  public String interruption() {
    TrainJob j = job;
    long step = j == null ? -1 : j.step();
    long checkpoint = j == null ? -1 : j.checkpointedStep();
    String at = step < 0 ? " before the first step" : " at step " + step;
    if (checkpoint < 0) {
      return at + "; no checkpoint yet, run again with --resume " + options.out + " (it starts at step 0)";
    }
    return at + "; checkpoints kept in " + RunFolder.shown(folder.staging()) + " (the latest at step " + checkpoint + "), continue with"
        + " --resume " + options.out;
  }

  @Override
  public Outcome run(JavaSparkContext sc, PrintStream progress) throws Exception {
    FileSystem fs = folder.staging().getFileSystem(sc.hadoopConfiguration());
    RunFolder runFolder = options.resume == null ? new RunFolder(fs, folder.staging()) : resumeFolders(fs);
    job = new TrainJob(sc, options, runFolder, progress, warnings);
    TrainResult r = job.run();
    folder.wroteFolder("checkpoints");
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (r.completed()) files.put("weights.npz", CheckpointFiles.weightsNpz(r.last));
    if (r.completed() && r.best != null) files.put("weights-best.npz", r.best.weightsNpz());
    if (r.completed()) files.putAll(ModelExports.files(r));
    if (ModelExports.saveMllib(sc, r, folder.staging())) folder.wroteFolder(ModelExports.MLLIB);
    files.put("history.csv", r.historyCsv());
    files.put("report.json", Json.pretty(TrainReportJson.of(r)));
    files.put("report.html", TrainReportHtml.render(r));
    png.addTo(files, () -> TrainReportHtml.renderPngs(r));
    return new Outcome(files, summary(r), r.completed() ? ExitCode.AGREE : ExitCode.DISAGREE);
  }

  /**
   * Where {@code --resume DIR} may continue from: DIR when it is a completed training output, and the
   * run folder a killed run into DIR left beside it (the newer checkpoint wins). A DIR that is neither
   * is refused — unless it is this run's own {@code --out}: a retry of a run stopped before it wrote
   * anything to resume from.
   */
  private RunFolder resumeFolders(FileSystem fs) throws java.io.IOException {
    String dir = options.resume;
    Path given = fs.makeQualified(new Path(dir));
    boolean retry = given.equals(fs.makeQualified(new Path(options.out)));
    List<Path> from = new ArrayList<>();
    if (fs.exists(given) && "train".equals(OutputFolder.outputCommand(fs, given))) from.add(given);
    Path run = OutputFolder.runFolder(given);
    if (fs.exists(run) && "train".equals(OutputFolder.runCommand(fs, run))) from.add(run);
    if (from.isEmpty() && !retry) {
      throw BadInputException.inFile(dir, "not a sparkprop training output, nor the --out of a training run that was"
          + " killed (no " + OutputFolder.MARKER + " of train, no " + run.getName() + " beside it)");
    }
    return new RunFolder(fs, folder.staging(), from, retry);
  }

  private static String summary(TrainResult r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "sparkprop train: %d rows, %d partitions, MLP %s (%s), %s, %s%n", r.rows,
        r.partitions, r.initial.layout(), r.architecture, r.options.model.precision.label(), r.options.optimizer.label()));
    List<sparkprop.train.StepRecord> rec = r.records();
    if (!rec.isEmpty()) {
      b.append(String.format(Locale.ROOT, "loss: step %d %.6g → step %d %.6g%n", rec.get(0).step, rec.get(0).loss,
          rec.get(rec.size() - 1).step, rec.get(rec.size() - 1).loss));
    }
    long failed = r.checks.stream().filter(c -> !c.pass()).count();
    b.append(String.format(Locale.ROOT, "checks: %d made, %d failed%s%n", r.checks.size(), failed,
        r.checks.isEmpty() ? "" : " (steps " + steps(r.checks) + ")"));
    if (r.finalEval != null) {
      b.append(String.format(Locale.ROOT, "evaluation: loss %.6g, accuracy %.4f on %d rows%n", r.finalEval.loss(),
          r.finalEval.accuracy(), r.finalEval.rows()));
    }
    if (r.best != null) {
      b.append(String.format(Locale.ROOT, "best: step %d, evaluation accuracy %.4f, loss %.6g%s%n", r.best.step(),
          r.best.evalAccuracy(), r.best.evalLoss(), r.completed() ? " (weights-best.npz)" : ""));
    }
    if (r.skippedSteps > 0) {
      b.append("skipped: ").append(r.skippedSteps).append(" step(s) whose mini-batch held no rows (θ unchanged)\n");
    }
    if (r.reachedTarget >= 0) b.append("reached --target-accuracy before step ").append(r.reachedTarget).append('\n');
    if (r.completed()) b.append(ModelExports.summary(r));
    b.append(!r.completed() ? "status: STOPPED at " + r.stopped + "\n"
        : r.stoppedEarly >= 0 ? "status: " + r.stoppedEarlyLine() + "\n" : "status: completed\n");
    return b.toString();
  }

  private static String steps(List<StepCheck> checks) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < checks.size() && k < 8; k++) b.append(k > 0 ? ", " : "").append(checks.get(k).step);
    if (checks.size() > 8) b.append(", …");
    return b.toString();
  }
}
