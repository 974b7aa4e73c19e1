package sparkprop.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import sparkprop.BadInputException;

/**
 * A command's options in a properties file ({@code --config FILE}, or {@link #DEFAULT} when it exists):
 * {@code name=value} lines whose keys are the long option names without the dashes. They become
 * picocli defaults, so the command line wins. A key that names no option is refused: a misspelt key
 * would otherwise be ignored and a pipeline would run with a setting nobody asked for.
 */
final class ConfigFile {
  static final String DEFAULT = "conf/sparkprop.properties";

  private ConfigFile() {}

  /** The file's options, values trimmed; refuses an unreadable file and any key {@code spec} has no option for. */
  static Properties read(Path path, CommandSpec spec) {
    Properties raw = new Properties();
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      raw.load(r);
    } catch (NoSuchFileException e) {
      throw BadInputException.inFile(path.toString(), "no such options file");
    } catch (IOException | IllegalArgumentException e) {
      throw BadInputException.inFile(path.toString(), "cannot read options file: " + e.getMessage());
    }
    Set<String> known = keys(spec);
    Properties options = new Properties();
    for (String key : new TreeSet<>(raw.stringPropertyNames())) {
      if (!known.contains(key)) {
        String near = nearest(key, known);
        throw BadInputException.inFile(path.toString(), "unknown option '" + key + "'"
            + (near == null ? "" : " (did you mean " + near + "?)"));
      }
      options.setProperty(key, raw.getProperty(key).trim());
    }
    return options;
  }

  /** The keys a file may set: every option of the command but help and the file itself. */
  static Set<String> keys(CommandSpec spec) {
    Set<String> keys = new TreeSet<>();
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp() || o.longestName().equals("--config")) continue;
      keys.add(o.longestName().replaceFirst("^-+", ""));
    }
    return keys;
  }

  /** The known key within two edits of {@code key}, for the hint; null if none is that close. */
  private static String nearest(String key, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = distance(key.toLowerCase(Locale.ROOT), k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
