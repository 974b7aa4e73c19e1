package sparkprop.peer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import sparkprop.LocalSpark;
import sparkprop.app.ModelOptions;
import sparkprop.app.PreparedRows;
import sparkprop.model.MllibModels;
import sparkprop.model.Model;
import sparkprop.app.ModelLoader;

/**
 * The README's table, run by hand (not a test): a 784-20-10 model trained and saved by MLlib (default
 * solver, blocks of 128) on the bundled sample's first 2,000 rows, then MLlib's gradient error on those
 * rows at 1, 2 and 7 partitions:
 * {@code mvn -q -Papparatus process-test-classes -Dapparatus=MllibGapTable}. With {@code fashion DIR},
 * the same call at scale ({@link #fashionMnist}).
 */
final class MllibGapTable {
  private MllibGapTable() {}

  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("fashion")) fashionMnist(args.length > 1 ? args[1]
        : "/usr/share/datasets/fashion-mnist");
    else printTable(args.length > 0 ? Integer.parseInt(args[0]) : 20);
  }

  /**
   * {@link GradientError#measure} on Fashion-MNIST's 60,000 training rows at 1, 2, 7 and 48
   * partitions, for a random 784-20-10 sigmoid network:
   * {@code -Dapparatus="MllibGapTable fashion /usr/share/datasets/fashion-mnist"}.
   */
  static void fashionMnist(String folder) {
    Model model = new Model(sparkprop.nn.Parameters.random(new sparkprop.nn.Layout(784, 20, 10), sparkprop.nn.Init.KAIMING, 1),
        PeerFixtures.MLLIB, null);
    for (int p : new int[] {1, 2, 7, 48}) {
      sparkprop.app.DataOptions o = new sparkprop.app.DataOptions();
      o.data = folder;
      o.partitions = p;
      PreparedRows data = PreparedRows.open(LocalSpark.context(), o,
          new sparkprop.read.HadoopConf(LocalSpark.context().hadoopConfiguration()));
      try {
        long t0 = System.nanoTime();
        GradientError e = GradientError.measure(LocalSpark.context(), data.rows, model, 128);
        System.out.printf(Locale.ROOT, "Fashion-MNIST %d rows, %d partitions: %s (%.1f s)%n", data.count, p, e,
            (System.nanoTime() - t0) / 1e9);
      } finally {
        data.release();
      }
    }
  }

  /** The table with MLlib's model fitted in {@code maxIter} L-BFGS iterations ({@code -Dapparatus="MllibGapTable 20"}). */
  static void printTable(int maxIter) throws IOException {
    int rows = 2000;
    int[] layers = {784, 20, 10};
    long t0 = System.nanoTime();
    String dir = MllibModels.mlp(new MllibModels.Fit(rows, 1234, maxIter), layers).dir;
    System.out.printf(Locale.ROOT, "trained (L-BFGS, %d iterations) and saved %s in %.1f s%n", maxIter, dir,
        (System.nanoTime() - t0) / 1e9);

    ModelOptions mo = new ModelOptions();
    mo.weights = dir;
    Model model = ModelLoader.load(mo, 784, LocalSpark.context().hadoopConfiguration());
    StringBuilder table = new StringBuilder(
        "| partitions | blocks (per partition) | max gap / max element | re-weighted | MLlib's loss | exact loss |\n"
            + "| --- | --- | --- | --- | --- | --- |\n");
    for (int p : new int[] {1, 2, 7}) {
      PreparedRows data = PeerFixtures.rows(rows, p);
      try {
        t0 = System.nanoTime();
        MllibMeasurement m = MllibPeer.measure(LocalSpark.context(), data.rows, model, 128);
        GradientError e = GradientError.measure(LocalSpark.context(), data.rows, model, 128);
        System.out.printf(Locale.ROOT, "%d partitions: %s (%.1f s); loss MLlib %.17g, re-weighted %.17g, exact %.17g%n", p, e,
            (System.nanoTime() - t0) / 1e9, m.mllib.loss, m.reweighted.loss, e.exactLoss());
        List<String> blocks = new ArrayList<>();
        for (int q = 0; q < m.blockRows.size(); q++) blocks.add(m.describe(q));
        table.append(String.format(Locale.ROOT, "| %d | %d (%s) | %.2e | %.1e | %.5g | %.5g |%n", p, e.blocks(),
            String.join(", ", blocks), e.relative(), e.reweightedRelative(), e.mllibLoss(), e.exactLoss()));
      } finally {
        data.release();
      }
    }
    System.out.print(table);
  }
}
