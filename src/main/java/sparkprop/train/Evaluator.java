package sparkprop.train;

import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import sparkprop.nn.Architecture;
import sparkprop.nn.GradientPass;
import sparkprop.nn.Matrix;
import sparkprop.nn.Network;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.rows.RowChunk;

/**
 * Evaluates the network on cached rows: a forward pass per partition, each partition's loss sum and
 * confusion counts collected and added on the driver in partition order (so the loss is the same bits
 * on every run).
 */
final class Evaluator {
  private final JavaSparkContext sc;
  private final JavaRDD<RowChunk> rows;
  private final Architecture architecture;
  private final Precision precision;
  private final int blockRows;

  Evaluator(JavaSparkContext sc, JavaRDD<RowChunk> rows, Architecture architecture, Precision precision, int blockRows) {
    this.sc = sc;
    this.rows = rows;
    this.architecture = architecture;
    this.precision = precision;
    this.blockRows = blockRows;
  }

  Evaluation at(Parameters theta) {
    Broadcast<Parameters> b = sc.broadcast(theta);
    try {
      Architecture a = architecture;
      Precision p = precision;
      int block = blockRows;
      List<Evaluation> parts = rows.mapPartitions(chunks -> {
        Parameters t = b.value();
        Evaluation e = evaluate(t, a, p, block, chunks);
        return Collections.singletonList(e).iterator();
      }, true).collect();
      Evaluation total = null;
      for (Evaluation e : parts) total = total == null ? e : total.add(e);
      return total;
    } finally {
      b.destroy();
    }
  }

  /** The evaluation of θ on the chunks, on one node. */
  static Evaluation evaluate(Parameters theta, Architecture a, Precision p, int blockRows,
      java.util.Iterator<RowChunk> chunks) {
    GradientPass pass = new GradientPass(new Network(theta, a, p), blockRows, PixelScale.BYTE, false);
    int outputs = theta.layout().outputs();
    int classes = outputs == 1 ? 10 : outputs;
    Evaluation e = new Evaluation(classes, pass.termsPerRow());
    while (chunks.hasNext()) {
      RowChunk c = chunks.next();
      e.lossSum += pass.lossSum(c, (chunk, first, out) -> tally(e, chunk, first, out));
      e.rows += c.count;
    }
    return e;
  }

  private static void tally(Evaluation e, RowChunk chunk, int first, Matrix out) {
    int n = out.rows();
    for (int j = 0; j < out.cols(); j++) {
      int predicted;
      if (n == 1) {
        predicted = (int) Math.max(0, Math.min(e.classes - 1, Math.round(out.get(0, j))));
      } else {
        predicted = 0;
        for (int i = 1; i < n; i++) {
          if (out.get(i, j) > out.get(predicted, j)) predicted = i;
        }
      }
      int label = chunk.labels[first + j] & 0xff;
      if (label < e.classes) e.confusion[label][predicted]++;
    }
  }
}
