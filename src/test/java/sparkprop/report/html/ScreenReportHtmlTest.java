package sparkprop.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkprop.screen.Finding;
import sparkprop.screen.ScreenReportJson;

/** The screen's page: one grid row per host, one cell per round coloured by its state, each disagreement named, text escaped. */
class ScreenReportHtmlTest {
  @Test
  void gridRowsAreHostsCellsAreRoundsAndTheSuspectIsNamed() {
    Map<String, ScreenReportJson.Host> hosts = new LinkedHashMap<>();
    hosts.put("10.0.0.1", new ScreenReportJson.Host(List.of("1"), "CPU <A>", "Zen", "0.3.31", "jvm", 8, 8, 0, false));
    hosts.put("10.0.0.2", new ScreenReportJson.Host(List.of("2"), "CPU <A>", "Zen", "0.3.31", "jvm", 8, 8, 1, true));
    Map<String, List<String>> grid = new LinkedHashMap<>();
    grid.put("10.0.0.1", List.of("agreed", "agreed"));
    grid.put("10.0.0.2", List.of("agreed", "disagreed"));
    Finding f = new Finding(2, 3, "2", "10.0.0.2", "CPU <A>", "Zen", "w1", 17, 1.5, 1.5000001, 1L << 39, true, 1,
        "executor 1 on 10.0.0.1", false);
    ScreenReportJson r = new ScreenReportJson(1, "suspect", List.of("10.0.0.2"), "data", 100, 4, 2, 2, 2, true, hosts, grid,
        List.of(f), List.of("executor 3 on 10.0.0.3"), Map.of(), new ScreenReportJson.Placement(0, 0, 0), 16, 1, 1.5,
        Map.of(), null, new ScreenReportJson.Spark("spark://m:7077", "app-1"), Map.of());
    String html = new String(ScreenReportHtml.render(r), StandardCharsets.UTF_8);
    assertTrue(html.contains("SUSPECT") && html.contains("Suspect: <b>10.0.0.2</b>"), html);
    assertEquals(3, count(html, "class=\"cell agreed\""));
    assertEquals(1, count(html, "class=\"cell disagreed\""));
    assertTrue(html.contains("<td>w1[17]</td>") && html.contains("549,755,813,888"), "the tensor and the ulps");
    assertTrue(html.contains("CPU &lt;A&gt;") && !html.contains("CPU <A>"), "escaped");
    assertTrue(html.contains("Not screened: executor 3 on 10.0.0.3"));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
    return n;
  }
}
