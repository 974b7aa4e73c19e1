package sparkprop.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static sparkprop.read.BadInputAssertions.assertBadInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.check.CheckOptions;
import sparkprop.cli.CheckCommand;

/** Telling the format from what is at the path, --format, --pixel-max, and their errors. */
class FormatDetectionTest {
  private static final Configuration CONF = new Configuration();

  @TempDir Path dir;

  @Test
  void formatNamesParseCaseInsensitively() {
    for (DataFormat f : DataFormat.values()) {
      assertEquals(f, DataFormat.parse(f.label()));
      assertEquals(f, DataFormat.parse(f.name()));
    }
  }

  @Test
  void unknownFormatNameIsRefusedListingTheKnownOnes() {
    assertBadInput(() -> DataFormat.parse("tiff"), "--format", "unknown format 'tiff'",
        "idx, png, csv, libsvm, parquet or orc");
    assertBadInput(() -> CheckCommand.parseOptions(new String[] {"--format", "avro"}), "unknown format 'avro'");
  }

  @Test
  void jobOptionsCarryFormatAndPixelMax() {
    CheckOptions o = CheckCommand.parseOptions(new String[] {"--format", "libsvm", "--pixel-max", "1"});
    assertEquals(DataFormat.LIBSVM, o.data.format);
    assertEquals(1.0, o.data.pixelMax);
    CheckOptions d = CheckCommand.parseOptions(new String[] {});
    assertNull(d.data.format);
    assertEquals(255.0, d.data.pixelMax);
    assertBadInput(() -> CheckCommand.parseOptions(new String[] {"--pixel-max", "0"}), "--pixel-max");
  }

  @Test
  void textFilesOfOtherNamesAreToldByTheirFirstLine() {
    Path svm = MnistFormats.writeText(dir.resolve("mnist.scale"), "# comment\n5 1:0.5 3:1\n");
    Path csv = MnistFormats.writeText(dir.resolve("digits.dat"), "label,pixel0\n1,2\n");
    assertEquals(DataFormat.LIBSVM, RowSources.detect(svm.toString(), CONF));
    assertEquals(DataFormat.CSV, RowSources.detect(csv.toString(), CONF));
  }

  @Test
  void unknownFileIsRefusedWithAHint() {
    Path f = MnistFormats.writeText(dir.resolve("notes.dat"), "hello world\n");
    assertBadInput(() -> RowSources.detect(f.toString(), CONF), "notes.dat", "cannot tell the data format", "--format");
  }

  @Test
  void folderOfOtherThingsIsRefusedListingWhatWasFound() throws IOException {
    MnistFormats.writeText(dir.resolve("a.json"), "{}");
    Files.createDirectories(dir.resolve("training"));
    Files.createDirectories(dir.resolve("training/0"));
    assertBadInput(() -> RowSources.detect(dir.toString(), CONF), dir.getFileName().toString(),
        "cannot tell the data format", "found a.json, training/", "label folders 0-9 of .png images",
        "or a table's .parquet/.orc files", "--format idx, png, csv, libsvm, parquet or orc");
  }

  @Test
  void tableFilesAndFoldersAreToldByTheirNames() throws IOException {
    Path parquet = MnistFormats.writeText(dir.resolve("t/part-00000-x.snappy.parquet"), "PAR1");
    MnistFormats.writeText(dir.resolve("t/_SUCCESS"), "");
    Path orc = MnistFormats.writeText(dir.resolve("o/date=2026-12-07/part-00000-x.orc"), "ORC");
    assertEquals(DataFormat.PARQUET, RowSources.detect(parquet.toString(), CONF));
    assertEquals(DataFormat.PARQUET, RowSources.detect(dir.resolve("t").toString(), CONF));
    assertEquals(DataFormat.ORC, RowSources.detect(dir.resolve("o").toString(), CONF), "inside a partition folder");
    assertEquals(DataFormat.ORC, RowSources.detect(orc.toString(), CONF));
  }

  @Test
  void tableColumnOptionsOnOtherDataAreRefused() {
    assertBadInput(() -> RowSources.open(MnistFormats.SAMPLE, null, 255, new TableColumns("x", "label"), CONF),
        "--features-col/--label-col", "is idx data");
  }

  @Test
  void emptyFolderIsRefused() {
    assertBadInput(() -> RowSources.open(dir.toString(), null, 255, CONF), "cannot tell the data format", "found nothing");
  }

  @Test
  void missingPathIsRefused() {
    assertBadInput(() -> RowSources.open(dir.resolve("nope").toString(), null, 255, CONF), "nope",
        "no such file or folder");
  }

  @Test
  void anIdxLabelsFileInsteadOfItsFolderIsRefusedWithAHint() {
    Path f = MnistFormats.writeText(dir.resolve("train-labels-idx1-ubyte"), "x");
    assertBadInput(() -> RowSources.detect(f.toString(), CONF), "an IDX labels file", "give the folder");
  }

  @Test
  void pixelMaxIsRefusedForByteFormats() {
    MnistFormats.writeIdx(dir.resolve("idx"), MnistFormats.sample(3));
    assertBadInput(() -> RowSources.open(dir.resolve("idx").toString(), null, 1, CONF), "--pixel-max 1",
        "idx pixels are bytes 0-255");
  }

  @Test
  void toldFormatOverridesDetection() {
    // A LibSVM file named .csv reads as LibSVM when told.
    Path f = MnistFormats.writeText(dir.resolve("odd.csv"), "5 1:7\n");
    assertEquals(DataFormat.CSV, RowSources.detect(f.toString(), CONF));
    RowSource s = RowSources.open(f.toString(), DataFormat.LIBSVM, 255, CONF);
    assertEquals(7, MnistFormats.readAll(s, 1, CONF).pixel(0, 0));
    assertBadInput(() -> RowSources.open(f.toString(), null, 255, CONF), "odd.csv", "missing header");
  }
}
