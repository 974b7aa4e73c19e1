package sparkprop.cli;

import sparkprop.app.Outcome;
import sparkprop.app.ExitCode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sparkprop.check.CheckJob;
import sparkprop.check.CheckOptions;
import sparkprop.check.CheckResult;
import sparkprop.report.ConsoleTable;
import sparkprop.report.GradientFiles;
import sparkprop.Json;
import sparkprop.check.CheckReportJson;
import sparkprop.report.html.CheckReportHtml;

/**
 * {@code check}: the distributed gradient against the single-node reference and finite differences.
 * Writes report.json, gradients.npz (and .safetensors) and reference.npz; exit 0 when everything agrees, 1 when not.
 */
@Command(name = "check", sortOptions = false, usageHelpWidth = 110,
    customSynopsis = "submit.sh [spark-submit options] [check] [options]",
    description = "Checks the hand-written distributed gradient against a single-node reference and finite"
        + " differences; writes report.json, gradients.npz, gradients.safetensors and reference.npz into --out.",
    footer = {"", "Options also come from a properties file (--config, default " + ConfigFile.DEFAULT
        + " when present): name=value, names without dashes; the command line wins.",
        "Exit codes: 0 gradients agree, 1 they disagree (or non-finite numbers), 2 bad input or usage,"
            + " 3 any other failure, 130/143 stopped by SIGINT/SIGTERM."})
public final class CheckCommand extends RunCommand<CheckOptions> {
  private static final Logger LOG = LoggerFactory.getLogger("sparkprop");

  public CheckCommand() {
    super(new CheckOptions());
  }

  @Mixin final ConfigAndHelp configAndHelp = new ConfigAndHelp();

  @Mixin final ReportPngOption png = new ReportPngOption();

  /** The check's options as the job would parse {@code args} (without the command word): for tests and tools. */
  public static CheckOptions parseOptions(String... args) {
    List<String> line = new ArrayList<>(List.of(args));
    line.add(0, "check");
    return ((CheckCommand) Main.commands().parse(line.toArray(new String[0])).command()).options;
  }

  @Override
  public Outcome run(JavaSparkContext sc, PrintStream progress) {
    CheckResult result = CheckJob.run(sc, options);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("report.json", Json.pretty(CheckReportJson.of(result)));
    files.put("gradients.npz", GradientFiles.npz(result.fullGradient()));
    files.put("reference.npz", GradientFiles.npz(result.reference));
    files.put("gradients.safetensors", GradientFiles.safetensors(result.fullGradient(), result.architecture));
    files.put("report.html", CheckReportHtml.render(result));
    png.addTo(files, () -> CheckReportHtml.renderPngs(result));
    if (!result.blasNative) LOG.warn("BLAS is {}, not native: {}", result.blas, sparkprop.blas.BlasInfo.current().reason);
    return new Outcome(files, ConsoleTable.render(result), result.pass() ? ExitCode.AGREE : ExitCode.DISAGREE);
  }
}
