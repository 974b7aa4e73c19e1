package sparkprop.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a command produced: the files of its output folder (name → bytes, in writing order), the text
 * for the console, and the exit code. The runner writes the files and commits the folder before the
 * text is printed, so a printed verdict always has its files in place.
 */
public record Outcome(Map<String, byte[]> files, String console, int exitCode) {
  public Outcome {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }
}
