package sparkprop.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import sparkprop.app.ExitCode;
import sparkprop.app.JobCommand;
import sparkprop.app.Outcome;
import sparkprop.bench.Bench;
import sparkprop.bench.BenchOptions;
import sparkprop.bench.BenchResult;
import sparkprop.report.html.RaceReportHtml;

/**
 * {@code submit.sh bench [options]}: how fast the gradient pass runs on this data, this Spark and this
 * BLAS, against the GEMMs it is made of and against Spark MLlib's own MLP, and how soon train's
 * recommended recipe reaches MLlib's test accuracy. Prints tables and writes {@code bench.json} into
 * {@code --out}, and {@code report.html} with the race's curves when the race ran. BENCHMARKS.md explains every number. Exit 0 when the benchmark ran, whether or
 * not its targets were met. It lives in {@code cli}, not {@code bench}, because it adds report.html.
 */
@Command(name = "bench", sortOptions = false, usageHelpWidth = 110,
    customSynopsis = "submit.sh [spark-submit options] bench [options]",
    description = "Times the gradient pass against same-run GEMM and Spark MLlib's MLP, and races train's classifier"
        + " recipe (three seeds) to the test accuracy of MLlib's l-bfgs; writes bench.json into --out, and report.html"
        + " with the race's curves when the race ran.",
    footer = {"", "Set OPENBLAS_NUM_THREADS=1 before the JVM starts (Spark runs one task per core; submit.sh does).",
        "Exit codes: 0 the benchmark ran (whether or not targets were met), 2 bad input or usage, 3 any other failure."})
public final class BenchCommand implements JobCommand {
  @Mixin public final BenchOptions options = new BenchOptions();

  @Mixin final ReportPngOption png = new ReportPngOption();

  @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "this help")
  boolean help;

  /** The command line as given, for the report. */
  private String commandLine = "bench";

  @Override
  public String out() {
    return options.out;
  }

  @Override
  public List<String> inputs() {
    return List.of(options.data);
  }

  @Override
  public void parsed(ParseResult given) {
    List<String> all = given.originalArgs();
    int at = all.indexOf("bench");
    commandLine = String.join(" ", at >= 0 ? all.subList(at, all.size()) : all);
  }

  @Override
  public Outcome run(JavaSparkContext sc, PrintStream progress) {
    BenchResult r = Bench.measure(sc, options, commandLine, progress);
    return new Outcome(files(r, commandLine, png), r.console(), ExitCode.AGREE);
  }

  /**
   * bench.json, and report.html (with --report-png its chart as figures/race.png) when the race ran:
   * without the race the page would have nothing to show, and the console says why it did not run.
   */
  static Map<String, byte[]> files(BenchResult r, String commandLine, ReportPngOption png) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("bench.json", r.json());
    if (r.race() == null) return files;
    files.put("report.html", RaceReportHtml.render(r.race(), commandLine));
    png.addTo(files, () -> RaceReportHtml.renderPngs(r.race()));
    return files;
  }
}
