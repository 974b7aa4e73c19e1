package sparkprop.cli;

import sparkprop.InProcessRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.app.ExitCode;

/** screen's bad input: one stderr line, exit 2, no output — local mode among it, since its one executor is the driver. */
class ScreenBadInputTest {
  @TempDir Path tmp;

  private void assertBadInput(InProcessRun r, String mention) {
    assertEquals(ExitCode.BAD_INPUT, r.exitCode, r.toString());
    String err = r.stderr.strip();
    assertEquals(1, err.lines().count(), "one line: " + err);
    assertTrue(err.startsWith("sparkprop: ") && err.contains(mention), err);
    assertFalse(Files.exists(tmp.resolve("out").resolve("report.json")));
  }

  @Test
  void localModeHasFewerThanTwoExecutors() {
    assertBadInput(InProcessRun.of("screen", "--limit", "100", "--out", tmp.resolve("out").toString()), "screen needs at least two executors");
  }

  @Test
  void oneReplicaComparesNothing() {
    assertBadInput(InProcessRun.of("screen", "--replicas", "1", "--out", tmp.resolve("out").toString()), "--replicas 1");
  }

  @Test
  void suspectAfterBeyondTheWindow() {
    assertBadInput(InProcessRun.of("screen", "--suspect-after", "8", "--history-window", "7", "--out", tmp.resolve("out").toString()),
        "--suspect-after 8");
  }
}
