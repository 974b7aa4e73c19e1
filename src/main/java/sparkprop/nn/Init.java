package sparkprop.nn;

import java.util.Locale;
import sparkprop.BadInputException;

/**
 * How random weights start (biases are zero either way): {@code randn} draws every weight from
 * N(0, 1), the seed's; {@code kaiming} scales that by √(2 / fan_in) (He et al.), so that activations
 * keep their size through a deep ReLU network instead of growing by √fan_in per layer.
 */
public enum Init {
  RANDN,
  KAIMING;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Init parse(String text) {
    for (Init i : values()) {
      if (i.label().equals(text)) return i;
    }
    throw new BadInputException("--init: unknown initialisation '" + text + "' (expected randn or kaiming)");
  }

  /** The factor applied to N(0, 1) draws of a layer with {@code fanIn} inputs. */
  public double scale(int fanIn) {
    return this == RANDN ? 1.0 : Math.sqrt(2.0 / fanIn);
  }
}
