package sparkprop.nn;

import java.util.Locale;
import sparkprop.BadInputException;

/** The floating-point type the kernel computes in. Sums across partitions are always carried in double. */
public enum Precision {
  FLOAT64,
  FLOAT32;

  /** "float64" or "float32", as the option and the report spell it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Precision parse(String text) {
    for (Precision p : values()) {
      if (p.label().equals(text)) return p;
    }
    throw new BadInputException("--precision: unknown precision '" + text + "' (expected float64 or float32)");
  }
}
