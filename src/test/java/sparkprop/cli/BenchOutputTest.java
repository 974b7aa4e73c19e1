package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkprop.bench.BenchResult;
import sparkprop.report.html.SyntheticRace;

/** Which files the bench writes: report.html only when the race ran, its PNG only when asked for. */
class BenchOutputTest {
  private static final byte[] JSON = "{}".getBytes(StandardCharsets.UTF_8);

  @Test
  void withoutTheRaceOnlyBenchJson() {
    BenchResult r = new BenchResult(JSON, "train race: skipped (--race false)\n", null, "--race false");
    assertEquals(List.of("bench.json"), List.copyOf(BenchCommand.files(r, "bench --race false", ReportPngOption.of(true)).keySet()),
        "no page that would have nothing to show; the console says why");
  }

  @Test
  void withTheRaceItsPageAndOnRequestItsChart() {
    BenchResult r = new BenchResult(JSON, "", SyntheticRace.reached(), null);
    assertEquals(List.of("bench.json", "report.html"), List.copyOf(BenchCommand.files(r, "bench", ReportPngOption.of(false)).keySet()));
    Map<String, byte[]> files = BenchCommand.files(r, "bench --report-png true", ReportPngOption.of(true));
    assertEquals(List.of("bench.json", "report.html", ReportPngOption.FIGURES + "/race.png"), List.copyOf(files.keySet()));
  }
}
