package sparkprop.partition;

import java.io.Serializable;
import java.util.Locale;
import sparkprop.BadInputException;

/**
 * The seed's train/valid split: a row is in "valid" when a hash of its stable id and the seed falls
 * below the fraction. The side depends on nothing else — not on the partitioning, not on the order
 * rows are read — so every run, reference and distributed alike, picks the same rows.
 */
public final class ValidationSplit implements Serializable {
  private static final long serialVersionUID = 1L;

  public enum Side {
    TRAIN,
    VALID;

    public static Side parse(String text) {
      for (Side s : values()) {
        if (s.name().toLowerCase(Locale.ROOT).equals(text)) return s;
      }
      throw new BadInputException("--split: unknown side '" + text + "' (expected train or valid)");
    }
  }

  public final double validFraction;
  public final long seed;
  public final Side side;

  public ValidationSplit(double validFraction, long seed, Side side) {
    if (!(validFraction >= 0 && validFraction < 1)) {
      throw new BadInputException("--valid-fraction: must be in [0, 1), got " + validFraction);
    }
    this.validFraction = validFraction;
    this.seed = seed;
    this.side = side;
  }

  /** Whether the row with this id is on the chosen side. */
  public boolean keeps(long rowId) {
    boolean valid = uniform(rowId) < validFraction;
    return valid == (side == Side.VALID);
  }

  /** A uniform number in [0, 1) from (id, seed): SplitMix64's finaliser, top 53 bits. */
  double uniform(long rowId) {
    long z = rowId * 0x9E3779B97F4A7C15L + seed;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }
}
