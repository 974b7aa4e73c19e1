package sparkprop.nn;

import java.util.Locale;
import sparkprop.BadInputException;

/** The loss named on the command line ({@code --loss});. */
public enum LossKind {
  /** Mean over rows and outputs of (out − t)², as {@code F.mse_loss}. */
  MSE("mse"),
  /** Softmax over the outputs, then the mean over rows of −log p(label), as {@code F.cross_entropy}. */
  CROSS_ENTROPY("cross-entropy");

  private final String label;

  LossKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static LossKind parse(String text) {
    for (LossKind k : values()) {
      if (k.label.equals(text.toLowerCase(Locale.ROOT))) return k;
    }
    throw new BadInputException("--loss: unknown loss '" + text + "' (expected mse or cross-entropy)");
  }

  /** Loss terms per row of a network of this layout: its outputs for MSE, 1 for cross-entropy. */
  public int termsPerRow(Layout layout) {
    return this == MSE ? layout.outputs() : 1;
  }
}
