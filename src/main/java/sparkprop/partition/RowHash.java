package sparkprop.partition;

/** A well-mixed 64-bit hash of a stable row id and a seed (SplitMix64's finaliser), the basis of every id-only row choice. */
public final class RowHash {
  private RowHash() {}

  public static long of(long rowId, long seed) {
    long z = rowId * 0x9E3779B97F4A7C15L + seed;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A uniform number in [0, 1) from the hash's top 53 bits. */
  public static double uniform(long rowId, long seed) {
    return (of(rowId, seed) >>> 11) * 0x1.0p-53;
  }
}
