package sparkprop.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sparkprop.Json;
import sparkprop.app.ExitCode;
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
public final class ScreenCommand extends RunCommand<ScreenOptions> {
  /**
   * How long a task may wait for the executor the screen asked for before Spark runs it elsewhere (the
   * listener bus then shows where, and the slot is placed again): Spark's default, 3 s, is shorter than a
   * busy executor's queue.
   */
  static final String LOCALITY_WAIT = "30s";

  public ScreenCommand() {
    super(new ScreenOptions());
  }

  @Mixin final ConfigAndHelp configAndHelp = new ConfigAndHelp();

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
