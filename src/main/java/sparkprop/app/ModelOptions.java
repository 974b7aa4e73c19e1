package sparkprop.app;

import picocli.CommandLine.Option;
import sparkprop.BadInputException;
import sparkprop.nn.Activation;
import sparkprop.nn.Init;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Precision;

/**
 * The network and how its pass runs: the options every command that runs the pass shares, a picocli
 * mixin. The field values are the defaults.
 */
public class ModelOptions {
  /** Layer sizes n0-n1-…-nK; null: the seed's m-{@link #hidden}-1. */
  public int[] layers = null;

  /** A setter, not a field option: picocli would read an array field as a list of values. */
  @Option(names = "--layers", paramLabel = "N0-N1-…-NK", order = 30,
      description = "layer sizes, e.g. 784-64-32-10 (default 784-50-1: m-hidden-1)")
  void layers(String text) {
    int[] sizes = Layout.parseSizes(text);
    if (sizes == null) throw new BadInputException("--layers: '" + text + "' is not of the form 784-64-10 (positive sizes)");
    layers = sizes;
  }

  /** Hidden units of the seed's shape, when {@link #layers} is not given. */
  @Option(names = "--hidden", paramLabel = "NH", order = 31, converter = Converters.PositiveInt.class,
      description = "hidden units of a random model without --layers (default 50)")
  public int hidden = 50;

  /** null: relu, or what the weights imply (sigmoid for an MLlib model). */
  @Option(names = "--activation", paramLabel = "relu|sigmoid|tanh", order = 32, converter = Converters.ActivationName.class,
      description = "the hidden layers' activation (default relu, or what --weights implies)")
  public Activation activation = null;

  /** null: mse, or what the weights imply (cross-entropy for an MLlib model). */
  @Option(names = "--loss", paramLabel = "mse|cross-entropy", order = 33, converter = Converters.LossName.class,
      description = "the loss (default mse, or what --weights implies)")
  public LossKind loss = null;

  @Option(names = "--init", paramLabel = "randn|kaiming", order = 34, converter = Converters.InitName.class,
      description = "random weights: N(0,1) or N(0,1)·√(2/fan_in) (default randn)")
  public Init init = Init.RANDN;

  @Option(names = "--seed", paramLabel = "S", order = 35, converter = Converters.WholeNumber.class,
      description = "seed of the random weights (default 0)")
  public long seed = 0;

  /** An .npz file or a Spark MLlib model folder; null for random weights. */
  @Option(names = "--weights", paramLabel = "FILE", order = 36,
      description = "initial parameters: an .npz (w1, b1, … wK, bK) or a Spark MLlib model folder (default: random)")
  public String weights = null;

  @Option(names = "--precision", paramLabel = "float64|float32", order = 37, converter = Converters.PrecisionName.class,
      description = "precision of the kernel (default float64)")
  public Precision precision = Precision.FLOAT64;

  @Option(names = "--block-rows", paramLabel = "B", order = 38, converter = Converters.PositiveInt.class,
      description = "rows stacked into one BLAS block (default 1024)")
  public int blockRows = 1024;

  @Option(names = "--tree-depth", paramLabel = "D", order = 39, converter = Converters.PositiveInt.class,
      description = "depth of the aggregation tree (default 2)")
  public int treeDepth = 2;
}
