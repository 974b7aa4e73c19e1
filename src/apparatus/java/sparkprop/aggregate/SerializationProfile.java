package sparkprop.aggregate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Collections;
import java.util.Random;
import sparkprop.nn.Layout;

/**
 * What Java serialization of one partition's partial sum costs (a harness run by hand, not a test:
 * {@code mvn -q -Papparatus process-test-classes -Dapparatus=SerializationProfile}).
 */
public final class SerializationProfile {
  public static void main(String[] args) throws Exception {
    Layout layout = Layout.regressor(784, 50);
    Random r = new Random(1);
    double[] theta = new double[layout.size()];
    for (int k = 0; k < theta.length; k++) theta[k] = r.nextGaussian();
    GradientSum sum = new GradientSum(layout, theta, 1.0, 300, 1);
    PartialSum p = new PartialSum(sum, Collections.singletonList(
        new PartitionRecord(3, new TaskPlace("driver", "127.0.0.1", 0), sum, 5, null, null, false)));
    for (int rep = 0; rep < 10; rep++) {
      long t0 = System.nanoTime();
      byte[] bytes = null;
      for (int k = 0; k < 200; k++) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
          out.writeObject(p);
        }
        bytes = b.toByteArray();
      }
      long t1 = System.nanoTime();
      for (int k = 0; k < 200; k++) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
          in.readObject();
        }
      }
      long t2 = System.nanoTime();
      System.out.printf("%d bytes: 200 x serialize %.1f ms, deserialize %.1f ms%n", bytes.length, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }
  }
}
