package sparkprop.cli;

import sparkprop.app.JobCommand;
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
import sparkprop.BadInputException;
import sparkprop.app.OutputFolder;
import sparkprop.report.html.TrainReportHtml;
import sparkprop.train.CheckpointFiles;
import sparkprop.train.ModelExports;
import sparkprop.train.RunFolder;
import sparkprop.train.StepCheck;
import sparkprop.train.TrainJob;
import sparkprop.train.TrainOptions;
import sparkprop.train.TrainReportJson;
import sparkprop.train.TrainResult;

/**
 * {@code train}: steps on the verified distributed gradient, checked against the single-node reference
 * as it goes. Writes weights.npz (and weights.safetensors, model.onnx, mllib-model/), history.csv, report.json,
 * report.html and checkpoints/; exit 0 when the run
 * completes, 1 when a check or a non-finite number stopped it.
 */
@Command(name = "train", sortOptions = false, usageHelpWidth = 110,
    customSynopsis = "submit.sh [spark-submit options] train [options]",
    description = "Trains the network on the distributed gradient that check verifies, checking it against the"
        + " single-node reference as it goes; writes weights.npz, weights.safetensors, model.onnx, mllib-model/ (when"
        + " MLlib can hold the network), history.csv, report.json, report.html and checkpoints/"
        + " into --out.",
    footer = {"", "Exit codes: 0 the run completed, 1 a check or a non-finite number stopped it (the report says"
        + " at which step), 2 bad input or usage, 3 any other failure (a killed or failed run keeps its"
        + " checkpoints beside --out for --resume)."})
public final class TrainCommand implements JobCommand {
  @Mixin public final TrainOptions options = new TrainOptions();

  @Option(names = {"-h", "--help"}, usageHelp = true, order = 91, description = "this help")
  boolean help;

  @Option(names = "--report-png", paramLabel = "true|false", order = 70, arity = "1",
      converter = sparkprop.app.Converters.Bool.class,
      description = "also write report.html's pictures as PNG files into figures/ of the output (default false)")
  boolean reportPng;

  private OutputFolder folder;

  @Override
  public String out() {
    return options.out;
  }

  @Override
  public List<String> inputs() {
    List<String> inputs = new ArrayList<>(List.of(options.data.data));
    if (options.model.weights != null) inputs.add(options.model.weights);
    if (options.evalData != null) inputs.add(options.evalData);
    return inputs;
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
  public Outcome run(JavaSparkContext sc, PrintStream progress) throws Exception {
    FileSystem fs = folder.staging().getFileSystem(sc.hadoopConfiguration());
    Path resumeFrom = options.resume == null ? null : resumeFolder(fs, options.resume);
    TrainResult r = new TrainJob(sc, options, new RunFolder(fs, folder.staging(), resumeFrom), progress).run();
    folder.wroteFolder("checkpoints");
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (r.completed()) files.put("weights.npz", CheckpointFiles.weightsNpz(r.last));
    if (r.completed()) files.putAll(ModelExports.files(r));
    if (ModelExports.saveMllib(sc, r, folder.staging())) folder.wroteFolder(ModelExports.MLLIB);
    files.put("history.csv", r.historyCsv());
    files.put("report.json", TrainReportJson.render(r));
    files.put("report.html", TrainReportHtml.render(r));
    if (reportPng) {
      for (Map.Entry<String, byte[]> png : TrainReportHtml.renderPngs(r).entrySet()) {
        files.put(CheckCommand.FIGURES + "/" + png.getKey(), png.getValue());
      }
    }
    return new Outcome(files, summary(r), r.completed() ? ExitCode.AGREE : ExitCode.DISAGREE);
  }

  /**
   * Where {@code --resume DIR} continues from: DIR itself when it is a completed training output, else
   * the run folder a killed run into DIR left beside it.
   */
  private static Path resumeFolder(FileSystem fs, String dir) throws java.io.IOException {
    Path given = fs.makeQualified(new Path(dir));
    if (fs.exists(given) && "train".equals(OutputFolder.outputCommand(fs, given))) return given;
    Path run = OutputFolder.runFolder(given);
    if (fs.exists(run) && "train".equals(OutputFolder.runCommand(fs, run))) return run;
    throw BadInputException.inFile(dir, "not a sparkprop training output, nor the --out of a training run that was"
        + " killed (no " + OutputFolder.MARKER + " of train, no " + run.getName() + " beside it)");
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
    if (r.reachedTarget >= 0) b.append("reached --target-accuracy before step ").append(r.reachedTarget).append('\n');
    if (r.completed()) b.append(ModelExports.summary(r));
    b.append(r.completed() ? "status: completed\n" : "status: STOPPED at " + r.stopped + "\n");
    return b.toString();
  }

  private static String steps(List<StepCheck> checks) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < checks.size() && k < 8; k++) b.append(k > 0 ? ", " : "").append(checks.get(k).step);
    if (checks.size() > 8) b.append(", …");
    return b.toString();
  }
}
