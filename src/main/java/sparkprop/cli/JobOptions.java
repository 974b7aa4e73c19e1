package sparkprop.cli;

import sparkprop.app.JobCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.PropertiesDefaultProvider;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;
import sparkprop.BadInputException;

/**
 * The job's command line, {@code [COMMAND] [--name value]…}, parsed by picocli into one
 * {@link JobCommand}. The first command declared is the default: a command line that starts with an
 * option (or is empty) runs it. Options may also come from the command's properties file
 * ({@link ConfigFile}). Every usage error becomes a one-line {@link BadInputException} that names the
 * option (and the file, for a value from it). Names are stable: pipelines depend on them.
 */
public final class JobOptions {
  private static final Set<String> HELP = Set.of("-h", "--help");

  private final Map<String, Supplier<? extends JobCommand>> commands = new LinkedHashMap<>();

  /** A parsed command line: the command and its name, or the help text to print instead. */
  public record Parsed(String name, JobCommand command, String help) {}

  @Command(name = "sparkprop", usageHelpWidth = 110,
      customSynopsis = {"submit.sh [spark-submit options] [check] [options]",
          "       submit.sh [spark-submit options] bench [options]"},
      description = {"Computes a dense network's gradient by hand across Spark partitions and checks it against"
          + " a single-node reference and finite differences. 'check' is the default command."},
      footer = {"", "Exit codes: 0 gradients agree, 1 they disagree (or non-finite numbers), 2 bad input or usage,"
          + " 3 any other failure, 130/143 stopped by SIGINT/SIGTERM."})
  static final class Top {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;
  }

  /** Declares a command; the first declared is the default. */
  public JobOptions command(String name, Supplier<? extends JobCommand> factory) {
    commands.put(name, factory);
    return this;
  }

  public Parsed parse(String... args) {
    boolean implicit = args.length == 0 || (args[0].startsWith("-") && !HELP.contains(args[0]));
    List<String> full = new ArrayList<>(List.of(args));
    if (implicit) full.add(0, commands.keySet().iterator().next());
    String[] line = full.toArray(new String[0]);

    // The command line alone: its own errors, and which options file applies.
    CommandLine top = build(null, null);
    ParseResult result = parse(top, line, implicit, null);
    ParseResult sub = result.subcommand();
    if (sub == null) return new Parsed(null, null, help(top));
    String name = sub.commandSpec().name();
    if (sub.isUsageHelpRequested()) return new Parsed(name, null, sub.commandSpec().commandLine().getUsageMessage());

    Path file = optionsFile(sub);
    if (file != null) {
      Properties options = ConfigFile.read(file, sub.commandSpec());
      // The file alone, so that a bad value in it is reported with the file's name; then both.
      parse(build(name, options), new String[] {name}, false, file.toString());
      result = parse(build(name, options), line, implicit, null);
      sub = result.subcommand();
    }
    JobCommand command = (JobCommand) sub.commandSpec().userObject();
    command.parsed(sub);
    return new Parsed(name, command, null);
  }

  /** The top-level help: the commands, then the default command's options. */
  private String help(CommandLine top) {
    StringBuilder b = new StringBuilder(top.getUsageMessage());
    String first = commands.keySet().iterator().next();
    b.append('\n').append(top.getSubcommands().get(first).getUsageMessage());
    return b.toString();
  }

  /** Fresh command objects; {@code defaults} (an options file's) for command {@code name}. */
  private CommandLine build(String name, Properties defaults) {
    CommandLine top = new CommandLine(new Top());
    for (Map.Entry<String, Supplier<? extends JobCommand>> c : commands.entrySet()) {
      CommandLine sub = new CommandLine(c.getValue().get());
      if (c.getKey().equals(name)) sub.setDefaultValueProvider(new PropertiesDefaultProvider(defaults));
      top.addSubcommand(c.getKey(), sub);
    }
    // As before picocli: an option given twice takes its last value (a wrapper script may add defaults first).
    top.setOverwrittenOptionsAllowed(true);
    top.setUsageHelpWidth(110);
    return top;
  }

  /** The options file: the one {@code --config} names (it must exist), else the default one if present. */
  private static Path optionsFile(ParseResult sub) {
    OptionSpec config = sub.commandSpec().findOption("--config");
    if (config == null) return null;
    if (sub.hasMatchedOption("--config")) return Paths.get((String) config.getValue());
    Path path = Paths.get(ConfigFile.DEFAULT);
    return Files.isRegularFile(path) ? path : null;
  }

  private static ParseResult parse(CommandLine top, String[] line, boolean implicit, String file) {
    try {
      return top.parseArgs(line);
    } catch (ParameterException e) {
      String problem = problem(e, implicit);
      throw new BadInputException(file == null ? problem : file + ": " + problem, e);
    }
  }

  /** One line naming the option and what is wrong with it. */
  static String problem(ParameterException e, boolean implicit) {
    BadInputException bad = Failures.badInput(e);
    if (bad != null) return bad.getMessage(); // the value's own parser named the option
    ArgSpec arg = e.getArgSpec();
    String option = arg instanceof OptionSpec ? ((OptionSpec) arg).longestName() : null;
    if (e instanceof UnmatchedArgumentException) return unmatched((UnmatchedArgumentException) e, implicit);
    if (e instanceof MissingParameterException) {
      List<ArgSpec> missing = ((MissingParameterException) e).getMissing();
      if (!missing.isEmpty() && missing.get(0) instanceof OptionSpec) {
        return ((OptionSpec) missing.get(0)).longestName() + ": needs a value";
      }
    }
    if (e.getCause() instanceof TypeConversionException && option != null) return option + ": " + e.getCause().getMessage();
    return Failures.firstLine(e.getMessage());
  }

  private static String unmatched(UnmatchedArgumentException e, boolean implicit) {
    List<String> args = e.getUnmatched();
    String first = args.isEmpty() ? "" : args.get(0);
    List<String> near = e.getSuggestions();
    String hint = near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)";
    boolean atTop = e.getCommandLine().getParent() == null;
    if (atTop && !first.startsWith("-")) {
      return "unknown command '" + first + "' (expected " + String.join(" or ", e.getCommandLine().getSubcommands().keySet())
          + ")";
    }
    if (!first.startsWith("-")) return "unexpected argument '" + first + "' (options are --name value)" + hint;
    if (!hint.isEmpty()) return "unknown option '" + first + "'" + hint;
    return "unknown option '" + first + "' (see --help" + (implicit
        ? "; spark-submit's options go before the command word: submit.sh [spark-submit options] check [options])"
        : ")");
  }
}
