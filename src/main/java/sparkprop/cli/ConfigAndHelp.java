package sparkprop.cli;

import picocli.CommandLine.Option;

/** {@code --config} and {@code --help}, a picocli mixin of the commands that read an options file. */
final class ConfigAndHelp {
  /** Read by {@link JobOptions} before the other options: its keys become their defaults. */
  @Option(names = "--config", paramLabel = "FILE", order = 90,
      description = "options file (default " + ConfigFile.DEFAULT + " when present)")
  String config;

  @Option(names = {"-h", "--help"}, usageHelp = true, order = 91, description = "this help")
  boolean help;
}
