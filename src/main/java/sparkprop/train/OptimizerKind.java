package sparkprop.train;

import java.util.Locale;
import sparkprop.BadInputException;

/** {@code --optimizer}: PyTorch's SGD rule, or Breeze's L-BFGS as MLlib drives it. */
public enum OptimizerKind {
  SGD,
  LBFGS;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OptimizerKind parse(String text) {
    for (OptimizerKind k : values()) {
      if (k.label().equals(text)) return k;
    }
    throw new BadInputException("--optimizer: unknown optimizer '" + text + "' (expected sgd or lbfgs)");
  }
}
