package sparkprop.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;
import sparkprop.nn.MlpShape;
import sparkprop.nn.Parameters;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzReader;

/**
 * Initial parameters from a NumPy {@code .npz} ({@code --weights}): arrays {@code w1 (m, nh)},
 * {@code b1 (nh,)}, {@code w2 (nh, 1)}, {@code b2 (1,)}, float64 or float32, as {@code np.savez} and
 * {@code np.savez_compressed} write them. nh comes from the file; m must match the data.
 */
public final class WeightsFile {
  private WeightsFile() {}

  /** Reads and validates the file (any Hadoop path); {@code inputs} is the data's m. */
  public static Parameters load(String file, Configuration conf, int inputs) {
    Map<String, NpyArray> arrays;
    Path path = new Path(file);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      arrays = NpzReader.read(in, file);
    } catch (java.io.FileNotFoundException e) {
      throw BadInputException.inFile(file, "no such file");
    } catch (IOException e) {
      throw BadInputException.inFile(file, "cannot read: " + e.getMessage());
    }
    return toParameters(file, arrays, inputs);
  }

  static Parameters toParameters(String file, Map<String, NpyArray> arrays, int inputs) {
    NpyArray w1 = require(file, arrays, "w1");
    NpyArray b1 = require(file, arrays, "b1");
    NpyArray w2 = require(file, arrays, "w2");
    NpyArray b2 = require(file, arrays, "b2");
    if (w1.ndim() != 2) throw shape(file, w1, "(m, nh)");
    int m = w1.dim(0);
    int nh = w1.dim(1);
    if (m != inputs) {
      throw BadInputException.inFile(file, "w1 has shape " + w1.shapeString() + " but the data has "
          + inputs + " pixels per image (expected (" + inputs + ", nh))");
    }
    if (!Arrays.equals(b1.shape(), new int[] {nh})) throw shape(file, b1, "(" + nh + ",) to fit w1 " + w1.shapeString());
    if (!Arrays.equals(w2.shape(), new int[] {nh, 1})) throw shape(file, w2, "(" + nh + ", 1) to fit w1 " + w1.shapeString());
    if (!Arrays.equals(b2.shape(), new int[] {1})) throw shape(file, b2, "(1,)");
    MlpShape shape = new MlpShape(m, nh);
    double[] theta = new double[shape.size()];
    for (MlpShape.Tensor t : MlpShape.Tensor.values()) {
      NpyArray a = arrays.get(t.key);
      for (int k = 0; k < a.size(); k++) {
        if (!Double.isFinite(a.data()[k])) {
          throw BadInputException.inFile(file, t.key + " holds a non-finite value (" + a.data()[k] + ") at flat index " + k);
        }
      }
      shape.fromRowMajor(a.data(), t, theta);
    }
    return new Parameters(shape, theta);
  }

  private static NpyArray require(String file, Map<String, NpyArray> arrays, String name) {
    NpyArray a = arrays.get(name);
    if (a == null) throw BadInputException.inFile(file, "no array '" + name + "' (expected w1, b1, w2, b2; found " + arrays.keySet() + ")");
    return a;
  }

  private static BadInputException shape(String file, NpyArray a, String expected) {
    return BadInputException.inFile(file, a.name() + " has shape " + a.shapeString() + ", expected " + expected);
  }
}
