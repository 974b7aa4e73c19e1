package sparkprop.nn;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A double[] in a Java serialization stream as one block of little-endian bytes, copied in bulk —
 * Java's own {@code writeObject(double[])} converts the doubles one by one, about 4× slower. For the
 * arrays that cross between driver and executors on every pass: θ and the partial sums (0.3 MB each
 * for the seed's network).
 */
public final class RawDoubles {
  private RawDoubles() {}

  public static void write(ObjectOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    byte[] bytes = new byte[values.length * Double.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(values);
    out.write(bytes);
  }

  /** Reads what {@link #write} wrote, which must be {@code expected} values. */
  public static double[] read(ObjectInputStream in, int expected) throws IOException {
    int n = in.readInt();
    if (n != expected) throw new InvalidObjectException(n + " values where " + expected + " belong");
    byte[] bytes = new byte[n * Double.BYTES];
    in.readFully(bytes);
    double[] values = new double[n];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
    return values;
  }
}
