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
    boolean valid = RowHash.uniform(rowId, seed) < validFraction;
    return valid == (side == Side.VALID);
  }
}
