package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sparkprop.BadInputException;
import sparkprop.app.DataOptions;
import sparkprop.bench.BenchOptions;
import sparkprop.check.CheckOptions;
import sparkprop.nn.Activation;
import sparkprop.nn.LossKind;
import sparkprop.nn.Precision;
import sparkprop.train.TrainOptions;

/** Options come from a properties file and the command line, the command line winning; bad ones are refused in one line. */
class JobOptionsTest {
  @TempDir Path tmp;

  private static JobOptions.Parsed parse(String... args) {
    return Main.commands().parse(args);
  }

  private static String refusal(String... args) {
    return assertThrows(BadInputException.class, () -> parse(args)).getMessage();
  }

  /** Refused with a message that contains {@code expected}. */
  private static void assertRefusal(String expected, String... args) {
    String message = refusal(args);
    assertTrue(message.contains(expected), "'" + expected + "' in: " + message);
  }

  @Test
  void theCommandLineOverridesThePropertiesFile() throws IOException {
    Path conf = Files.writeString(tmp.resolve("job.properties"), "partitions=5\nprecision=float32 \nlimit=100\n");
    CheckOptions o = CheckCommand.parseOptions("--config", conf.toString(), "--partitions", "7");
    assertEquals(7, o.data.partitions);
    assertEquals(Precision.FLOAT32, o.model.precision);
    assertEquals(100, o.data.limit);
  }

  @Test
  void checkIsTheDefaultCommandAndEqualsFormsWork() {
    JobOptions.Parsed p = parse("--limit=12", "--seed", "3");
    assertEquals("check", p.name());
    CheckOptions o = ((CheckCommand) p.command()).options;
    assertEquals(12, o.data.limit);
    assertEquals(3, o.model.seed);
    assertEquals("check", parse().name(), "no arguments at all run the check");
    assertEquals("bench", parse("bench", "--passes", "10").name());
  }

  @Test
  void everyOptionParsesIntoItsField() {
    CheckOptions o = CheckCommand.parseOptions("--layers", "784-64-32-10", "--activation", "tanh", "--loss", "cross-entropy",
        "--init", "kaiming", "--fault-tensor", "b2", "--inject-fault", "1", "--reference-rows", "300",
        "--input-check", "false", "--verify-partitions", "TRUE", "--split", "valid", "--valid-fraction", "0.25",
        "--split-seed", "9", "--fd-epsilon", "1e-5", "--fd-directions", "0", "--tree-depth", "3", "--block-rows", "64",
        "--pixel-max", "1", "--partitions", String.valueOf(DataOptions.MAX_PARTITIONS), "--limit", "1_000");
    assertArrayEquals(new int[] {784, 64, 32, 10}, o.model.layers);
    assertEquals(Activation.TANH, o.model.activation);
    assertEquals(LossKind.CROSS_ENTROPY, o.model.loss);
    assertEquals("b2", o.faultTensor);
    assertEquals(1, o.injectFault);
    assertEquals(300, o.referenceRows);
    assertFalse(o.inputCheck);
    assertTrue(o.verifyPartitions);
    assertEquals(0.25, o.data.validFraction);
    assertEquals(DataOptions.MAX_PARTITIONS, o.data.partitions);
    assertEquals(1000, o.data.limit);
  }

  @Test
  void unknownOptionsAndBadValuesAreRefusedNamingTheOption() {
    assertRefusal("unknown option '--nope'", "--nope", "1");
    String typo = refusal("--partitons", "4");
    assertTrue(typo.contains("--partitions"), "a suggestion for a mistyped option: " + typo);
    assertRefusal("--partitions: 'zero'", "--partitions", "zero");
    String tooMany = refusal("--partitions", "1000000", "--limit", "100");
    assertTrue(tooMany.startsWith("--partitions:") && tooMany.contains("100000"), tooMany);
    assertRefusal("--limit: must be positive", "--limit", "-3");
    assertRefusal("--limit: needs a value", "--limit");
    assertRefusal("float16", "--precision", "float16");
    assertRefusal("--layers:", "--layers", "784-x-10");
    assertRefusal("--input-check:", "--input-check", "maybe");
    assertRefusal("unknown command 'chek'", "chek");
    assertRefusal("unexpected argument 'stray'", "check", "stray");
    String spark = refusal("--master", "local[2]");
    assertTrue(spark.contains("before the command word"), "a spark-submit option without the command word: " + spark);
    assertRefusal("--passes:", "bench", "--passes", "x");
    assertRefusal("unknown option '--sweep'", "bench", "--sweep", "10000");
    assertRefusal("--partitions:", "bench", "--partitions", "100001");
    // The number converters: what each accepts, and NaN, ∞ and words refused saying what was expected.
    assertRefusal("--fd-epsilon: 'NaN' is not a positive number", "--fd-epsilon", "NaN");
    assertRefusal("--fd-epsilon: '0' is not a positive number", "--fd-epsilon", "0");
    assertRefusal("--lr: 'Infinity' is not a positive number", "train", "--lr", "Infinity");
    assertRefusal("--weight-decay: '-1e-3' is not a number of 0 or more", "train", "--weight-decay", "-1e-3");
    assertRefusal("--momentum: '1' is not a number in [0, 1)", "train", "--momentum", "1");
    assertRefusal("--valid-fraction: 'half' is not a number in [0, 1)", "--valid-fraction", "half");
    TrainOptions t = ((TrainCommand) parse("train", "--weight-decay", "0", "--momentum", "0.9", "--lr", " 2.5 ").command()).options;
    assertEquals(0.0, t.weightDecay);
    assertEquals(0.9, t.momentum);
    assertEquals(2.5, t.lr);
    for (String args : new String[] {"--nope 1", "--partitions zero", "--limit"}) {
      assertEquals(1, refusal(args.split(" ")).lines().count(), args);
    }
  }

  @Test
  void theOptionsFileIsCheckedKeyByKeyAndValueByValue() throws IOException {
    Path typo = Files.writeString(tmp.resolve("bad.properties"), "partitons=5\n");
    String e = refusal("--config", typo.toString());
    assertTrue(e.startsWith(typo.toString()) && e.contains("partitons") && e.contains("did you mean partitions"), e);
    Path value = Files.writeString(tmp.resolve("value.properties"), "partitions=zero\n");
    e = refusal("--config", value.toString(), "--partitions", "3");
    assertTrue(e.startsWith(value.toString()) && e.contains("--partitions"), e);
    e = refusal("--config", tmp.resolve("missing").toString());
    assertTrue(e.contains("missing") && e.contains("no such options file"), e);
    Path bench = Files.writeString(tmp.resolve("for-bench.properties"), "rows=5\n");
    assertTrue(refusal("bench", "--config", bench.toString()).contains("unknown option '--config'"),
        "only check reads options files: its keys would not fit the bench");
  }

  @Test
  void helpListsEveryOptionAndRunsNothing() {
    JobOptions.Parsed top = parse("--help");
    assertNull(top.command());
    assertTrue(top.help().contains("bench") && top.help().contains("--reference-rows"), top.help());
    String check = parse("check", "--help").help();
    for (String key : ConfigFile.keys(new CommandLine(new CheckCommand()).getCommandSpec())) {
      assertTrue(check.contains("--" + key), "check --help lacks --" + key);
    }
    assertTrue(check.contains("--config"));
    assertTrue(parse("bench", "-h").help().contains("--quick"));
    // --out is declared once (RunOptions) with each command's own default.
    assertTrue(check.contains("earlier sparkprop output (default out)"), check);
    String train = parse("train", "--help").help();
    assertTrue(train.contains("earlier sparkprop output (default train-out)"), train);
    assertEquals("train-out", ((TrainCommand) parse("train").command()).out());
    assertTrue(train.contains("--report-png") && !train.contains("--config"), "train reads no options file: " + train);
  }

  @Test
  void theBenchTakesAFewOptionsAndQuickStillYieldsToAnExplicitOne() {
    BenchOptions o = ((BenchCommand) parse("bench", "--passes", "7", "--quick", "--race=false").command()).options;
    assertTrue(o.quick);
    assertEquals(7, o.passes, "an explicit option wins over --quick");
    assertFalse(o.race);
    List<String> names = new CommandLine(new BenchCommand()).getCommandSpec().options().stream()
        .map(CommandLine.Model.OptionSpec::longestName).sorted().toList();
    assertEquals(List.of("--data", "--eval-data", "--help", "--max-other-load", "--mllib", "--out", "--partitions",
        "--passes", "--quick", "--race", "--report-png"), names, "the few options a user needs");
  }

  @Test
  void theShippedPropertiesFileDocumentsEveryOptionAndChangesNothing() throws Exception {
    String text = Files.readString(Path.of(ConfigFile.DEFAULT));
    for (String key : ConfigFile.keys(new CommandLine(new CheckCommand()).getCommandSpec())) {
      assertTrue(text.contains("\n#" + key + " ="), ConfigFile.DEFAULT + " lacks '#" + key + " ='");
    }
    CheckOptions shipped = CheckCommand.parseOptions("--config", ConfigFile.DEFAULT);
    CheckOptions builtIn = CheckCommand.parseOptions("--config", Files.writeString(tmp.resolve("empty"), "").toString());
    List<String> compared = new ArrayList<>();
    assertSameFields(builtIn, shipped, "", compared);
    assertTrue(compared.size() >= 28, "every option's field compared: " + compared);
  }

  /** Field by field, into the mixins: every option, whatever its type. */
  private static void assertSameFields(Object expected, Object actual, String prefix, List<String> compared) throws Exception {
    for (Class<?> c = expected.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) continue;
        f.setAccessible(true);
        Object a = f.get(expected);
        Object b = f.get(actual);
        if (f.isAnnotationPresent(picocli.CommandLine.Mixin.class)) {
          assertSameFields(a, b, prefix + f.getName() + ".", compared);
        } else {
          assertTrue(Objects.deepEquals(a, b), prefix + f.getName() + ": " + a + " vs " + b);
          compared.add(prefix + f.getName());
        }
      }
    }
  }
}
