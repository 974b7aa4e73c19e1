package sparkprop.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sparkprop.LocalSpark;
import sparkprop.app.DataOptions;
import sparkprop.app.PreparedRows;
import sparkprop.check.CheckOptions;
import sparkprop.model.Model;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.Init;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;
import sparkprop.read.HadoopConf;
import sparkprop.read.IdxDataset;
import sparkprop.rows.RowChunk;

/** Small rows and networks for the peer tests: the bundled sample's first rows, a 784-8-10 network. */
final class PeerFixtures {
  static final int[] LAYERS = {784, 8, 10};
  static final Architecture MLLIB = new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY);

  private static String trained;

  private PeerFixtures() {}

  /** The first {@code limit} rows of the bundled sample in {@code partitions} cached partitions; release() after. */
  static PreparedRows rows(long limit, int partitions) {
    DataOptions o = new DataOptions();
    o.limit = limit;
    o.partitions = partitions;
    return PreparedRows.open(LocalSpark.context(), o, new HadoopConf(LocalSpark.context().hadoopConfiguration()));
  }

  /** A random sigmoid/softmax network (Kaiming weights, so the hidden units are far from saturated). */
  static Model randomModel(long seed) {
    return new Model(Parameters.random(new Layout(LAYERS), Init.KAIMING, seed), MLLIB, null);
  }

  /** check's options for an MLlib-expressible random network on the first {@code limit} rows, with MLlib as peer. */
  static CheckOptions checkAgainstMllib(long limit, int partitions, int blockSize) {
    CheckOptions o = new CheckOptions();
    o.data.limit = limit;
    o.data.partitions = partitions;
    o.model.layers = LAYERS.clone();
    o.model.activation = Activation.SIGMOID;
    o.model.loss = LossKind.CROSS_ENTROPY;
    o.model.init = Init.KAIMING;
    o.model.seed = 3;
    o.model.blockRows = 64;
    o.fdDirections = 1;
    o.peer.against = PeerOptions.MLLIB;
    o.peer.blockSize = blockSize;
    return o;
  }

  /**
   * A 784-8-10 MultilayerPerceptronClassifier that MLlib trained (a few L-BFGS iterations on the first 300
   * rows, features = pixel/255) and saved, once per JVM; the folder is what {@code --weights} takes.
   */
  static synchronized String trainedModelFolder() {
    if (trained != null) return trained;
    RowChunk c = IdxDataset.open("data/mnist-sample", LocalSpark.context().hadoopConfiguration())
        .read(0, 300, LocalSpark.context().hadoopConfiguration());
    List<Row> list = new ArrayList<>();
    for (int r = 0; r < c.count; r++) {
      double[] f = new double[c.width];
      for (int i = 0; i < c.width; i++) f[i] = c.pixel(r, i) / 255.0;
      list.add(RowFactory.create((double) c.labels[r], Vectors.dense(f)));
    }
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    SparkSession spark = SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate();
    MultilayerPerceptronClassificationModel model = new MultilayerPerceptronClassifier()
        .setLayers(LAYERS).setMaxIter(5).setSeed(7).fit(spark.createDataFrame(list, schema));
    try {
      Path root = Files.createTempDirectory("sparkprop-peer");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
      Path dir = root.resolve("mlp-784-8-10");
      model.write().save(dir.toString());
      trained = dir.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return trained;
  }

  private static void deleteTree(Path root) {
    try (java.util.stream.Stream<Path> all = Files.walk(root)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
