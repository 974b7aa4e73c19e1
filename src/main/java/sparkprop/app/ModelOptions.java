package sparkprop.app;

import sparkprop.nn.Activation;
import sparkprop.nn.Init;
import sparkprop.nn.LossKind;
import sparkprop.nn.Precision;

/** The network and how its pass runs: the options every command that runs the pass shares. */
public class ModelOptions {
  /** Layer sizes n0-n1-…-nK; null: the seed's m-{@link #hidden}-1. */
  public int[] layers = null;
  /** Hidden units of the seed's shape, when {@link #layers} is not given. */
  public int hidden = 50;
  /** null: relu, or what the weights imply (sigmoid for an MLlib model). */
  public Activation activation = null;
  /** null: mse, or what the weights imply (cross-entropy for an MLlib model). */
  public LossKind loss = null;
  public Init init = Init.RANDN;
  public long seed = 0;
  /** An .npz file or a Spark MLlib model folder; null for random weights. */
  public String weights = null;
  public Precision precision = Precision.FLOAT64;
  public int blockRows = 1024;
  public int treeDepth = 2;
}
