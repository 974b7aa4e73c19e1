package sparkprop.check;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sparkprop.app.Converters;
import sparkprop.app.RunOptions;

/**
 * The options of {@code check}: the data, model and output options every run shares ({@link RunOptions}) and the check's
 * own. The field values are the defaults.
 */
public class CheckOptions extends RunOptions {
  public CheckOptions() {
    super("out");
  }

  /** The partition whose partial is corrupted ({@code --inject-fault}); -1 for none. */
  @Option(names = "--inject-fault", paramLabel = "K", order = 51, converter = Converters.NonNegativeInt.class,
      description = "self-test: corrupt partition K's partial of --fault-tensor; the check must fail (default: off)")
  public int injectFault = -1;

  /** The tensor the injected fault corrupts ("w1", "b2", …). */
  @Option(names = "--fault-tensor", paramLabel = "NAME", order = 52,
      description = "the tensor --inject-fault corrupts: w1, b1, … wK, bK (default w1)")
  public String faultTensor = "w1";

  @Option(names = "--fd-directions", paramLabel = "K", order = 53, converter = Converters.NonNegativeInt.class,
      description = "random directions of the finite-difference check (default 3; 0 skips it)")
  public int fdDirections = 3;

  @Option(names = "--fd-epsilon", paramLabel = "E", order = 54, converter = Converters.PositiveDouble.class,
      description = "step of the finite-difference check (default 1e-6)")
  public double fdEpsilon = 1e-6;

  @Option(names = "--input-check", paramLabel = "true|false", order = 55, arity = "1", converter = Converters.Bool.class,
      description = "compare the input gradient x.g too (default true)")
  public boolean inputCheck = true;

  @Option(names = "--verify-partitions", paramLabel = "true|false", order = 56, arity = "1",
      converter = Converters.Bool.class,
      description = "recompute every partition's partial on the driver and name any that differ (default false)")
  public boolean verifyPartitions = false;

  /** 0: the reference covers every row; else a subset of this many rows, chosen by row id. */
  @Option(names = "--reference-rows", paramLabel = "N", order = 57, converter = Converters.PositiveInt.class,
      description = "run the reference on a subset of N rows chosen by row id (default: all rows)")
  public int referenceRows = 0;

  @Mixin public final sparkprop.peer.PeerOptions peer = new sparkprop.peer.PeerOptions();
}
