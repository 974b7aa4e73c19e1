package sparkprop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.BadInputException;

/**
 * The commit is ordered so that at every instant the old output or the run folder is recognisably
 * sparkprop's, a refusal says what to do, and a commit killed halfway is finished by the next run
 * (issue 17 item 7: a finished run was stranded in {@code .X.sparkprop-run} by its own commit, and both
 * {@code --resume X} and a fresh run were refused with an untrue message).
 */
class CommitOrderTest {
  private static final Configuration CONF = new Configuration();

  @TempDir Path tmp;

  /** A training run into {@code out} that has written a checkpoint and its final files, ready to commit. */
  private OutputFolder finishedRun(Path out, String weights) throws IOException {
    OutputFolder f = OutputFolder.prepare(out.toString(), "train", List.of(), CONF, true);
    FileSystem fs = f.staging().getFileSystem(CONF);
    try (OutputStream o = fs.create(new org.apache.hadoop.fs.Path(f.staging(), "checkpoints/step-00000040/weights.npz"))) {
      o.write(weights.getBytes(StandardCharsets.UTF_8));
    }
    f.wroteFolder("checkpoints");
    f.write("weights.npz", weights.getBytes(StandardCharsets.UTF_8));
    f.write("report.json", weights.getBytes(StandardCharsets.UTF_8));
    return f;
  }

  private Path committed(String weights) throws IOException {
    return committed("out", weights);
  }

  private Path committed(String name, String weights) throws IOException {
    Path out = tmp.resolve(name);
    OutputFolder f = finishedRun(out, weights);
    f.commit();
    f.release();
    return out;
  }

  private static FileSystem local() throws IOException {
    return FileSystem.getLocal(CONF);
  }

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  private List<String> beside() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFileAppearingDuringTheRunKeepsTheFinishedRunRecognisableAndTheRefusalSaysWhatToDo() throws IOException {
    Path out = committed("old");
    OutputFolder f = finishedRun(out, "new");
    Files.writeString(out.resolve("mine"), "written while the job ran");
    BadInputException e = assertThrows(BadInputException.class, f::commit);
    assertEquals(out + ": --out refused at the end of the run: it holds 'mine', which sparkprop did not write; the"
        + " finished run is kept in .out.sparkprop-run beside it: move 'mine' away and run the same command again",
        e.getMessage());
    f.abandon();
    f.release();
    Path run = tmp.resolve(".out.sparkprop-run");
    assertEquals("train", OutputFolder.runCommand(local(), hadoop(run)), "the run folder is still sparkprop's");
    assertEquals("train", OutputFolder.outputCommand(local(), hadoop(out)), "and so is the old output");
    assertEquals("old", Files.readString(out.resolve("weights.npz")));
    assertEquals("new", Files.readString(run.resolve("checkpoints/step-00000040/weights.npz")));

    // The user does as told: the same command again takes the run folder up and commits.
    Files.delete(out.resolve("mine"));
    OutputFolder again = OutputFolder.prepare(out.toString(), "train", List.of(), CONF, true);
    again.wroteFolder("checkpoints");
    again.write("report.json", "second attempt, stopped: no weights".getBytes(StandardCharsets.UTF_8));
    again.commit();
    again.release();
    assertEquals("new", Files.readString(out.resolve("checkpoints/step-00000040/weights.npz")));
    assertEquals("second attempt, stopped: no weights", Files.readString(out.resolve("report.json")));
    assertFalse(Files.exists(out.resolve("weights.npz")), "no final file of an earlier attempt is carried over");
    assertFalse(Files.exists(out.resolve(OutputFolder.RUN_MARKER)));
    assertEquals(List.of("out"), beside(), "no run folder, old folder or lock left beside it");
  }

  /** A run folder that today's main leaves when its commit is refused: the output marker, no run marker. */
  @Test
  void aRunFolderStrandedByAnEarlierCommitIsTakenUpAgain() throws IOException {
    Path run = Files.createDirectories(tmp.resolve(".out.sparkprop-run/checkpoints/step-00000040"));
    Files.writeString(run.resolve("weights.npz"), "new");
    Files.writeString(tmp.resolve(".out.sparkprop-run/" + OutputFolder.MARKER),
        "{\"tool\":\"sparkprop\",\"command\":\"train\",\"files\":[\"checkpoints\",\"_SUCCESS\"]}\n");
    Files.writeString(tmp.resolve(".out.sparkprop-run/_SUCCESS"), "");
    Path out = Files.createDirectories(tmp.resolve("out"));
    OutputFolder f = OutputFolder.prepare(out.toString(), "train", List.of(), CONF, true);
    f.wroteFolder("checkpoints");
    f.commit();
    f.release();
    assertEquals("new", Files.readString(out.resolve("checkpoints/step-00000040/weights.npz")));
  }

  /** The state a driver killed between moving the old output aside and moving the new one in leaves. */
  private void killedBetweenTheRenames(OutputFolder f, Path out) throws IOException {
    FileSystem fs = local();
    org.apache.hadoop.fs.Path staging = f.staging();
    Manifest.of(fs, staging, "train", OutputFolder.SUCCESS).write(fs, staging); // the commit's steps, up to
    f.write(OutputFolder.SUCCESS, new byte[0]);                                  // its first rename
    assertTrue(fs.rename(hadoop(out), hadoop(tmp.resolve(".out.old-0c1d"))));
    f.release(); // a killed driver's lock is stale at once (OutputLockTest); here it is simply gone
  }

  /** The next run into {@code out} prepares its folder (and, here, gives up at once). */
  private void nextRun(Path out, String command, ByteArrayOutputStream warnings) {
    JobCommand job = new JobCommand() {
      @Override
      public String out() {
        return out.toString();
      }

      @Override
      public List<String> inputs() {
        return List.of();
      }

      @Override
      public Outcome run(JavaSparkContext sc, PrintStream progress) {
        throw new UnsupportedOperationException("only its output folder is prepared here");
      }
    };
    OutputFolder f = OutputFolder.prepare(command, job, CONF, new PrintStream(warnings, true, StandardCharsets.UTF_8));
    f.abandon();
    f.release();
  }

  @Test
  void aCommitKilledBetweenItsTwoRenamesIsFinishedByTheNextRun() throws IOException {
    Path out = committed("old");
    killedBetweenTheRenames(finishedRun(out, "new"), out);
    assertFalse(Files.exists(out));

    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    nextRun(out, "check", warnings);
    assertEquals("new", Files.readString(out.resolve("weights.npz")), "the finished run is moved in");
    assertEquals("new", Files.readString(out.resolve("checkpoints/step-00000040/weights.npz")));
    assertEquals(List.of("out"), beside(), "the old output is deleted, as the commit would have");
    assertEquals(List.of("sparkprop: warning: " + out + ": moved in the finished output that a run killed while"
        + " committing it left in .out.sparkprop-run"), warnings.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void anOldOutputMovedAsideWithNoFinishedRunBesideItIsPutBack() throws IOException {
    Path out = committed("old");
    Files.move(out, tmp.resolve(".out.old-0c1d")); // and the run that moved it had not finished its folder
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    nextRun(out, "check", warnings);
    assertEquals("old", Files.readString(out.resolve("weights.npz")));
    assertEquals(List.of("out"), beside());
    assertTrue(warnings.toString(StandardCharsets.UTF_8).contains("put back the previous output"), warnings.toString());
  }

  @Test
  void anOldOutputLeftAsideIsDeletedOnlyWhenItHoldsNothingButSparkpropsFiles() throws IOException {
    Path out = committed("new");
    Path aside = tmp.resolve(".out.old-0c1d");
    Files.move(committed("previous", "old"), aside); // as a commit killed after its second rename leaves them
    Files.writeString(aside.resolve("mine"), "a user's");
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    nextRun(out, "check", warnings);
    assertEquals("a user's", Files.readString(aside.resolve("mine")), "kept, with a warning");
    assertTrue(warnings.toString(StandardCharsets.UTF_8).contains("kept the previous output in .out.old-0c1d beside it,"
        + " as it holds 'mine', which sparkprop did not write"), warnings.toString());
    Files.delete(aside.resolve("mine"));
    nextRun(out, "check", new ByteArrayOutputStream());
    assertEquals(List.of("out"), beside(), "sparkprop's own old output is deleted");
  }
}
