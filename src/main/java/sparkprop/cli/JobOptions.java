package sparkprop.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import sparkprop.BadInputException;
import sparkprop.nn.Precision;
import sparkprop.partition.ValidationSplit;
import sparkprop.read.DataFormat;
import sparkprop.read.RowSources;
import static sparkprop.cli.OptionValues.*;

/**
 * The job's options. Each is {@code --name VALUE} on the command line and {@code name=VALUE} in a
 * properties file ({@code --config FILE}, default {@code conf/sparkprop.properties} when present);
 * the command line overrides the file. Names are stable: pipelines depend on them.
 */
public final class JobOptions extends sparkprop.check.CheckOptions {
  public String command = "check";
  public String config = null;

  public static final String DEFAULT_CONFIG = "conf/sparkprop.properties";

  /** Option name → what it sets, with its help text. Order is the order of {@code --help}. */
  private static final OptionTable<JobOptions> OPTIONS = new OptionTable<>();

  private static void option(String name, String help, BiConsumer<JobOptions, String> set) {
    OPTIONS.add(name, help, set);
  }

  static {
    option("data", "PATH    the data: an IDX folder, a PNG folder tree, a CSV or LibSVM file or folder; a local path"
        + " or a URI (hdfs://, s3a://, file:) (default data/mnist-sample)", (o, v) -> o.data.data = v);
    option("format", "idx|png|csv|libsvm  the data's format (default: detected from the files)",
        (o, v) -> o.data.format = DataFormat.parse(v));
    option("pixel-max", "V  value of a white pixel in CSV and LibSVM data: 255 (default) or 1 (e.g. mnist.scale)",
        (o, v) -> o.data.pixelMax = positiveDouble("pixel-max", v));
    option("limit", "N       use only the first N rows in file order", (o, v) -> o.data.limit = positiveLong("limit", v));
    option("partitions", "P  number of RDD partitions (default: Spark's default parallelism)",
        (o, v) -> o.data.partitions = positiveInt("partitions", v));
    option("precision", "float64|float32  precision of the kernel (default float64)",
        (o, v) -> o.model.precision = Precision.parse(v));
    option("seed", "S       seed of the standard-normal w1, w2 (default 0)", (o, v) -> o.model.seed = parseLong("seed", v));
    option("weights", "FILE.npz  initial parameters w1, b1, w2, b2 instead of random ones", (o, v) -> o.model.weights = v);
    option("hidden", "NH    hidden units of a random model (default 50)", (o, v) -> o.model.hidden = positiveInt("hidden", v));
    option("block-rows", "B  rows stacked into one BLAS block (default 1024)",
        (o, v) -> o.model.blockRows = positiveInt("block-rows", v));
    option("out", "DIR      output folder, replaced atomically (default out)", (o, v) -> o.out = v);
    option("inject-fault", "K  self-test: corrupt partition K's w1 partial; the check must fail",
        (o, v) -> o.injectFault = nonNegativeInt("inject-fault", v));
    option("fd-directions", "K  random directions of the finite-difference check (default 3; 0 skips it)",
        (o, v) -> o.fdDirections = nonNegativeInt("fd-directions", v));
    option("fd-epsilon", "E  step of the finite-difference check (default 1e-6)",
        (o, v) -> o.fdEpsilon = positiveDouble("fd-epsilon", v));
    option("input-check", "true|false  compare the input gradient x.g too (default true)",
        (o, v) -> o.inputCheck = parseBoolean("input-check", v));
    option("split", "train|valid  check only one side of the train/valid split (default: all rows)",
        (o, v) -> o.data.split = ValidationSplit.Side.parse(v));
    option("valid-fraction", "F  share of rows in the valid side (default 1/6, the seed's)",
        (o, v) -> o.data.validFraction = fraction("valid-fraction", v));
    option("split-seed", "S  seed of the split (default 0)", (o, v) -> o.data.splitSeed = parseLong("split-seed", v));
    option("verify-partitions", "true|false  recompute every partition's partial on the driver and name any that differ",
        (o, v) -> o.verifyPartitions = parseBoolean("verify-partitions", v));
    option("reference-rows", "N  run the reference on a subset of N rows chosen by row id (default: all rows)",
        (o, v) -> o.referenceRows = positiveInt("reference-rows", v));
    option("layers", "N0-N1-…-NK  layer sizes, e.g. 784-64-32-10 (default 784-50-1: m-hidden-1)",
        (o, v) -> o.model.layers = layerSizes(v));
    option("activation", "relu|sigmoid|tanh  the hidden layers' activation (default relu)",
        (o, v) -> o.model.activation = sparkprop.nn.Activation.parse(v));
    option("loss", "mse|cross-entropy  the loss (default mse)", (o, v) -> o.model.loss = sparkprop.nn.LossKind.parse(v));
    option("init", "randn|kaiming  random weights: N(0,1) or N(0,1)·√(2/fan_in) (default randn)",
        (o, v) -> o.model.init = sparkprop.nn.Init.parse(v));
    option("fault-tensor", "NAME  the tensor --inject-fault corrupts (default w1)", (o, v) -> o.faultTensor = v);
    option("tree-depth", "D  depth of the aggregation tree (default 2)", (o, v) -> o.model.treeDepth = positiveInt("tree-depth", v));
  }

  /**
   * Parses {@code [command] [--name value]…}. The properties file is read first (only when named or
   * present at the default path), then the command line is applied over it.
   */
  public static JobOptions parse(String[] args) {
    JobOptions o = new JobOptions();
    List<String> rest = new ArrayList<>(List.of(args));
    if (!rest.isEmpty() && !rest.get(0).startsWith("-")) o.command = rest.remove(0);
    if (!o.command.equals("check")) throw new BadInputException("unknown command '" + o.command + "' (expected check)");

    Map<String, String> cli = new LinkedHashMap<>();
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        o.command = "help";
        return o;
      }
      if (!arg.startsWith("--")) throw new BadInputException("unexpected argument '" + arg + "' (options are --name value)");
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else {
        if (i + 1 >= rest.size()) throw new BadInputException("option --" + name + " needs a value");
        value = rest.get(++i);
      }
      if (name.equals("config")) o.config = value;
      else if (!OPTIONS.has(name)) throw new BadInputException("unknown option --" + name + " (see --help)");
      else cli.put(name, value);
    }
    for (Map.Entry<String, String> e : fileOptions(o.config).entrySet()) OPTIONS.apply(o, e.getKey(), e.getValue());
    for (Map.Entry<String, String> e : cli.entrySet()) OPTIONS.apply(o, e.getKey(), e.getValue());
    return o;
  }

  private static Map<String, String> fileOptions(String config) {
    Path path = Paths.get(config != null ? config : DEFAULT_CONFIG);
    Map<String, String> out = new LinkedHashMap<>();
    if (config == null && !Files.isRegularFile(path)) return out;
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException e) {
      throw BadInputException.inFile(path.toString(), "cannot read options file: " + e.getMessage());
    }
    for (String key : props.stringPropertyNames()) {
      if (!OPTIONS.has(key)) throw BadInputException.inFile(path.toString(), "unknown option '" + key + "'");
      out.put(key, props.getProperty(key).trim());
    }
    return out;
  }

  private static int[] layerSizes(String v) {
    int[] sizes = sparkprop.nn.Layout.parseSizes(v);
    if (sizes == null) throw new BadInputException("--layers: '" + v + "' is not of the form 784-64-10 (positive sizes)");
    return sizes;
  }

  /** Every option's name, in {@code --help} order. */
  static java.util.Set<String> names() {
    return OPTIONS.names();
  }

  /** The option list for {@code --help}. */
  public static String usage() {
    StringBuilder b = new StringBuilder();
    b.append("usage: submit.sh [spark-submit options] [check] [options]\n\noptions:\n");
    b.append(OPTIONS.help());
    b.append("  --config FILE  options file (default ").append(DEFAULT_CONFIG).append(" when present)\n");
    b.append("\nexit codes: 0 gradients agree, 1 they disagree (or non-finite numbers),"
        + " 2 bad input or usage, 3 any other failure\n");
    return b.toString();
  }







}
