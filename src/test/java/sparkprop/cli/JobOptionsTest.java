package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.BadInputException;
import sparkprop.nn.Precision;

/** Options come from a properties file and the command line, the command line winning; unknown ones are refused. */
class JobOptionsTest {
  @TempDir Path tmp;

  @Test
  void theCommandLineOverridesThePropertiesFile() throws IOException {
    Path conf = Files.writeString(tmp.resolve("job.properties"), "partitions=5\nprecision=float32\nlimit=100\n");
    JobOptions o = JobOptions.parse(new String[] {"check", "--config", conf.toString(), "--partitions", "7"});
    assertEquals(7, o.data.partitions);
    assertEquals(Precision.FLOAT32, o.model.precision);
    assertEquals(100, o.data.limit);
  }

  @Test
  void checkIsTheDefaultCommandAndEqualsFormsWork() {
    JobOptions o = JobOptions.parse(new String[] {"--limit=12", "--seed", "3"});
    assertEquals("check", o.command);
    assertEquals(12, o.data.limit);
    assertEquals(3, o.model.seed);
  }

  @Test
  void unknownOptionsKeysAndValuesAreRefusedWithTheirName() throws IOException {
    BadInputException e = assertThrows(BadInputException.class, () -> JobOptions.parse(new String[] {"--nope", "1"}));
    assertTrue(e.getMessage().contains("--nope"));
    Path conf = Files.writeString(tmp.resolve("bad.properties"), "partitons=5\n");
    e = assertThrows(BadInputException.class, () -> JobOptions.parse(new String[] {"--config", conf.toString()}));
    assertTrue(e.getMessage().contains("bad.properties") && e.getMessage().contains("partitons"));
    assertThrows(BadInputException.class, () -> JobOptions.parse(new String[] {"--limit", "-3"}));
    assertThrows(BadInputException.class, () -> JobOptions.parse(new String[] {"--limit"}));
    assertThrows(BadInputException.class, () -> JobOptions.parse(new String[] {"--config", tmp.resolve("missing").toString()}));
  }

  @Test
  void theShippedPropertiesFileDocumentsEveryOptionAndChangesNothing() throws IOException {
    String text = Files.readString(Path.of(JobOptions.DEFAULT_CONFIG));
    for (String name : JobOptions.names()) {
      assertTrue(text.contains("\n#" + name + " ="), "conf/sparkprop.properties lacks '#" + name + " ='");
    }
    JobOptions shipped = JobOptions.parse(new String[] {"--config", JobOptions.DEFAULT_CONFIG});
    JobOptions builtIn = JobOptions.parse(new String[] {"--config", Files.writeString(tmp.resolve("empty"), "").toString()});
    assertEquals(builtIn.data.partitions, shipped.data.partitions);
    assertEquals(builtIn.data.data, shipped.data.data);
  }
}
