package sparkprop.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import sparkprop.BadInputException;
import sparkprop.nn.Layout;
import sparkprop.nn.Parameters;
import sparkprop.nn.Tensor;

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
 */
public final class MllibModel {
  static final String MLP_CLASS = "org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel";

  private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)(\\..*)?$");

  private MllibModel() {}

  /**
   * Reads and validates the model folder (any Hadoop path); {@code inputs} is the data's pixels per
   * row, which must equal the model's input size. Linear in the number of weights.
   *
   * @throws BadInputException (one line, "DIR: problem") if the folder is not a saved MLlib MLP model
   *     or does not fit the data
   */
  public static Parameters load(String dir, Configuration conf, int inputs) {
    Path root = new Path(dir);
    FileSystem fs;
    try {
      fs = root.getFileSystem(conf);
    } catch (IOException e) {
      throw BadInputException.inFile(dir, "cannot read: " + oneLine(e));
    }
    Metadata meta = readMetadata(dir, fs, root, conf);
    Data data = readData(dir, fs, root, conf);

    int[] layers;
    if (meta.sparkMajor < 3) {
      if (data.layers == null) {
        throw BadInputException.inFile(dir, data.file + " has no 'layers' column, which a model saved by Spark "
            + meta.sparkVersion + " holds");
      }
      layers = data.layers;
    } else {
      if (meta.layers == null) {
        throw BadInputException.inFile(dir, meta.file + " has no paramMap.layers (the layer sizes)");
      }
      layers = meta.layers;
    }
    if (meta.layers != null && data.layers != null && !Arrays.equals(meta.layers, data.layers)) {
      throw BadInputException.inFile(dir, meta.file + " says layers " + sizes(meta.layers) + " but " + data.file
          + " says " + sizes(data.layers));
    }
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
    long expected = weightCount(layers);
    if (data.weights.length != expected) {
      throw BadInputException.inFile(dir, data.file + " holds " + data.weights.length + " weights, but layers "
          + sizes(layers) + " need " + expected);
    }
    for (int k = 0; k < data.weights.length; k++) {
      if (!Double.isFinite(data.weights[k])) {
        throw BadInputException.inFile(dir, data.file + ": weight " + k + " is not finite (" + data.weights[k] + ")");
      }
    }
    Layout layout = new Layout(layers);
    return new Parameters(layout, toTheta(layout, data.weights));
  }

  /** Σ_k (n_{k−1} + 1)·n_k: MLlib's affine layers, each an n_k×n_{k−1} matrix and n_k biases. */
  static long weightCount(int[] layers) {
    long n = 0;
    for (int k = 1; k < layers.length; k++) n += ((long) layers[k - 1] + 1) * layers[k];
    return n;
  }

  /** MLlib's flat vector → θ ({@link MllibLayout}). */
  static double[] toTheta(Layout layout, double[] mllib) {
    return MllibLayout.toTheta(layout, mllib);
  }

  // ---- metadata/ ------------------------------------------------------------------------------------

  private static final class Metadata {
    final String file;
    final String sparkVersion;
    final int sparkMajor;
    final int[] layers; // paramMap.layers, or null

    Metadata(String file, String sparkVersion, int sparkMajor, int[] layers) {
      this.file = file;
      this.sparkVersion = sparkVersion;
      this.sparkMajor = sparkMajor;
      this.layers = layers;
    }
  }

  private static Metadata readMetadata(String dir, FileSystem fs, Path root, Configuration conf) {
    List<FileStatus> parts = parts(dir, fs, root, "metadata",
        "not a saved Spark ML model (no metadata/ folder; give the folder that MultilayerPerceptronClassificationModel.save wrote)");
    String file = null;
    String line = null;
    CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
    for (FileStatus part : parts) {
      file = "metadata/" + part.getPath().getName();
      line = firstLine(dir, file, fs, part.getPath(), codecs);
      if (line != null) break;
    }
    if (line == null) throw BadInputException.inFile(dir, "metadata/ holds no JSON line (files: " + names(parts) + ")");

    JsonNode json;
    try {
      json = new ObjectMapper().readTree(line);
    } catch (JsonProcessingException e) {
      throw BadInputException.inFile(dir, file + ": not JSON (" + jsonProblem(e) + ")");
    }
    if (!json.isObject()) throw BadInputException.inFile(dir, file + ": not a JSON object");
    JsonNode cls = json.get("class");
    if (cls == null || !cls.isTextual()) throw BadInputException.inFile(dir, file + " has no \"class\"");
    if (!MLP_CLASS.equals(cls.asText())) {
      String hint = cls.asText().equals("org.apache.spark.ml.PipelineModel")
          ? " (give the folder of its MultilayerPerceptronClassificationModel stage, under stages/)" : "";
      throw BadInputException.inFile(dir, "holds a Spark ML model of class " + cls.asText()
          + ", not a MultilayerPerceptronClassificationModel" + hint);
    }
    JsonNode version = json.get("sparkVersion");
    if (version == null || !version.isTextual()) throw BadInputException.inFile(dir, file + " has no \"sparkVersion\"");
    Matcher m = VERSION.matcher(version.asText());
    if (!m.matches()) {
      throw BadInputException.inFile(dir, file + ": sparkVersion \"" + version.asText() + "\" is not of the form major.minor[.patch]");
    }
    int major = Integer.parseInt(m.group(1));
    if (major < 2) {
      throw BadInputException.inFile(dir, file + ": sparkVersion " + version.asText()
          + " (MLlib saves multilayer perceptrons since Spark 2.0)");
    }
    int[] layers = null;
    JsonNode l = json.path("paramMap").get("layers");
    if (l != null) {
      if (!l.isArray()) throw BadInputException.inFile(dir, file + ": paramMap.layers is not an array (" + l + ")");
      layers = new int[l.size()];
      for (int k = 0; k < layers.length; k++) {
        if (!l.get(k).isInt()) throw BadInputException.inFile(dir, file + ": paramMap.layers " + l + " is not a list of integers");
        layers[k] = l.get(k).asInt();
      }
    }
    return new Metadata(file, version.asText(), major, layers);
  }

  private static String firstLine(String dir, String file, FileSystem fs, Path path, CompressionCodecFactory codecs) {
    try (InputStream raw = fs.open(path)) {
      CompressionCodec codec = codecs.getCodec(path);
      InputStream in = codec == null ? raw : codec.createInputStream(raw);
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) return line;
      }
      return null;
    } catch (IOException e) {
      throw BadInputException.inFile(dir, file + ": cannot read: " + oneLine(e));
    }
  }

  // ---- data/ ----------------------------------------------------------------------------------------

  private static final class Data {
    final String file;
    final double[] weights;
    final int[] layers; // the Spark 2.x column, or null

    Data(String file, double[] weights, int[] layers) {
      this.file = file;
      this.weights = weights;
      this.layers = layers;
    }
  }

  private static Data readData(String dir, FileSystem fs, Path root, Configuration conf) {
    List<FileStatus> parts = parts(dir, fs, root, "data",
        "no data/ folder (a saved model holds metadata/ and data/, the weights)");
    if (parts.isEmpty()) throw BadInputException.inFile(dir, "data/ holds no Parquet part file");
    Group row = null;
    String rowFile = null;
    for (FileStatus part : parts) {
      String file = "data/" + part.getPath().getName();
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), part.getPath()).withConf(conf).build()) {
        for (Group g = reader.read(); g != null; g = reader.read()) {
          if (row != null) throw BadInputException.inFile(dir, "data/ holds more than one row (" + rowFile + ", " + file + ")");
          row = g;
          rowFile = file;
        }
      } catch (BadInputException e) {
        throw e;
      } catch (IOException | RuntimeException e) { // parquet reports a malformed file as a RuntimeException
        throw BadInputException.inFile(dir, file + ": not a readable Parquet file (" + oneLine(e) + ")");
      }
    }
    if (row == null) throw BadInputException.inFile(dir, "data/ holds no row (files: " + names(parts) + ")");
    return decode(dir, rowFile, row);
  }

  private static Data decode(String dir, String file, Group row) {
    GroupType schema = row.getType();
    if (!schema.containsField("weights")) {
      throw BadInputException.inFile(dir, file + " has no 'weights' column (columns: " + columns(schema) + ")");
    }
    Type wt = schema.getType("weights");
    if (!isVector(wt)) {
      throw BadInputException.inFile(dir, file + ": 'weights' is not a Spark ML vector (" + oneLine(wt.toString()) + ")");
    }
    if (row.getFieldRepetitionCount("weights") == 0) throw BadInputException.inFile(dir, file + ": 'weights' is null");
    Group v = row.getGroup("weights", 0);
    double[] values = doubles(dir, file, v, "values");
    double[] weights;
    int type = v.getInteger("type", 0);
    if (type == 1) {
      weights = values;
    } else if (type == 0) {
      int[] indices = ints(dir, file, v, "indices");
      if (v.getFieldRepetitionCount("size") == 0) throw BadInputException.inFile(dir, file + ": a sparse 'weights' without a size");
      int size = v.getInteger("size", 0);
      if (size < 0 || indices.length != values.length) {
        throw BadInputException.inFile(dir, file + ": a sparse 'weights' of size " + size + " with " + indices.length
            + " indices and " + values.length + " values");
      }
      weights = new double[size];
      for (int j = 0; j < indices.length; j++) {
        if (indices[j] < 0 || indices[j] >= size) {
          throw BadInputException.inFile(dir, file + ": sparse 'weights' index " + indices[j] + " is outside [0, " + size + ")");
        }
        weights[indices[j]] = values[j];
      }
    } else {
      throw BadInputException.inFile(dir, file + ": 'weights' has vector type " + type + " (expected 0 sparse or 1 dense)");
    }
    int[] layers = null;
    if (schema.containsField("layers")) {
      if (!isList(schema.getType("layers"), PrimitiveTypeName.INT32)) {
        throw BadInputException.inFile(dir, file + ": 'layers' is not a list of integers (" + oneLine(schema.getType("layers").toString()) + ")");
      }
      layers = ints(dir, file, row, "layers");
    }
    return new Data(file, weights, layers);
  }

  /** Spark's VectorUDT as Parquet: a group of type (int32), size (int32), indices (int32 list), values (double list). */
  private static boolean isVector(Type t) {
    if (t.isPrimitive()) return false;
    GroupType g = t.asGroupType();
    return g.containsField("type") && isPrimitive(g.getType("type"), PrimitiveTypeName.INT32)
        && g.containsField("size") && isPrimitive(g.getType("size"), PrimitiveTypeName.INT32)
        && g.containsField("indices") && isList(g.getType("indices"), PrimitiveTypeName.INT32)
        && g.containsField("values") && isList(g.getType("values"), PrimitiveTypeName.DOUBLE);
  }

  private static boolean isPrimitive(Type t, PrimitiveTypeName name) {
    return t.isPrimitive() && t.asPrimitiveType().getPrimitiveTypeName() == name && !t.isRepetition(Type.Repetition.REPEATED);
  }

  /**
   * A Parquet list of {@code name}: a group with one repeated field that is the element itself (Spark's
   * legacy two-level form) or a group of one element field (the standard three-level form).
   */
  private static boolean isList(Type t, PrimitiveTypeName name) {
    if (t.isPrimitive() || t.asGroupType().getFieldCount() != 1) return false;
    Type rep = t.asGroupType().getType(0);
    if (!rep.isRepetition(Type.Repetition.REPEATED)) return false;
    if (rep.isPrimitive()) return rep.asPrimitiveType().getPrimitiveTypeName() == name;
    return rep.asGroupType().getFieldCount() == 1 && isPrimitive(rep.asGroupType().getType(0), name);
  }

  /** The elements of list field {@code field} of {@code parent} (checked by {@link #isList}); null list → empty. */
  private static double[] doubles(String dir, String file, Group parent, String field) {
    if (parent.getFieldRepetitionCount(field) == 0) return new double[0];
    Group list = parent.getGroup(field, 0);
    int n = list.getFieldRepetitionCount(0);
    boolean nested = !list.getType().getType(0).isPrimitive();
    double[] out = new double[n];
    for (int j = 0; j < n; j++) {
      if (!nested) {
        out[j] = list.getDouble(0, j);
      } else {
        Group e = list.getGroup(0, j);
        if (e.getFieldRepetitionCount(0) == 0) throw BadInputException.inFile(dir, file + ": '" + field + "' has a null at index " + j);
        out[j] = e.getDouble(0, 0);
      }
    }
    return out;
  }

  private static int[] ints(String dir, String file, Group parent, String field) {
    if (parent.getFieldRepetitionCount(field) == 0) return new int[0];
    Group list = parent.getGroup(field, 0);
    int n = list.getFieldRepetitionCount(0);
    boolean nested = !list.getType().getType(0).isPrimitive();
    int[] out = new int[n];
    for (int j = 0; j < n; j++) {
      if (!nested) {
        out[j] = list.getInteger(0, j);
      } else {
        Group e = list.getGroup(0, j);
        if (e.getFieldRepetitionCount(0) == 0) throw BadInputException.inFile(dir, file + ": '" + field + "' has a null at index " + j);
        out[j] = e.getInteger(0, 0);
      }
    }
    return out;
  }

  // ---- helpers --------------------------------------------------------------------------------------

  /**
   * The data files of DIR/sub, by name: what Spark and Hadoop write beside them (_SUCCESS, .crc, …)
   * starts with "_" or "." and is skipped, as Spark's readers skip it.
   */
  private static List<FileStatus> parts(String dir, FileSystem fs, Path root, String sub, String missing) {
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

  private static String names(List<FileStatus> parts) {
    List<String> n = new ArrayList<>();
    for (FileStatus s : parts) n.add(s.getPath().getName());
    return n.isEmpty() ? "none" : String.join(", ", n);
  }

  private static String columns(GroupType schema) {
    List<String> n = new ArrayList<>();
    for (Type t : schema.getFields()) n.add(t.getName());
    return String.join(", ", n);
  }

  /** "784-12-10". */
  private static String sizes(int[] layers) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < layers.length; k++) b.append(k > 0 ? "-" : "").append(layers[k]);
    return b.toString();
  }

  /** Jackson's problem without its multi-part source description: "Unexpected end-of-input at column 237". */
  private static String jsonProblem(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    int cut = m.indexOf(':');
    String what = oneLine(cut > 0 ? m.substring(0, cut) : m);
    return e.getLocation() == null ? what : what + " at column " + e.getLocation().getColumnNr();
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    return oneLine(m == null ? e.getClass().getSimpleName() : m);
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
