package sparkprop.app;

import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;
import sparkprop.Secrets;
import sparkprop.model.Model;
import sparkprop.model.NetworkBudget;
import sparkprop.model.MllibModel;
import sparkprop.model.SafetensorsWeights;
import sparkprop.model.WeightsFile;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;
import sparkprop.read.RowSource;

/**
 * The network a run uses, from {@code --weights} (a NumPy {@code .npz}, a {@code .safetensors} file —
 * sparkprop's keys or a PyTorch state dict, whose metadata may name the activation and loss —, or a
 * folder holding a model saved by Spark MLlib's {@code MultilayerPerceptronClassificationModel}) or random from
 * {@code --layers}/{@code --hidden}, {@code --init} and {@code --seed}. Sizes given on the command
 * line must agree with the data and with the weights; an MLlib model implies sigmoid and
 * cross-entropy, and contradicting that is an error, not a silent override.
 */
public final class ModelLoader {
  private ModelLoader() {}

  /** Outside a run (tools, tests): the data's m alone, and θ checked against this JVM's heap. */
  public static Model load(ModelOptions o, int inputs, Configuration conf) {
    return load(o, inputs, null, conf, MemoryPlan.parametersOnly());
  }

  /**
   * The run's model for {@code data}, its network checked against {@code budget} (the run's
   * {@link MemoryPlan}) before θ is allocated.
   */
  public static Model load(ModelOptions o, RowSource data, Configuration conf, NetworkBudget budget) {
    return load(o, data.pixelsPerImage(), data.location(), conf, budget);
  }

  /** @param inputs the data's pixels per row, which must equal n0; {@code location} the data's, for messages (or null) */
  private static Model load(ModelOptions o, int inputs, String location, Configuration conf, NetworkBudget budget) {
    if (o.weights == null) {
      int[] sizes = o.layers != null ? o.layers : new int[] {inputs, o.hidden, 1};
      if (sizes[0] != inputs) {
        throw new BadInputException("--layers " + Layout.text(sizes) + ": the first size must be the data's "
            + inputs + " pixels per row, not " + sizes[0]);
      }
      budget.require(sizes, o.layers != null ? "--layers " + Layout.text(sizes)
          : (location != null ? location + ": " : "") + inputs + " pixels per row make the network "
              + Layout.text(sizes) + " (--hidden " + o.hidden + ")");
      Architecture a = new Architecture(or(o.activation, Activation.RELU), or(o.loss, LossKind.MSE));
      return new Model(Parameters.random(new Layout(sizes), o.init, o.seed), a, null);
    }
    Parameters p;
    Architecture a;
    if (isDirectory(o.weights, conf)) {
      p = MllibModel.load(o.weights, conf, inputs, budget);
      if (o.activation != null && o.activation != Activation.SIGMOID) throw impliedBy(o.weights, "--activation", "sigmoid");
      if (o.loss != null && o.loss != LossKind.CROSS_ENTROPY) throw impliedBy(o.weights, "--loss", "cross-entropy");
      a = new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY);
    } else if (SafetensorsWeights.isSafetensors(o.weights)) {
      SafetensorsWeights.Loaded l = SafetensorsWeights.load(o.weights, conf, inputs, budget);
      p = l.parameters();
      a = new Architecture(or(o.activation, or(l.activation(), Activation.RELU)), or(o.loss, or(l.loss(), LossKind.MSE)));
    } else {
      p = WeightsFile.load(o.weights, conf, inputs, budget);
      a = new Architecture(or(o.activation, Activation.RELU), or(o.loss, LossKind.MSE));
    }
    if (o.layers != null && !Arrays.equals(o.layers, p.layout().sizes())) {
      throw BadInputException.inFile(o.weights, "holds a network " + p.layout() + ", but --layers says "
          + Layout.text(o.layers));
    }
    return new Model(p, a, Secrets.hide(o.weights)); // the location as reports show it
  }

  private static <T> T or(T given, T otherwise) {
    return given != null ? given : otherwise;
  }

  private static BadInputException impliedBy(String weights, String option, String implied) {
    return BadInputException.inFile(weights, "a Spark MLlib model implies " + option + " " + implied
        + "; leave the option out or set it to " + implied);
  }

  private static boolean isDirectory(String location, Configuration conf) {
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(conf);
      return fs.exists(path) && fs.getFileStatus(path).isDirectory();
    } catch (IOException e) {
      throw BadInputException.inFile(location, "cannot read: " + e.getMessage());
    }
  }
}
