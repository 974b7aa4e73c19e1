package sparkprop.peer;

import picocli.CommandLine.Option;
import sparkprop.app.Converters;

/**
 * {@code check --against mllib [--block-size B]}: besides sparkprop's own distributed gradient, measure
 * a peer's gradient of the same model on the same rows and partitions against the same reference.
 * The command line (sparkprop.cli) fills these; {@code CheckJob} honours them.
 */
public class PeerOptions {
  /** The one peer there is. */
  public static final String MLLIB = "mllib";

  /** null: no peer; "mllib": Spark MLlib's own multilayer-perceptron gradient ({@code org.apache.spark.ml.ann}). */
  @Option(names = "--against", paramLabel = "mllib", order = 60,
      description = "also measure Spark MLlib's own MLP gradient (its ml.ann code on the same partitions) against"
          + " the same reference; the check then fails when MLlib's gradient disagrees")
  public String against = null;
  /**
   * Rows MLlib stacks into one block ({@code MultilayerPerceptronClassifier.setBlockSize}, whose default
   * is 128); the block sizes decide how far MLlib's gradient is from the exact mean.
   */
  @Option(names = "--block-size", paramLabel = "B", order = 61, converter = Converters.PositiveInt.class,
      description = "rows MLlib stacks into one block with --against mllib (default 128, MLlib's)")
  public int blockSize = 128;
}
