package sparkprop.model;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.safetensors.SafeTensor;
import sparkprop.read.safetensors.SafetensorsReader;
import sparkprop.read.safetensors.SafetensorsWriter;

/**
 * Parameters in and out of safetensors files ({@code --weights FILE.safetensors}, {@code weights.safetensors}).
 * A file holds either sparkprop's own keys {@code w1, b1, …, wK, bK} in sparkprop's layout (as
 * {@code weights.npz}: {@code wk} (n_{k−1}, n_k)), or a PyTorch state dict ({@link TorchStateDict}); any
 * tensor that is not part of the network is refused. Its {@code __metadata__} keys {@code layers},
 * {@code activation} and {@code loss}, when present, must agree with the tensors (layers) or name what
 * sparkprop computes; they are defaults the command line overrides. Other metadata (PyTorch's
 * {@code format}) is ignored.
 */
public final class SafetensorsWeights {
  /** The file name's ending that selects this reader for {@code --weights}. */
  public static final String SUFFIX = ".safetensors";

  private static final Pattern SPARKPROP_KEY = Pattern.compile("[wb][1-9][0-9]{0,8}");

  private SafetensorsWeights() {}

  /** The parameters and the defaults the file's metadata names (null where it names none). */
  public record Loaded(Parameters parameters, Activation activation, LossKind loss) {}

  /** Whether {@code --weights} names a safetensors file (by its name, as a PyTorch user names it). */
  public static boolean isSafetensors(String location) {
    return location.toLowerCase(java.util.Locale.ROOT).endsWith(SUFFIX);
  }

  /** The safetensors file of θ in PyTorch's layout with the metadata of {@link TorchStateDict#metadata}: weights.safetensors. */
  public static byte[] bytes(Parameters p, Architecture a) {
    return SafetensorsWriter.bytes(TorchStateDict.tensors(p.layout(), p.theta()), TorchStateDict.metadata(p.layout(), a));
  }

  /** Reads and validates the file (any Hadoop path); {@code inputs} is the data's pixels per row, which must equal n0. */
  public static Loaded load(String file, Configuration conf, int inputs) {
    return load(file, conf, inputs, NetworkBudget.ARRAYS);
  }

  /** As {@link #load(String, Configuration, int)}, refusing a network the run's memory cannot hold before θ exists. */
  public static Loaded load(String file, Configuration conf, int inputs, NetworkBudget budget) {
    SafetensorsReader.Content content;
    Path path = new Path(file);
    try {
      FileSystem fs = path.getFileSystem(conf);
      long length = fs.getFileStatus(path).getLen();
      try (InputStream in = fs.open(path)) {
        content = SafetensorsReader.read(in, length, file);
      }
    } catch (FileNotFoundException e) {
      throw BadInputException.inFile(file, "no such file");
    } catch (IOException e) {
      throw BadInputException.inFile(file, "cannot read: " + e.getMessage());
    }
    Map<String, SafeTensor> tensors = content.tensors();
    Parameters p = tensors.keySet().stream().anyMatch(k -> SPARKPROP_KEY.matcher(k).matches())
        ? sparkpropKeys(file, tensors, inputs, budget)
        : TorchStateDict.toParameters(file, tensors, inputs, budget);
    return defaults(file, content.metadata(), p);
  }

  /** Sparkprop's own layout, through the .npz path's checks (a tensor outside the network among them). */
  private static Parameters sparkpropKeys(String file, Map<String, SafeTensor> tensors, int inputs,
      NetworkBudget budget) {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    for (SafeTensor t : tensors.values()) {
      if (!SPARKPROP_KEY.matcher(t.name()).matches()) {
        throw BadInputException.inFile(file, "tensor '" + t.name() + "' is not one of sparkprop's w1, b1, …, wK, bK"
            + (TorchStateDict.isKey(t.name()) ? " (a file holds sparkprop's keys or a PyTorch state dict, not both)" : ""));
      }
      arrays.put(t.name(), NpyArray.of(t.name(), t.shape(), t.values()));
    }
    return WeightsFile.toParameters(file, arrays, inputs, budget); // which refuses an array outside the network
  }

  private static Loaded defaults(String file, Map<String, String> metadata, Parameters p) {
    String layers = metadata.get("layers");
    if (layers != null) {
      int[] sizes = Layout.parseSizes(layers);
      if (sizes == null) throw BadInputException.inFile(file, "__metadata__ layers '" + layers + "' is not of the form 784-50-10");
      if (!Arrays.equals(sizes, p.layout().sizes())) {
        throw BadInputException.inFile(file, "__metadata__ says layers " + layers + " but the tensors form " + p.layout());
      }
    }
    Activation activation = named(file, metadata, "activation", Activation.values(), Activation::label, "relu, sigmoid or tanh");
    LossKind loss = named(file, metadata, "loss", LossKind.values(), LossKind::label, "mse or cross-entropy");
    return new Loaded(p, activation, loss);
  }

  /** The value whose label the metadata key holds; null when the key is absent. */
  private static <E> E named(String file, Map<String, String> metadata, String key, E[] values, Function<E, String> label,
      String expected) {
    String text = metadata.get(key);
    if (text == null) return null;
    for (E e : values) {
      if (label.apply(e).equals(text)) return e;
    }
    throw BadInputException.inFile(file, "__metadata__ " + key + " '" + text + "' is not one sparkprop computes (" + expected + ")");
  }
}
