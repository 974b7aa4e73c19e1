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

  /** picocli's converter: a bad name is exit 2 with one line. */
  public static final class Converter implements picocli.CommandLine.ITypeConverter<OptimizerKind> {
    @Override
    public OptimizerKind convert(String v) {
      for (OptimizerKind k : values()) {
        if (k.label().equals(v)) return k;
      }
      throw new picocli.CommandLine.TypeConversionException("unknown optimizer '" + v + "' (expected sgd or lbfgs)");
    }
  }
}
