package sparkprop.cli;

import sparkprop.InProcessRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM and SIGINT reaching {@code ./submit.sh} in a real process tree (submit.sh → the driver JVM
 * that Spark's launcher starts): sent to the process group, as a shell's Ctrl-C or Airflow's kill
 * does, and to submit.sh alone. Each ends with exactly one line on stderr saying what was left and
 * the shells' exit code, 143 or 130.
 */
@Tag("cluster")
class SignalProcessIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final Pattern TRAIN_LINE = Pattern.compile("sparkprop: interrupted \\(SIGTERM\\) at step \\d+; checkpoints"
      + " kept in \\S*/\\.t\\.sparkprop-run \\(the latest at step \\d+\\), continue with --resume \\S*/t");

  @TempDir Path tmp;

  private String[] train(Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("train", "--data", JobProcess.PROJECT.resolve("data/mnist-sample").toString(),
        "--limit", "3000", "--partitions", "2", "--layers", "784-16-10", "--activation", "sigmoid", "--loss",
        "cross-entropy", "--init", "kaiming", "--steps", "400", "--lr", "0.5", "--batch-rows", "500",
        "--checkpoint-every", "2", "--out", out.toString()));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  /** Waits until the file exists while the job runs. */
  private static void awaitFile(JobProcess.Running job, Path file) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.exists(file) && job.process.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
    assertTrue(Files.exists(file), file + " never appeared:\n" + job.stdout());
  }

  /** Waits until the driver's log says that Spark started its first job. */
  private static void awaitSparkJob(JobProcess.Running job) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (job.process.isAlive() && System.nanoTime() < deadline) {
      try (Stream<Path> logs = Files.list(job.io.resolve("logs"))) {
        for (Path log : logs.toList()) {
          if (new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains("Starting job")) return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no Spark job started:\n" + job.stdout());
  }

  @Test
  void sigtermToTheProcessGroupStopsTrainingInOneLineWithExit143AndTheRunContinues() throws Exception {
    Path out = tmp.resolve("t");
    Path run = tmp.resolve(".t.sparkprop-run");
    JobProcess.Running job = JobProcess.startInOwnGroup(tmp, tmp, train(out));
    awaitFile(job, run.resolve("checkpoints/step-00000004/checkpoint.json"));
    job.signal("TERM", true);
    JobProcess p = job.finish(TIMEOUT);
    assertEquals(143, p.exitCode, p.toString());
    assertEquals(1, p.stderrLines().size(), p.toString());
    assertTrue(TRAIN_LINE.matcher(p.stderrLines().get(0)).matches(), p.toString());
    assertFalse(Files.exists(out), "an interrupted run writes no output");
    assertTrue(Files.isDirectory(run.resolve("checkpoints")), "it keeps its checkpoints");
    // The driver's shutdown hook releases --out's lock (was OutputLockProcessIT's own SIGTERM run).
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (job.process.descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) Thread.sleep(50);
    assertFalse(Files.exists(tmp.resolve(".t.sparkprop-lock")), "released by the shutdown hook");

    InProcessRun c = InProcessRun.of(train(out, "--steps", "12", "--resume", out.toString())); // in this JVM
    assertEquals(0, c.exitCode, c.toString());
    assertTrue(c.stdout.contains("resuming at step"), c.toString());
  }

  @Test
  void sigtermToSubmitShAloneReachesTheJob() throws Exception {
    Path out = tmp.resolve("t");
    JobProcess.Running job = JobProcess.startInOwnGroup(tmp, tmp, train(out));
    awaitFile(job, tmp.resolve(".t.sparkprop-run/checkpoints/step-00000002/checkpoint.json"));
    job.signal("TERM", false);
    JobProcess p = job.finish(TIMEOUT);
    assertEquals(143, p.exitCode, p.toString());
    assertEquals(1, p.stderrLines().size(), p.toString());
    assertTrue(TRAIN_LINE.matcher(p.stderrLines().get(0)).matches(), p.toString());
  }

  @Test
  void sigintToTheProcessGroupStopsCheckWithExit130AndKeepsThePreviousOutput() throws Exception {
    Path out = tmp.resolve("c");
    String[] check = {"check", "--data", JobProcess.PROJECT.resolve("data/mnist-sample").toString(), "--out", out.toString()};
    InProcessRun first = InProcessRun.of(check); // the previous output, made in this JVM
    assertEquals(0, first.exitCode, first.toString());
    byte[] report = Files.readAllBytes(out.resolve("report.json"));

    // 400 finite-difference directions keep the check running for many seconds after its first Spark job,
    // so that the signal finds it under way even on a loaded machine (with the default 3 it once finished
    // first, exit 0: a run that completes before the signal keeps its own exit code). The directions run on
    // the driver, outside any Spark job: they stop at the next direction once the signal stopped the
    // context (before that, a signal landing there let the check finish when it could within the shutdown
    // hook's wait).
    String[] longCheck = java.util.stream.Stream.concat(java.util.Arrays.stream(check),
        java.util.stream.Stream.of("--fd-directions", "400")).toArray(String[]::new);
    JobProcess.Running job = JobProcess.startInOwnGroup(tmp, tmp, longCheck);
    awaitSparkJob(job); // the check is under way
    job.signal("INT", true);
    JobProcess p = job.finish(TIMEOUT);
    assertEquals(130, p.exitCode, p.toString());
    assertEquals(List.of("sparkprop: interrupted (SIGINT); no output written, " + out + " is as it was"), p.stderrLines(),
        p.toString());
    assertArrayEquals(report, Files.readAllBytes(out.resolve("report.json")), "the previous output is intact");
  }
}
