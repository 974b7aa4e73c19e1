package sparkprop.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a command produced: the files of its output folder (name → bytes, in writing order), the text
 * for the console, and the exit code. The runner writes the files and commits the folder before the
 * text is printed, so a printed verdict always has its files in place. {@code lastLine}, when not null,
 * is printed after everything else (after "output: DIR"): the one line a scheduler's log shows
 * ({@code screen}'s suspects).
 */
public record Outcome(Map<String, byte[]> files, String console, int exitCode, String lastLine) {
  public Outcome {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  public Outcome(Map<String, byte[]> files, String console, int exitCode) {
    this(files, console, exitCode, null);
  }
}
