package sparkprop.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sparkprop.BadInputException;
import sparkprop.nn.Architecture;
import sparkprop.nn.Layout;
import sparkprop.nn.Parameters;
import sparkprop.nn.Tensor;
import sparkprop.read.safetensors.SafeTensor;

/**
 * θ as PyTorch names and lays it out: the state dict of an {@code nn.Sequential} of {@code Linear}
 * layers with the activations between them,
 *
 * <pre>
 *   nn.Sequential(Linear(n0, n1), Act(), Linear(n1, n2), Act(), …, Linear(n_{K−1}, nK))
 *   layer k  →  "{2(k−1)}.weight" (n_k, n_{k−1}),  "{2(k−1)}.bias" (n_k,)      (activations at the odd indices)
 * </pre>
 *
 * PyTorch's {@code Linear} stores {@code W} as (out, in) and computes {@code x·Wᵀ + b}; sparkprop's
 * {@code wk} is (in, out) = Wᵀ. θ keeps {@code wk} column-major ({@code wk(i, o)} at {@code offset + i + o·in},
 * see {@link Tensor}), which is exactly {@code W} row-major ({@code W[o][i]} at {@code o·in + i}): the
 * transpose is the same bytes, so the conversion copies and is exact both ways. With cross-entropy the
 * softmax belongs to the loss, as in {@code nn.CrossEntropyLoss}: the state dict has no extra layer.
 *
 * <p>Reading takes any prefix shared by all keys ({@code model.}, {@code net.layers.}, none) and any
 * increasing indices (a {@code Dropout} between two {@code Linear}s holds no tensors and shifts the
 * numbers), ordered as integers.
 */
public final class TorchStateDict {
  /** PREFIX, N and weight|bias of a key; the prefix is greedy, so N is the last number before the suffix. */
  private static final Pattern KEY = Pattern.compile("^(.*\\.)?(0|[1-9][0-9]{0,8})\\.(weight|bias)$");

  private TorchStateDict() {}

  /** The key of layer k's weight (k = 1 … K): "0.weight", "2.weight", … */
  public static String weight(int k) {
    return 2 * (k - 1) + ".weight";
  }

  /** The key of layer k's bias: "0.bias", "2.bias", … */
  public static String bias(int k) {
    return 2 * (k - 1) + ".bias";
  }

  /** A vector in θ's layout (parameters or a gradient) as the state dict's tensors, in layer order. */
  public static List<SafeTensor> tensors(Layout layout, double[] values) {
    List<SafeTensor> out = new ArrayList<>();
    for (int k = 1; k <= layout.layers(); k++) {
      Tensor w = layout.weight(k);
      Tensor b = layout.bias(k);
      out.add(SafeTensor.f64(weight(k), new int[] {w.cols, w.rows}, slice(values, w)));
      out.add(SafeTensor.f64(bias(k), new int[] {b.rows}, slice(values, b)));
    }
    return out;
  }

  /**
   * The {@code __metadata__} sparkprop writes and reads back as defaults: {@code format} {@code pt} (as
   * {@code safetensors.torch.save_file} writes it), {@code layers}, {@code activation} and {@code loss}
   * as the options spell them.
   */
  public static Map<String, String> metadata(Layout layout, Architecture architecture) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("format", "pt");
    m.put("layers", layout.toString());
    m.put("activation", architecture.activation.label());
    m.put("loss", architecture.loss.label());
    return m;
  }

  /** Whether a key has the state dict's form PREFIX.N.weight or PREFIX.N.bias. */
  static boolean isKey(String name) {
    return KEY.matcher(name).matches();
  }

  /**
   * Parameters from a state dict's tensors, each of them a {@code PREFIX.N.weight} (out, in) or
   * {@code PREFIX.N.bias} (out,) of one shared prefix, pairs chaining from the data's {@code inputs}.
   */
  static Parameters toParameters(String file, Map<String, SafeTensor> tensors, int inputs, NetworkBudget budget) {
    TreeMap<Integer, SafeTensor[]> layers = new TreeMap<>(); // N → {weight, bias}
    String prefix = null;
    String prefixKey = null;
    for (SafeTensor t : tensors.values()) {
      Matcher m = KEY.matcher(t.name());
      if (!m.matches()) {
        throw BadInputException.inFile(file, "tensor '" + t.name() + "' is not part of an MLP's state dict (expected"
            + " PREFIX.N.weight and PREFIX.N.bias of Linear layers, or sparkprop's w1, b1, …)");
      }
      String p = m.group(1) == null ? "" : m.group(1);
      if (prefix == null) {
        prefix = p;
        prefixKey = t.name();
      } else if (!prefix.equals(p)) {
        throw BadInputException.inFile(file, "tensors '" + prefixKey + "' and '" + t.name()
            + "' have different prefixes: one network's Linear layers share one");
      }
      layers.computeIfAbsent(Integer.parseInt(m.group(2)), n -> new SafeTensor[2])[m.group(3).equals("weight") ? 0 : 1] = t;
    }
    if (layers.isEmpty()) throw BadInputException.inFile(file, "holds no tensors");
    int[] sizes = new int[layers.size() + 1];
    sizes[0] = inputs;
    List<SafeTensor[]> pairs = new ArrayList<>();
    String previous = null;
    for (Map.Entry<Integer, SafeTensor[]> e : layers.entrySet()) {
      String key = prefix + e.getKey();
      SafeTensor w = e.getValue()[0];
      SafeTensor b = e.getValue()[1];
      if (w == null) throw BadInputException.inFile(file, key + ".bias without " + key + ".weight");
      if (b == null) {
        throw BadInputException.inFile(file, key + ".weight without " + key + ".bias (sparkprop's layers have biases;"
            + " a Linear(bias=False) cannot be loaded)");
      }
      int k = pairs.size() + 1;
      int in = sizes[k - 1];
      if (w.shape().length != 2 || w.shape()[0] == 0 || w.shape()[1] != in) {
        String expected = "(n" + k + ", " + in + ")";
        throw BadInputException.inFile(file, key + ".weight has shape " + w.shapeString() + ", expected " + expected
            + (k == 1 ? ": the data has " + inputs + " pixels per image" : ": " + previous + ".weight has " + in + " outputs")
            + " (PyTorch's Linear stores (out, in))");
      }
      if (b.shape().length != 1 || b.shape()[0] != w.shape()[0]) {
        throw BadInputException.inFile(file, key + ".bias has shape " + b.shapeString() + ", expected (" + w.shape()[0]
            + ",) to fit " + key + ".weight " + w.shapeString());
      }
      sizes[k] = w.shape()[0];
      pairs.add(e.getValue());
      previous = key;
    }
    budget.require(sizes, file); // before θ of that size exists
    Layout layout = new Layout(sizes);
    double[] theta = new double[layout.size()];
    for (int k = 1; k <= layout.layers(); k++) {
      copy(file, pairs.get(k - 1)[0], theta, layout.weight(k));
      copy(file, pairs.get(k - 1)[1], theta, layout.bias(k));
    }
    return new Parameters(layout, theta);
  }

  /** W (out, in) row-major is wk column-major: the same order, copied as it is. */
  private static void copy(String file, SafeTensor from, double[] theta, Tensor to) {
    double[] v = from.values();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw BadInputException.inFile(file, from.name() + " holds a non-finite value (" + v[i] + ") at flat index " + i);
      }
    }
    System.arraycopy(v, 0, theta, to.offset, v.length);
  }

  private static double[] slice(double[] values, Tensor t) {
    double[] out = new double[t.length()];
    System.arraycopy(values, t.offset, out, 0, out.length);
    return out;
  }
}
