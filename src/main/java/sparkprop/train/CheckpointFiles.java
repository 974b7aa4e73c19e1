package sparkprop.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sparkprop.BadInputException;
import sparkprop.nn.Layout;
import sparkprop.nn.Parameters;
import sparkprop.nn.Tensor;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzReader;
import sparkprop.read.npz.NpzWriter;

/** The files of one checkpoint, and {@code weights.npz}: θ as float64 arrays w1, b1, …, the keys {@code --weights} takes. */
public final class CheckpointFiles {
  static final String WEIGHTS = "weights.npz";
  static final String HISTORY = "history.csv";

  private CheckpointFiles() {}

  static Map<String, byte[]> of(Parameters theta, Optimizer optimizer, History history, KeepBest best) {
    Map<String, byte[]> files = new HashMap<>(optimizer.state());
    files.putAll(best.state());
    files.put(WEIGHTS, weightsNpz(theta));
    files.put(HISTORY, history.csv());
    return files;
  }

  /** θ as NumPy reads it: {@code wk (n_{k−1}, n_k)}, {@code bk (n_k,)}, float64. */
  public static byte[] weightsNpz(Parameters p) {
    List<NpyArray> arrays = new ArrayList<>();
    double[] theta = p.theta();
    for (Tensor t : p.layout().tensors()) arrays.add(NpyArray.of(t.name, t.numpyShape(), t.toRowMajor(theta)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NpzWriter.write(out, arrays);
    return out.toByteArray();
  }

  static double[] theta(Map<String, byte[]> files, Layout layout, String where) {
    byte[] bytes = files.get(WEIGHTS);
    if (bytes == null || !files.containsKey(HISTORY)) throw BadInputException.inFile(where, "its latest checkpoint is incomplete");
    return theta(bytes, layout, where);
  }

  /** θ from a weights.npz's bytes (the keys {@code --weights} takes). */
  static double[] theta(byte[] weightsNpz, Layout layout, String where) {
    Map<String, NpyArray> arrays = NpzReader.read(new ByteArrayInputStream(weightsNpz), WEIGHTS);
    double[] theta = new double[layout.size()];
    for (Tensor t : layout.tensors()) {
      NpyArray a = arrays.get(t.name);
      if (a == null || a.size() != t.length()) throw BadInputException.inFile(where, "its checkpoint does not hold " + t);
      t.fromRowMajor(a.data(), theta);
    }
    return theta;
  }
}
