package sparkprop.train;

import java.util.Locale;
import sparkprop.BadInputException;

/** {@code --optimizer}: PyTorch's SGD rule, Breeze's L-BFGS as MLlib drives it, or PyTorch's Adam rule. */
public enum OptimizerKind {
  SGD,
  LBFGS,
  ADAM;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OptimizerKind parse(String text) {
    for (OptimizerKind k : values()) {
      if (k.label().equals(text)) return k;
    }
    throw new BadInputException("--optimizer: unknown optimizer '" + text + "' (expected sgd, lbfgs or adam)");
  }

  /** The rule {@code o} asks for, with its learning-rate schedule (the options are assumed checked, {@link TrainOptionsCheck}). */
  static Optimizer create(TrainOptions o) {
    return switch (o.optimizer) {
      case SGD -> new Sgd(LrSchedule.of(o), o.momentum, o.weightDecay);
      case LBFGS -> new Lbfgs(o.lbfgsCorrections);
      case ADAM -> new Adam(LrSchedule.of(o), o.betas()[0], o.betas()[1], o.eps(), o.weightDecay);
    };
  }

  /** picocli's converter: a bad name is exit 2 with one line. */
  public static final class Converter implements picocli.CommandLine.ITypeConverter<OptimizerKind> {
    @Override
    public OptimizerKind convert(String v) {
      for (OptimizerKind k : values()) {
        if (k.label().equals(v)) return k;
      }
      throw new picocli.CommandLine.TypeConversionException("unknown optimizer '" + v + "' (expected sgd, lbfgs or adam)");
    }
  }
}
