package sparkprop.report.html;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** PNG encoding, data: URIs and nearest-neighbour enlargement of small raster images. */
final class Png {
  private Png() {}

  static byte[] encode(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer in this JVM");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The image as a {@code data:image/png;base64,…} URI, for an {@code <img src>}. */
  static String dataUri(BufferedImage image) {
    return dataUri(encode(image));
  }

  static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  /** Each pixel becomes a factor × factor square: sharp pixels at any zoom, no smoothing. */
  static BufferedImage enlarge(BufferedImage small, int factor) {
    int w = small.getWidth();
    int h = small.getHeight();
    BufferedImage big = new BufferedImage(w * factor, h * factor, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = small.getRGB(x, y);
        for (int dy = 0; dy < factor; dy++) {
          for (int dx = 0; dx < factor; dx++) big.setRGB(x * factor + dx, y * factor + dy, rgb);
        }
      }
    }
    return big;
  }
}
