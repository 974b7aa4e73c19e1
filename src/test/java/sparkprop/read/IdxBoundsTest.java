package sparkprop.read;

import static sparkprop.read.CostAssertions.assertRefusedCheaply;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX headers that claim more than their files hold cost what the files hold, not what they claim:
 * each is a one-line BadInputException naming the file, within a time limit and a bound on the bytes
 * allocated that fail if the check they are about were removed.
 */
class IdxBoundsTest {
  private static final Configuration CONF = new Configuration();
  private static final int N = 40;
  private static final int SIDE = 28;
  private static final String IMAGES = "train-images-idx3-ubyte";
  private static final String LABELS = "train-labels-idx1-ubyte";
  private static final long MIB = 1 << 20;

  @TempDir Path dir;

  /** Loads Hadoop's configuration and local file system first, so their one-time cost is not counted. */
  @BeforeAll
  static void warmUp() throws java.io.IOException {
    FileSystem.getLocal(CONF).exists(new org.apache.hadoop.fs.Path("/"));
  }

  /** Writes N real rows under headers that declare {@code declared} rows. */
  private void writeClaiming(int declared, boolean gzip) {
    byte[] pixels = IdxFiles.randomPixels(N, SIDE * SIDE, 3);
    IdxFiles.writeFile(dir.resolve(IdxFiles.imagesName("train-", gzip)),
        IdxFiles.idx(IdxFiles.IMAGES_MAGIC, new int[] {declared, SIDE, SIDE}, pixels), gzip);
    IdxFiles.writeFile(dir.resolve(IdxFiles.labelsName("train-", gzip)),
        IdxFiles.idx(IdxFiles.LABELS_MAGIC, new int[] {declared}, IdxFiles.randomLabels(N, 4)), gzip);
  }

  private IdxDataset open() {
    return IdxDataset.open(dir.toString(), CONF);
  }

  /** A gzipped file's length says nothing of its content, so what its header declares is held to a limit. */
  @Test
  void gzHeaderClaimingTwoBillionImagesIsRefusedWhenOpening() {
    writeClaiming(Integer.MAX_VALUE, true);
    long declared = 16 + (long) Integer.MAX_VALUE * SIDE * SIDE;
    assertRefusedCheaply(this::open, 2000, 16 * MIB, IMAGES + ".gz: header declares 2147483647 images of 28x28, "
        + declared + " bytes uncompressed: more than " + IdxDataset.MAX_GZ_BYTES, "IdxDataset.MAX_GZ_BYTES");
  }

  /** An uncompressed file must be as long as its header says: checked from its length, unread. */
  @Test
  void rawHeaderClaimingTwoBillionImagesIsRefusedByTheFileLength() {
    writeClaiming(Integer.MAX_VALUE, false);
    long declared = 16 + (long) Integer.MAX_VALUE * SIDE * SIDE;
    assertRefusedCheaply(this::open, 2000, 16 * MIB, IMAGES + ": truncated: expected " + declared + " bytes, found "
        + (16 + N * SIDE * SIDE));
  }

  /**
   * A gzip header within the limit that claims 300,000 images over forty costs the forty: rows are
   * read into buffers that grow with the data, not allocated for the claim (a first chunk would be 64
   * MiB), and reading stops where the data runs out.
   */
  @Test
  void gzHeaderClaimingMoreThanItHoldsCostsOnlyWhatIsThere() {
    writeClaiming(300_000, true);
    IdxDataset ds = open();
    long declared = 16 + 300_000L * SIDE * SIDE;
    assertRefusedCheaply(() -> MnistFormats.readAll(ds, 1, CONF), 2000, 16 * MIB, IMAGES + ".gz: truncated: expected "
        + declared + " bytes (uncompressed), found " + (16 + N * SIDE * SIDE));
  }

  /**
   * Content after what the header declares is read to check the gzip trailer, but only 1 MiB of it:
   * these 40 labels are followed by 16 GB of zeros (16 MB of gzip), which would take a minute to
   * inflate.
   */
  @Test
  void gzTrailingContentIsReadOnlyAMebibytePastTheDeclaredEnd() {
    IdxFiles.writeImages(dir, "train-", SIDE, SIDE, IdxFiles.randomPixels(N, SIDE * SIDE, 3), true);
    byte[] labels = IdxFiles.labels(IdxFiles.randomLabels(N, 4));
    IdxFiles.writeBytes(dir.resolve(IdxFiles.labelsName("train-", true)), DeflatedZeros.gzip(labels, 16L << 30, false));
    IdxDataset ds = open();
    assertRefusedCheaply(() -> MnistFormats.readAll(ds, 1, CONF), 2000, 16 * MIB, LABELS + ".gz: trailing bytes: expected "
        + (8 + N) + " bytes (uncompressed), found more than " + (8 + N + MIB));
  }
}
