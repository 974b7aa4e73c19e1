package sparkprop.read;

import sparkprop.rows.RowChunk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sparkprop.read.BadInputAssertions.assertBadInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.InProcessRun;
import sparkprop.SharedHdfs;
import sparkprop.app.ExitCode;

/**
 * Reading every format from {@code hdfs://} URIs: an in-process HDFS (Hadoop's MiniDFSCluster, one
 * datanode, on 127.0.0.1) with a small block size, so that the parts' byte ranges cross block
 * boundaries. The rows must be those read from the local copies; and the check runs through Spark on
 * HDFS data.
 */
@ExtendWith(SharedHdfs.Resolver.class)
class HdfsReadTest {
  private static final int N = 300;
  private static final RowChunk ROWS = MnistFormats.sample(N);
  private static final int BLOCK = 64 << 10;
  private static final int PNG_ROWS = 40;

  @TempDir static Path dir;
  private static Configuration conf;
  private static String hdfs;
  private static Path local;

  @BeforeAll
  static void copyTheFormatsToHdfs(SharedHdfs shared) throws IOException {
    // Small blocks and checksum chunks (the client's settings, on this class's files): the CSV spans several blocks.
    conf = shared.conf();
    conf.setLong("dfs.blocksize", BLOCK);
    conf.setInt("dfs.bytes-per-checksum", 512);
    hdfs = shared.uri;

    local = dir.resolve("local");
    MnistFormats.writeIdx(local.resolve("idx"), ROWS);
    // Fewer images: creating a file in HDFS takes a while.
    MnistFormats.writePng(local.resolve("png"), MnistFormats.sample(PNG_ROWS), MnistFormats.SIDE, MnistFormats.SIDE);
    MnistFormats.writeCsv(local.resolve("csv/train.csv"), ROWS);
    MnistFormats.writeLibSvm(local.resolve("svm/mnist.libsvm"), ROWS, false);
    // A file system of its own (not FileSystem.get's cached one, which another class of this JVM may have made
    // with its configuration): the block size is the writer's.
    try (FileSystem fs = FileSystem.newInstance(java.net.URI.create(hdfs), conf)) {
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toString()), new org.apache.hadoop.fs.Path("/mnist"));
      // The IDX sample as shipped (gzipped) too.
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(MnistFormats.SAMPLE), new org.apache.hadoop.fs.Path("/sample"));
      org.apache.hadoop.fs.FileStatus csv = fs.getFileStatus(new org.apache.hadoop.fs.Path("/mnist/csv/train.csv"));
      assertEquals(BLOCK, csv.getBlockSize());
      assertTrue(fs.getFileBlockLocations(csv, 0, csv.getLen()).length > 4, "the CSV spans several blocks");
    }
  }

  private static void assertSameAsLocal(String relative, DataFormat format, int... partCounts) {
    String uri = hdfs + "/mnist/" + relative;
    assertEquals(format, RowSources.detect(uri, conf), uri);
    RowSource remote = RowSources.open(uri, null, 255, conf);
    assertTrue(remote.location().startsWith("hdfs://"), remote.location());
    RowChunk expected = MnistFormats.readAll(RowSources.open(local.resolve(relative).toUri().toString(), null, 255, conf), 1, conf);
    for (int parts : partCounts) {
      RowChunk got = MnistFormats.readAll(remote, parts, conf);
      FormatsRoundTripTest.assertSameRows(expected, got, uri + " in " + parts + " parts");
      assertArrayEquals(expected.rowIds, got.rowIds, uri + " ids");
    }
  }

  @Test
  void idxReadsFromHdfs() {
    assertSameAsLocal("idx", DataFormat.IDX, 1, 4, 9);
  }

  @Test
  void pngTreeReadsFromHdfs() {
    assertSameAsLocal("png", DataFormat.PNG, 1, 5);
  }

  @Test
  void csvReadsFromHdfsAcrossBlockBoundaries() {
    assertSameAsLocal("csv/train.csv", DataFormat.CSV, 1, 3, 7, 40);
    assertSameAsLocal("csv", DataFormat.CSV, 6);
  }

  @Test
  void libSvmReadsFromHdfsAcrossBlockBoundaries() {
    assertSameAsLocal("svm/mnist.libsvm", DataFormat.LIBSVM, 1, 3, 11);
  }

  @Test
  void gzippedSampleReadsFromHdfs() {
    RowSource s = RowSources.open(hdfs + "/sample", null, 255, conf);
    assertEquals(10000, MnistFormats.readAll(s, 3, conf).count);
  }

  @Test
  void missingHdfsPathIsBadInput() {
    assertBadInput(() -> RowSources.open(hdfs + "/nope", null, 255, conf), "/nope", "no such file or folder");
  }

  @Test
  void checkRunsThroughSparkOnHdfsData() {
    for (String data : new String[] {"csv/train.csv", "png"}) {
      InProcessRun run = InProcessRun.of("check", "--data", hdfs + "/mnist/" + data,
          "--out", dir.resolve("out-" + data.replace('/', '-')).toString(), "--partitions", "4",
          "--fd-directions", "1", "--hidden", "8");
      assertEquals(ExitCode.AGREE, run.exitCode, run.toString());
    }
  }
  /**
   * A URI's user-info (hdfs://USER:PASSWORD@host) is a credential: never echoed on the console, in
   * report.json or in a bad-input line, through the real entry point.
   */
  @Test
  void credentialsInTheDataUriAreNeverEchoed() throws IOException {
    String secret = "hdfs://reader:SECRET42@" + hdfs.substring("hdfs://".length());
    Path out = dir.resolve("out-credentials");
    String[] good = {"check", "--data", secret + "/mnist/idx", "--out", out.toString(), "--hidden", "8", "--fd-directions", "0"};
    InProcessRun run = InProcessRun.of(good);
    assertEquals(ExitCode.AGREE, run.exitCode, run.toString());
    String report = Files.readString(out.resolve("report.json"));
    assertTrue(report.contains("\"hdfs://*****@127.0.0.1:"), report);
    assertFalse((report + Files.readString(out.resolve("report.html")) + run.stdout + run.stderr).contains("SECRET42"), run.toString());

    InProcessRun bad = InProcessRun.of("check", "--data", secret + "/nope", "--out", dir.resolve("out-nope").toString());
    assertEquals(ExitCode.BAD_INPUT, bad.exitCode, bad.toString());
    assertEquals(1, bad.stderrLines().size(), bad.stderr);
    assertTrue(bad.stderr.contains("hdfs://*****@127.0.0.1:") && bad.stderr.contains("/nope") && !bad.stderr.contains("SECRET42"), bad.stderr);
  }
}
