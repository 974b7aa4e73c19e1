package sparkprop.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;
import sparkprop.nn.Layout;
import sparkprop.nn.Parameters;
import sparkprop.nn.Tensor;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzReader;

/**
 * Parameters from a NumPy {@code .npz} ({@code --weights}): arrays {@code w1, b1, …, wK, bK} with
 * shapes {@code (n_{k−1}, n_k)} and {@code (n_k,)}, float64 or float32, as {@code np.savez} and
 * {@code np.savez_compressed} write them (and as {@code train} writes {@code weights.npz}). The layer
 * sizes come from the file; n0 must match the data. Loading is linear in the number of parameters.
 */
public final class WeightsFile {
  private WeightsFile() {}

  /** Reads and validates the file (any Hadoop path); {@code inputs} is the data's m. */
  public static Parameters load(String file, Configuration conf, int inputs) {
    return load(file, conf, inputs, NetworkBudget.ARRAYS);
  }

  /**
   * Reads and validates the file (any Hadoop path, at most {@link NpzReader#MAX_FILE_BYTES}); {@code inputs}
   * is the data's m; {@code budget} is asked for the network the shapes make before θ is allocated.
   */
  public static Parameters load(String file, Configuration conf, int inputs, NetworkBudget budget) {
    Map<String, NpyArray> arrays;
    Path path = new Path(file);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      arrays = NpzReader.read(in, file);
    } catch (java.io.FileNotFoundException e) {
      throw BadInputException.inFile(file, "no such file");
    } catch (IOException e) {
      throw BadInputException.inFile(file, "cannot read: " + e.getMessage());
    }
    return toParameters(file, arrays, inputs, budget);
  }

  static Parameters toParameters(String file, Map<String, NpyArray> arrays, int inputs, NetworkBudget budget) {
    int[] sizes = sizes(file, arrays, inputs);
    budget.require(sizes, file + ": the network " + Layout.text(sizes));
    Layout layout = new Layout(sizes);
    double[] theta = new double[layout.size()];
    for (Tensor t : layout.tensors()) {
      NpyArray a = arrays.get(t.name);
      if (!Arrays.equals(a.shape(), t.numpyShape())) {
        throw BadInputException.inFile(file, t.name + " has shape " + a.shapeString() + ", expected "
            + shapeString(t.numpyShape()) + " to fit " + layout);
      }
      double[] values = a.data(); // NpyArray.data() copies: call it once per tensor
      for (int k = 0; k < values.length; k++) {
        if (!Double.isFinite(values[k])) {
          throw BadInputException.inFile(file, t.name + " holds a non-finite value (" + values[k] + ") at flat index " + k);
        }
      }
      t.fromRowMajor(values, theta);
    }
    return new Parameters(layout, theta);
  }

  /** n0 … nK from the weights' shapes: w1 gives n0 and n1, each further wk its n_k. */
  private static int[] sizes(String file, Map<String, NpyArray> arrays, int inputs) {
    List<Integer> sizes = new ArrayList<>();
    int k = 1;
    while (arrays.containsKey("w" + k)) {
      NpyArray w = arrays.get("w" + k);
      if (w.ndim() != 2) throw BadInputException.inFile(file, "w" + k + " has shape " + w.shapeString() + ", expected 2 dimensions");
      if (w.dim(1) == 0) {
        throw BadInputException.inFile(file, "w" + k + " has shape " + w.shapeString() + ": a layer of zero units"
            + " (every layer needs at least one)");
      }
      if (k == 1) {
        if (w.dim(0) != inputs) {
          throw BadInputException.inFile(file, "w1 has shape " + w.shapeString() + " but the data has " + inputs
              + " pixels per image (expected (" + inputs + ", n1))");
        }
        sizes.add(w.dim(0));
      } else if (w.dim(0) != sizes.get(k - 1)) {
        throw BadInputException.inFile(file, "w" + k + " has shape " + w.shapeString() + " but w" + (k - 1)
            + " has " + sizes.get(k - 1) + " outputs");
      }
      sizes.add(w.dim(1));
      NpyArray b = arrays.get("b" + k);
      if (b == null) throw BadInputException.inFile(file, "no array 'b" + k + "' for w" + k + " (found " + arrays.keySet() + ")");
      if (b.ndim() != 1 || b.dim(0) != w.dim(1)) {
        throw BadInputException.inFile(file, "b" + k + " has shape " + b.shapeString() + ", expected (" + w.dim(1)
            + ",) to fit w" + k + " " + w.shapeString());
      }
      k++;
    }
    if (k == 1) throw BadInputException.inFile(file, "no array 'w1' (expected w1, b1, …, wK, bK; found " + arrays.keySet() + ")");
    if (arrays.containsKey("b" + k)) throw BadInputException.inFile(file, "b" + k + " without w" + k);
    refuseOthers(file, arrays.keySet(), k - 1);
    int[] out = new int[sizes.size()];
    for (int i = 0; i < out.length; i++) out[i] = sizes.get(i);
    return out;
  }

  /**
   * Every array must be a part of the network w1, b1, …, wK, bK: one that is not (w4 after w1…b2 without
   * w3, a stray "loss") would otherwise be silently ignored, and the run use another network than meant.
   */
  private static void refuseOthers(String file, Set<String> names, int layers) {
    Set<String> others = new TreeSet<>(names);
    for (int k = 1; k <= layers; k++) {
      others.remove("w" + k);
      others.remove("b" + k);
    }
    if (others.isEmpty()) return;
    StringBuilder network = new StringBuilder(layers > 3 ? "w1, b1, …" : "");
    for (int k = Math.max(1, layers - 2); k <= layers; k++) {
      network.append(network.length() > 0 ? ", " : "").append("w").append(k).append(", b").append(k);
    }
    throw BadInputException.inFile(file, "holds " + String.join(", ", others) + (others.size() == 1 ? ", which is" : ", which are")
        + " not part of the network it defines (" + network + "; there is no w" + (layers + 1)
        + "): every array must be a layer's weight or bias");
  }

  private static String shapeString(int[] shape) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) b.append(i > 0 ? ", " : "").append(shape[i]);
    return b.append(shape.length == 1 ? ",)" : ")").toString();
  }
}
