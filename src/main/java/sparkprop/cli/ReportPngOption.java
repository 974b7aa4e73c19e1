package sparkprop.cli;

import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code --report-png}: report.html's pictures also as PNG files in figures/ of the output, a picocli mixin. */
final class ReportPngOption {
  /** The folder inside the output that {@code --report-png} fills. */
  static final String FIGURES = "figures";

  @Option(names = "--report-png", paramLabel = "true|false", order = 70, arity = "1",
      converter = sparkprop.app.Converters.Bool.class,
      description = "also write report.html's pictures as PNG files into figures/ of the output (default false)")
  boolean reportPng;

  /** The option as given ({@code true}: write the PNG files): for callers outside picocli, tests. */
  static ReportPngOption of(boolean reportPng) {
    ReportPngOption o = new ReportPngOption();
    o.reportPng = reportPng;
    return o;
  }

  /** Adds the pictures {@code pngs} renders (name → PNG bytes) to {@code files} under figures/, when asked for. */
  void addTo(Map<String, byte[]> files, Supplier<Map<String, byte[]>> pngs) {
    if (!reportPng) return;
    for (Map.Entry<String, byte[]> png : pngs.get().entrySet()) files.put(FIGURES + "/" + png.getKey(), png.getValue());
  }
}
