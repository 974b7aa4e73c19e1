package sparkprop.screen;

import picocli.CommandLine.Option;
import sparkprop.BadInputException;
import sparkprop.app.Converters;
import sparkprop.app.RunOptions;

/** The options of {@code screen}: the data, model and output options every run shares ({@link RunOptions}) and the screen's own; the field values are the defaults. */
public class ScreenOptions extends RunOptions {
  public ScreenOptions() {
    super("out");
  }

  @Option(names = "--replicas", paramLabel = "R", order = 51, converter = Converters.PositiveInt.class,
      description = "executors that compute every partition, on distinct hosts where there are enough (default 2, at least 2)")
  public int replicas = 2;

  @Option(names = "--rounds", paramLabel = "N", order = 52, converter = Converters.PositiveInt.class,
      description = "rounds, each pairing the executors differently (default 3)")
  public int rounds = 3;

  @Option(names = "--history", paramLabel = "PATH", order = 53,
      description = "a folder (any Hadoop path) that keeps one record per run; the verdict weighs it (default: none)")
  public String history = null;

  @Option(names = "--suspect-after", paramLabel = "K", order = 54, converter = Converters.PositiveInt.class,
      description = "a host that disagreed in K of its last --history-window runs is suspect (default 2)")
  public int suspectAfter = 2;

  @Option(names = "--history-window", paramLabel = "N", order = 55, converter = Converters.PositiveInt.class,
      description = "how many of a host's latest runs --suspect-after counts, this one included (default 7)")
  public int historyWindow = 7;

  /** Refuses combinations no single option's parser can see (exit 2, before anything is read). */
  public void validate() {
    if (replicas < 2) throw new BadInputException("--replicas " + replicas + ": a screen compares at least 2 computations of each partition");
    if (suspectAfter > historyWindow) {
      throw new BadInputException("--suspect-after " + suspectAfter + ": more than --history-window " + historyWindow);
    }
  }

  @Override
  public java.util.List<String> inputs() {
    java.util.List<String> inputs = super.inputs();
    if (history != null) inputs.add(history);
    return inputs;
  }
}
