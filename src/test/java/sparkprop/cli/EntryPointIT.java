package sparkprop.cli;

import sparkprop.app.ExitCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract with schedulers, on the real process ({@code ./submit.sh}, see {@link JobProcess}): the
 * exit code, exactly one line on the real stderr for exit 2 and 3 (Spark's own logging goes to the log
 * file), and a user's files never touched by a refused {@code --out}. One child process per kind of
 * claim; the many bad-input cases behind them run through the same entry point in this JVM
 * ({@link EntryPointRefusalsTest}, {@link CheckBadInputTest}, {@link TrainEntryPointTest}).
 */
@Tag("cluster")
class EntryPointIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path tmp;

  private JobProcess run(Path cwd, String... args) throws IOException, InterruptedException {
    return JobProcess.run(cwd, tmp, TIMEOUT, args);
  }

  private static void assertOneLine(int exitCode, JobProcess run, String... mustMention) {
    assertEquals(exitCode, run.exitCode, run.toString());
    assertEquals(1, run.stderrLines().size(), "exactly one line on stderr:\n" + run);
    String line = run.stderrLines().get(0);
    assertTrue(line.startsWith("sparkprop: "), line);
    for (String s : mustMention) assertTrue(line.contains(s), "'" + s + "' in: " + line);
  }

  private Path userFiles(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("thesis"));
    Files.writeString(dir.resolve("thesis/chapter1.tex"), "\\section{Intro}");
    Files.write(dir.resolve("photo.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 0, 1, 2});
    return dir;
  }

  @Test
  void aPassingRunPrintsTheVerdictAndNothingOnStderr() throws Exception {
    JobProcess run = run(tmp, "--data", JobProcess.PROJECT.resolve("data/mnist-sample").toString(), "--limit", "300",
        "--partitions", "2", "--out", tmp.resolve("out").toString());
    assertEquals(ExitCode.AGREE, run.exitCode, run.toString());
    assertTrue(run.stdout.contains("verdict: PASS"), run.toString());
    assertTrue(run.stderrLines().stream().allMatch(l -> l.contains(" WARN ") && l.contains("BLAS")),
        "stderr holds at most sparkprop's BLAS warning: Spark and netlib log to the file\n" + run);
    assertTrue(Files.isRegularFile(tmp.resolve("out").resolve(".sparkprop-output")));
  }

  /**
   * netlib's java.util.logging ("INFO: Using dev.ludovic.netlib.blas.JNIBLAS") goes to the log file, not
   * before the help. The help of each command is {@link EntryPointRefusalsTest#eachCommandsHelpExitsZero}'s.
   */
  @Test
  void helpLeavesStderrEmpty() throws Exception {
    JobProcess run = run(tmp, "--help");
    assertEquals(ExitCode.AGREE, run.exitCode, run.toString());
    assertTrue(run.stdout.contains("--out"), run.toString());
    assertEquals("", run.stderr, "nothing on stderr for --help\n" + run);
  }

  @Test
  void aMistypedOptionGetsASuggestion() throws Exception {
    assertOneLine(ExitCode.BAD_INPUT, run(tmp, "--partitons", "4"), "--partitons", "--partitions");
  }

  @Test
  void outDotInAFolderOfUserFilesTouchesNothing() throws Exception {
    Path home = userFiles(Files.createDirectories(tmp.resolve("work")));
    Map<String, String> before = FolderSnapshot.of(tmp);
    JobProcess run = run(home, "--out", ".", "--limit", "100");
    assertOneLine(ExitCode.BAD_INPUT, run, "--out refused");
    Map<String, String> after = FolderSnapshot.of(tmp);
    after.keySet().removeIf(k -> k.startsWith("job-")); // the test's own scratch folder for the run's output and logs
    before.keySet().removeIf(k -> k.startsWith("job-"));
    assertEquals(before, after, "every file still there, byte for byte, and nothing added");
  }

  /** Spark's own redaction rule (secret, password, token, access key), Azure's account keys and a URI's user-info. */
  private static final String[] CREDENTIALS = {"--conf", "spark.authenticate.secret=hunter2", "--conf",
      "spark.driver.extraJavaOptions=-Djavax.net.ssl.trustStorePassword=hunter2",
      "--conf", "spark.hadoop.fs.azure.account.key.acct.blob.core.windows.net=AZUREKEY123",
      "--conf", "spark.hadoop.fs.s3a.access.key=ACCESSKEY123"};

  private static void assertHidden(String text, String where) {
    for (String secret : new String[] {"hunter2", "AZUREKEY123", "ACCESSKEY123", "SECRET42"}) {
      assertFalse(text.contains(secret), secret + " in " + where + ":\n" + text);
    }
  }

  @Test
  void commandLinesArePrintedWithTheirSecretsHidden() throws Exception {
    String[] args = Stream.concat(Stream.of(CREDENTIALS),
        Stream.of("check", "--limit", "10", "--data", "hdfs://user:SECRET42@127.0.0.1:1/x")).toArray(String[]::new);
    JobProcess dry = JobProcess.run(tmp, tmp, TIMEOUT, Map.of("SPARKPROP_DRY_RUN", "1"), args);
    assertEquals(0, dry.exitCode, dry.toString());
    assertTrue(dry.stdout.contains("spark.authenticate.secret=") && dry.stdout.contains("sparkprop.cli.Main"), dry.toString());
    assertTrue(dry.stdout.contains("fs.s3a.access.key=") && dry.stdout.contains("hdfs://\\*\\*\\*\\*\\*@127.0.0.1:1/x"), dry.toString());
    assertHidden(dry.stdout + dry.stderr, "the dry run's command");
    // Spark's launcher refusing the command: submit.sh prints the arguments it gave it, secrets hidden.
    String[] refused = new String[args.length + 2];
    refused[0] = "--properties-file";
    refused[1] = tmp.resolve("no-such.conf").toString();
    System.arraycopy(args, 0, refused, 2, args.length);
    JobProcess failed = run(tmp, refused);
    assertEquals(ExitCode.FAILURE, failed.exitCode, failed.toString());
    assertHidden(failed.stdout + failed.stderr, "the refused command");
  }

  /**
   * Any other failure (here HDFS unreachable) exits 3 in one line naming the log file, which holds the
   * stack trace; the job's own lines (stderr) and everything in the log file: credentials hidden,
   * whoever logged them. (Issue 18.6: one child run for what two proved; a Spark setting that fails at
   * start, the other run's failure, reaches the same one catch in JobRunner.)
   */
  @Test
  void anyOtherFailureExitsThreeNamingTheLogFileAndCredentialsReachNeitherStderrNorTheLog() throws Exception {
    String[] args = Stream.concat(Stream.of(CREDENTIALS), Stream.of("check", "--limit", "10",
        "--data", "hdfs://user:SECRET42@127.0.0.1:1/x", "--out", tmp.resolve("o").toString())).toArray(String[]::new);
    JobProcess run = run(tmp, args);
    assertOneLine(ExitCode.FAILURE, run, "hdfs://*****@127.0.0.1:1/x", run.logDir.toString());
    assertHidden(run.stdout + run.stderr, "the output");
    assertFalse(Files.exists(tmp.resolve("o")));
    String log = Files.readString(Path.of(run.stderrLines().get(0).replaceAll(".*\\(details in (.*)\\)$", "$1")));
    assertTrue(log.contains("\tat sparkprop."), "the stack trace is in the log file:\n" + log);
    assertTrue(log.contains("fs.s3a.access.key=*****") && log.contains("account.key.acct.blob.core.windows.net=*****")
        && log.contains("hdfs://*****@127.0.0.1:1/x"), log);
    assertHidden(log, "the log file");
  }
}
