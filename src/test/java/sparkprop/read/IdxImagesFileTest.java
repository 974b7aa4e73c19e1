package sparkprop.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static sparkprop.read.BadInputAssertions.assertBadInput;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** An IDX images file named directly: its labels file beside it makes the pair (a test set kept beside its training set). */
class IdxImagesFileTest {
  private static final Configuration CONF = new Configuration();

  @Test
  void anImagesFileIsPairedWithTheLabelsFileOfTheSameName() {
    RowSource s = RowSources.open("data/mnist-sample/images-idx3-ubyte.gz", null, RowSources.DEFAULT_PIXEL_MAX, CONF);
    assertEquals(10_000, s.knownRowCount());
    assertEquals(784, s.pixelsPerImage());
  }

  @Test
  void fashionMnistsTestSetBesideItsTrainingSet() {
    Path t10k = Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
    assumeTrue(Files.exists(t10k), "Fashion-MNIST not installed");
    assertEquals(10_000, RowSources.open(t10k.toString(), null, RowSources.DEFAULT_PIXEL_MAX, CONF).knownRowCount());
    assertEquals(60_000, RowSources.open(t10k.getParent().toString(), null, RowSources.DEFAULT_PIXEL_MAX, CONF).knownRowCount());
  }

  @Test
  void aLabelsFileAloneIsRefused() {
    assertBadInput(() -> RowSources.open("data/mnist-sample/labels-idx1-ubyte.gz", null, RowSources.DEFAULT_PIXEL_MAX, CONF),
        "labels-idx1-ubyte.gz", "an IDX labels file");
  }
}
