package sparkprop.model;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;
import sparkprop.nn.Layout;
import sparkprop.nn.Parameters;

/**
 * A model saved by Spark MLlib's {@code MultilayerPerceptronClassificationModel.save} ({@code --weights}
 * naming a folder), read through the Hadoop FileSystem API, without a SparkSession.
 *
 * <p>What Spark 3.0 – 4.2 writes (its {@code DefaultParamsWriter.saveMetadata} and
 * {@code ReadWriteUtils.saveObject}):
 *
 * <pre>
 *   DIR/metadata/part-00000[-UUID-c000.txt]   one JSON line: {"class": "org.apache.spark.ml.classification.
 *                                           MultilayerPerceptronClassificationModel", "sparkVersion": "4.2.0",
 *                                           "uid": …, "paramMap": {"layers": [784, 12, 10], …}, …}
 *                                           (4.2 writes it with the text data source, hence the
 *                                           UUID name; earlier releases used saveAsTextFile's part-00000)
 *   DIR/data/part-*.parquet                  one row, one column:
 *     optional group weights {                  ml.linalg.VectorUDT
 *       required int32 type (INTEGER(8,true));   0 sparse, 1 dense
 *       optional int32 size;                     sparse only
 *       optional group indices (LIST) { repeated group list { required int32 element; } }
 *       optional group values (LIST) { repeated group list { required double element; } }
 *     }
 * </pre>
 *
 * Spark 2.x wrote the layer sizes into the data row too ({@code layers}, a list of int32); as Spark's
 * own reader does, they are taken from there for a model saved before 3.0, and from the metadata's
 * {@code paramMap.layers} after.
 *
 * <p>The network is MLlib's {@code FeedForwardTopology.multiLayerPerceptron(layers, softmaxOnTop = true)}:
 * affine layers with a sigmoid between them and softmax with cross-entropy on top. sparkprop computes
 * the same with {@code Activation.SIGMOID} hidden layers, a linear output and {@code LossKind.CROSS_ENTROPY}
 * (whose softmax belongs to the loss). The flat weights are converted by {@link #toTheta}.
 *
 * <p>Parquet is read with parquet-hadoop's example {@link Group} reader (on the classpath through
 * Spark SQL) rather than Spark's reader: the row is tiny, this needs no SparkSession, planning or job
 * (which the driver would otherwise start just to load weights), and it reads any Hadoop path.
 *
 * <p>Nothing of a size the files only declare is allocated before it is checked: the metadata's line is
 * read at most {@link MllibMetadata#MAX_BYTES} far, the Parquet footer's value counts are checked before
 * the row is read ({@link MllibData}), and the layers — from the metadata, before the weights are read,
 * for a model of Spark 3 or later — go through the {@link NetworkBudget} before θ is allocated.
 */
public final class MllibModel {
  static final String MLP_CLASS = "org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel";
  /** Bytes per value of the data row while parquet's example reader holds it (a boxed value in a list). */
  private static final long BYTES_PER_READ_VALUE = 48;

  private MllibModel() {}

  /** {@link #load(String, Configuration, int, NetworkBudget)} within the driver's heap alone. */
  public static Parameters load(String dir, Configuration conf, int inputs) {
    return load(dir, conf, inputs, NetworkBudget.ARRAYS);
  }

  /**
   * Reads and validates the model folder (any Hadoop path); {@code inputs} is the data's pixels per
   * row, which must equal the model's input size; {@code budget} is asked before θ is allocated. Linear
   * in the number of weights.
   *
   * @throws BadInputException (one line, "DIR: problem") if the folder is not a saved MLlib MLP model,
   *     does not fit the data or needs more memory than the budget allows
   */
  public static Parameters load(String dir, Configuration conf, int inputs, NetworkBudget budget) {
    Path root = new Path(dir);
    FileSystem fs;
    try {
      fs = root.getFileSystem(conf);
    } catch (IOException e) {
      throw BadInputException.inFile(dir, "cannot read: " + oneLine(e));
    }
    MllibMetadata meta = MllibMetadata.read(dir, fs, root, conf);
    MllibData data;
    if (meta.sparkMajor >= 3) {
      if (meta.layers == null) throw BadInputException.inFile(dir, meta.file + " has no paramMap.layers (the layer sizes)");
      long expected = checkLayers(dir, meta.layers, inputs, budget);
      data = MllibData.read(dir, fs, root, conf, 2 * expected + 16, "layers " + sizes(meta.layers) + " need "
          + String.format("%,d", expected) + " weights");
    } else {
      long heap = Runtime.getRuntime().maxMemory();
      data = MllibData.read(dir, fs, root, conf, heap / BYTES_PER_READ_VALUE, "as many as the driver's heap of "
          + (heap >> 20) + " MiB can read");
      if (data.layers == null) {
        throw BadInputException.inFile(dir, data.file + " has no 'layers' column, which a model saved by Spark "
            + meta.sparkVersion + " holds");
      }
      checkLayers(dir, data.layers, inputs, budget);
    }
    int[] layers = meta.sparkMajor >= 3 ? meta.layers : data.layers;
    if (meta.layers != null && data.layers != null && !Arrays.equals(meta.layers, data.layers)) {
      throw BadInputException.inFile(dir, meta.file + " says layers " + sizes(meta.layers) + " but " + data.file
          + " says " + sizes(data.layers));
    }
    long expected = weightCount(layers);
    if (data.length() != expected) {
      throw BadInputException.inFile(dir, data.file + " holds " + (data.dense ? "" : "a sparse vector of ")
          + data.length() + " weights, but layers " + sizes(layers) + " need " + expected);
    }
    double[] weights = data.weights(dir);
    for (int k = 0; k < weights.length; k++) {
      if (!Double.isFinite(weights[k])) {
        throw BadInputException.inFile(dir, data.file + ": weight " + k + " is not finite (" + weights[k] + ")");
      }
    }
    Layout layout = new Layout(layers);
    return new Parameters(layout, toTheta(layout, weights));
  }

  /** The layers as a network: at least inputs and outputs, positive, n0 = the data's, within the budget. */
  private static long checkLayers(String dir, int[] layers, int inputs, NetworkBudget budget) {
    if (layers.length < 2) {
      throw BadInputException.inFile(dir, "layers " + Arrays.toString(layers) + ": a network needs at least inputs and outputs");
    }
    for (int n : layers) {
      if (n <= 0) throw BadInputException.inFile(dir, "layers " + Arrays.toString(layers) + ": sizes must be positive");
    }
    if (layers[0] != inputs) {
      throw BadInputException.inFile(dir, "the model " + sizes(layers) + " takes " + layers[0]
          + " inputs, but the data has " + inputs + " pixels per row");
    }
    budget.require(layers, dir + ": the model " + sizes(layers));
    return weightCount(layers);
  }

  /** Σ_k (n_{k−1} + 1)·n_k: MLlib's affine layers, each an n_k×n_{k−1} matrix and n_k biases. */
  static long weightCount(int[] layers) {
    return Layout.parameters(layers); // the same count as θ's, in another order
  }

  /** MLlib's flat vector → θ ({@link MllibLayout}). */
  static double[] toTheta(Layout layout, double[] mllib) {
    return MllibLayout.toTheta(layout, mllib);
  }

  // ---- helpers --------------------------------------------------------------------------------------

  /**
   * The data files of DIR/sub, by name: what Spark and Hadoop write beside them (_SUCCESS, .crc, …)
   * starts with "_" or "." and is skipped, as Spark's readers skip it.
   */
  static List<FileStatus> parts(String dir, FileSystem fs, Path root, String sub, String missing) {
    Path folder = new Path(root, sub);
    FileStatus[] listing;
    try {
      if (!fs.getFileStatus(folder).isDirectory()) throw BadInputException.inFile(dir, sub + " is not a folder");
      listing = fs.listStatus(folder);
    } catch (FileNotFoundException e) {
      throw BadInputException.inFile(dir, missing);
    } catch (IOException e) {
      throw BadInputException.inFile(dir, sub + "/: cannot read: " + oneLine(e));
    }
    List<FileStatus> out = new ArrayList<>();
    for (FileStatus s : listing) {
      String name = s.getPath().getName();
      if (s.isFile() && !name.startsWith("_") && !name.startsWith(".")) out.add(s);
    }
    out.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    return out;
  }

  static String names(List<FileStatus> parts) {
    List<String> n = new ArrayList<>();
    for (FileStatus s : parts) n.add(s.getPath().getName());
    return n.isEmpty() ? "none" : String.join(", ", n);
  }

  /** "784-12-10". */
  static String sizes(int[] layers) {
    return Layout.text(layers);
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage();
    return oneLine(m == null ? e.getClass().getSimpleName() : m);
  }

  static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
