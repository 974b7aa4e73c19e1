package sparkprop.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sparkprop.LocalSpark;
import sparkprop.nn.Layout;
import sparkprop.read.IdxDataset;
import sparkprop.rows.RowChunk;

/**
 * Models trained and saved by Spark MLlib itself, once per test JVM: the first {@link #ROWS} images of
 * the bundled {@code data/mnist-sample}, features = pixel/255 (the very doubles sparkprop's
 * {@code PixelScale.BYTE} makes of the bytes), saved with {@code save} into a temporary folder that is
 * removed when the JVM exits. Training on the shared local[2] context is the slow part, so each shape
 * is trained once and every test class reuses it.
 */
public final class MllibModels {
  static final Configuration CONF = new Configuration();
  static final int ROWS = 500;
  static final long SEED = 7;

  private static final Map<Integer, RowChunk> rows = new HashMap<>();
  private static final Map<Integer, Dataset<Row>> frames = new HashMap<>();
  private static Path root;
  private static final Map<String, Trained> trained = new HashMap<>();
  private static String logisticRegression;

  private MllibModels() {}

  /** An MLlib model, where it was saved, and what its own {@code transform} says about {@link #rows()}. */
  public static final class Trained {
    final int[] layers;
    public final String dir;
    final MultilayerPerceptronClassificationModel model;
    /** Per row: the label, probability, rawPrediction and prediction columns. */
    final double[] label;
    final double[][] probability;
    final double[][] raw;
    final double[] prediction;

    Trained(int[] layers, String dir, MultilayerPerceptronClassificationModel model, double[] label,
        double[][] probability, double[][] raw, double[] prediction) {
      this.layers = layers;
      this.dir = dir;
      this.model = model;
      this.label = label;
      this.probability = probability;
      this.raw = raw;
      this.prediction = prediction;
    }
  }

  static RowChunk rows() {
    return rows(ROWS);
  }

  /** The first {@code count} images of the bundled sample. */
  static synchronized RowChunk rows(int count) {
    return rows.computeIfAbsent(count, n -> IdxDataset.open("data/mnist-sample", CONF).read(0, n, CONF));
  }

  static SparkSession spark() {
    return SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate();
  }

  static Dataset<Row> frame() {
    return frame(ROWS);
  }

  /** The first {@code count} rows as MLlib takes them, in row order, (label, features = pixel/255), cached. */
  static synchronized Dataset<Row> frame(int count) {
    Dataset<Row> frame = frames.get(count);
    if (frame == null) {
      RowChunk c = rows(count);
      List<Row> list = new ArrayList<>();
      for (int r = 0; r < c.count; r++) {
        double[] f = new double[c.width];
        for (int i = 0; i < c.width; i++) f[i] = c.pixel(r, i) / 255.0;
        list.add(RowFactory.create((double) c.labels[r], Vectors.dense(f)));
      }
      StructType schema = new StructType()
          .add("label", DataTypes.DoubleType, false)
          .add("features", SQLDataTypes.VectorType(), false);
      frame = spark().createDataFrame(list, schema).cache();
      frames.put(count, frame);
    }
    return frame;
  }

  /** A MultilayerPerceptronClassifier of these layer sizes, trained on the first {@link #ROWS} rows with seed {@link #SEED} and saved. */
  public static Trained mlp(int maxIter, int... layers) {
    return mlp(new Fit(ROWS, SEED, maxIter), layers);
  }

  /** How a model is fitted: on the sample's first {@code rows} rows, MLlib's {@code seed}, {@code maxIter} L-BFGS iterations. */
  public record Fit(int rows, long seed, int maxIter) {}

  /** A MultilayerPerceptronClassifier of these layer sizes, fitted as {@code fit} says and saved, once per JVM. */
  public static synchronized Trained mlp(Fit fit, int... layers) {
    String key = fit + ":" + Arrays.toString(layers);
    Trained t = trained.get(key);
    if (t != null) return t;
    Dataset<Row> frame = frame(fit.rows());
    MultilayerPerceptronClassificationModel model = new MultilayerPerceptronClassifier()
        .setLayers(layers)
        .setMaxIter(fit.maxIter())
        .setSeed(fit.seed())
        .fit(frame);
    String dir = root().resolve("mlp-" + new Layout(layers) + "-rows" + fit.rows() + "-seed" + fit.seed() + "-iter"
        + fit.maxIter()).toString();
    try {
      model.write().save(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // One row per image, in row order: the frame is a local relation, and collect keeps its order.
    List<Row> out = model.transform(frame).select("label", "probability", "rawPrediction", "prediction").collectAsList();
    double[] label = new double[out.size()];
    double[][] probability = new double[out.size()][];
    double[][] raw = new double[out.size()][];
    double[] prediction = new double[out.size()];
    for (int r = 0; r < out.size(); r++) {
      label[r] = out.get(r).getDouble(0);
      probability[r] = ((Vector) out.get(r).get(1)).toArray();
      raw[r] = ((Vector) out.get(r).get(2)).toArray();
      prediction[r] = out.get(r).getDouble(3);
    }
    t = new Trained(layers.clone(), dir, model, label, probability, raw, prediction);
    trained.put(key, t);
    return t;
  }

  /** A LogisticRegressionModel saved the same way: a Spark ML model folder of another class. */
  static synchronized String logisticRegression() {
    if (logisticRegression == null) {
      String dir = root().resolve("logistic-regression").toString();
      try {
        new LogisticRegression().setMaxIter(1).fit(frame()).write().save(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      logisticRegression = dir;
    }
    return logisticRegression;
  }

  /** A fresh copy of a saved folder, to damage. */
  public static String copy(String dir) {
    try {
      Path from = Path.of(dir);
      Path to = Files.createTempDirectory(root(), "copy-").resolve(from.getFileName());
      try (Stream<Path> all = Files.walk(from)) {
        for (Path p : (Iterable<Path>) all::iterator) {
          Path q = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) Files.createDirectories(q);
          else Files.copy(p, q);
        }
      }
      return to.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one data file of a saved folder's sub-folder ("data" or "metadata"), Spark's _SUCCESS and .crc files aside. */
  public static Path part(String dir, String sub) {
    try (Stream<Path> files = Files.list(Path.of(dir, sub))) {
      List<Path> parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).toList();
      if (parts.size() != 1) throw new IllegalStateException(sub + "/ of " + dir + " holds " + parts);
      return parts.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Hadoop's checksum of a file it wrote, which would otherwise reject the file once edited. */
  public static void dropChecksum(Path file) throws IOException {
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
  }

  /** Rewrites the metadata's JSON line (its checksum dropped). */
  static void editMetadata(String dir, UnaryOperator<String> edit) throws IOException {
    Path p = part(dir, "metadata");
    Files.writeString(p, edit.apply(Files.readString(p, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    dropChecksum(p);
  }

  /** Replaces data/ with what Spark writes for this one-row DataFrame. */
  public static void replaceData(String dir, Row row, StructType schema) {
    spark().createDataFrame(List.of(row), schema).coalesce(1).write().mode("overwrite").parquet(dir + "/data");
  }

  private static synchronized Path root() {
    if (root == null) {
      try {
        root = Files.createTempDirectory("sparkprop-mllib-models");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path r = root;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(r)));
    }
    return root;
  }

  private static void deleteTree(Path dir) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
