package sparkprop.nn;

/**
 * The network's input from a pixel byte: {@code x = pixel / pixelMax} (255 for bytes, as the seed's
 * {@code x/255}), tabulated once for the 256 byte values in both precisions.
 */
public final class PixelScale implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  public static final PixelScale BYTE = new PixelScale(255);

  // Tabulated again where it is deserialized (readResolve): a task ships the one int, not 3 KB of tables.
  final transient double[] float64 = new double[256];
  final transient float[] float32 = new float[256];
  private final int pixelMax;

  public PixelScale(int pixelMax) {
    if (pixelMax <= 0) throw new IllegalArgumentException("pixelMax " + pixelMax);
    this.pixelMax = pixelMax;
    for (int v = 0; v < 256; v++) {
      float64[v] = v / (double) pixelMax;
      float32[v] = v / (float) pixelMax;
    }
  }

  private Object readResolve() {
    return pixelMax == BYTE.pixelMax ? BYTE : new PixelScale(pixelMax);
  }

  /** The white pixel's value, which identifies the scale (converted blocks are cached per scale). */
  public int pixelMax() {
    return pixelMax;
  }

  public double toDouble(int pixel) {
    return float64[pixel];
  }
}
