package sparkprop.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sparkprop.Json;
import sparkprop.app.ExitCode;
import sparkprop.app.JobCommand;
import sparkprop.app.Outcome;
import sparkprop.screen.ScreenConsole;
import sparkprop.screen.ScreenJob;
import sparkprop.screen.ScreenOptions;
import sparkprop.screen.ScreenReportJson;
import sparkprop.screen.ScreenResult;

/**
 * {@code screen}: every partition's partial gradient computed on several executors, compared bit for bit,
 * disagreements settled by a referee and the machine in the minority named. Writes report.json and
 * suspects.txt; exit 0 every screened executor agreed, 1 a host is suspect (named in the last stdout line).
 */
@Command(name = "screen", sortOptions = false, usageHelpWidth = 110,
    customSynopsis = "submit.sh [spark-submit options] screen [options]",
    description = "Screens a cluster's machines for silent data corruption: computes every partition's partial"
        + " gradient on --replicas executors (distinct hosts where possible) over --rounds rounds, compares them bit for"
        + " bit, settles a disagreement with a third computation and names the host in the minority; writes report.json,"
        + " suspects.txt and report.html into --out.",
    footer = {"", "Options also come from a properties file (--config, default " + ConfigFile.DEFAULT
        + " when present): name=value, names without dashes; the command line wins.",
        "Exit codes: 0 every screened executor agreed, 1 a host is suspect (its name in the last stdout line),"
            + " 2 bad input or usage (also fewer than two executors), 3 any other failure, 130/143 stopped by SIGINT/SIGTERM."})
public final class ScreenCommand implements JobCommand {
  /**
   * How long a task may wait for the executor the screen asked for before Spark runs it elsewhere (the
   * listener bus then shows where, and the slot is placed again): Spark's default, 3 s, is shorter than a
   * busy executor's queue.
   */
  static final String LOCALITY_WAIT = "30s";

  @Mixin public final ScreenOptions options = new ScreenOptions();

  @Option(names = "--config", paramLabel = "FILE", order = 90,
      description = "options file (default " + ConfigFile.DEFAULT + " when present)")
  String config;

  @Option(names = {"-h", "--help"}, usageHelp = true, order = 91, description = "this help")
  boolean help;

  @Override
  public String out() {
    return options.out;
  }

  @Override
  public List<String> inputs() {
    List<String> inputs = new ArrayList<>(List.of(options.data.data));
    if (options.model.weights != null) inputs.add(options.model.weights);
    if (options.history != null) inputs.add(options.history);
    return inputs;
  }

  @Override
  public Map<String, String> sparkDefaults() {
    return Map.of("spark.locality.wait", LOCALITY_WAIT);
  }

  @Override
  public Outcome run(JavaSparkContext sc, PrintStream progress) throws Exception {
    ScreenResult r = ScreenJob.run(sc, options, progress);
    Map<String, byte[]> files = new LinkedHashMap<>();
    ScreenReportJson report = ScreenReportJson.of(r);
    files.put("report.json", Json.pretty(report));
    files.put("suspects.txt", ScreenConsole.suspectsFile(r));
    files.put("report.html", sparkprop.report.html.ScreenReportHtml.render(report));
    return new Outcome(files, ScreenConsole.render(r), r.suspects.isEmpty() ? ExitCode.AGREE : ExitCode.DISAGREE,
        ScreenConsole.verdictLine(r));
  }
}
