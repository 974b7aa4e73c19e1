package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.LocalSpark;
import sparkprop.app.ExitCode;

/** screen's bad input: one stderr line, exit 2, no output — local mode among it, since its one executor is the driver. */
class ScreenBadInputTest {
  @TempDir Path tmp;

  private String[] run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code;
    try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      code = Main.run(LocalSpark.context(), args, po, pe);
    }
    return new String[] {String.valueOf(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
  }

  private void assertBadInput(String[] r, String mention) {
    assertEquals(String.valueOf(ExitCode.BAD_INPUT), r[0], r[1] + r[2]);
    String err = r[2].strip();
    assertEquals(1, err.lines().count(), "one line: " + err);
    assertTrue(err.startsWith("sparkprop: ") && err.contains(mention), err);
    assertFalse(Files.exists(tmp.resolve("out").resolve("report.json")));
  }

  @Test
  void localModeHasFewerThanTwoExecutors() {
    assertBadInput(run("screen", "--limit", "100", "--out", tmp.resolve("out").toString()), "screen needs at least two executors");
  }

  @Test
  void oneReplicaComparesNothing() {
    assertBadInput(run("screen", "--replicas", "1", "--out", tmp.resolve("out").toString()), "--replicas 1");
  }

  @Test
  void suspectAfterBeyondTheWindow() {
    assertBadInput(run("screen", "--suspect-after", "8", "--history-window", "7", "--out", tmp.resolve("out").toString()),
        "--suspect-after 8");
  }
}
