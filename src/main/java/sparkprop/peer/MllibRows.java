package sparkprop.peer;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.ann.DataStacker;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.rdd.RDD;
import scala.Tuple2;
import sparkprop.BadInputException;
import sparkprop.nn.PixelScale;
import sparkprop.rows.RowChunk;

/**
 * sparkprop's cached rows as MLlib's multilayer perceptron sees them, partition for partition, built
 * the way Spark 4.2 builds them:
 *
 * <ul>
 *   <li>{@code MultilayerPerceptronClassifier.train}: (features, label one-hot) pairs, the label through
 *       {@code OneHotEncoderModel} with {@code dropLast = false} (a sparse vector of the classes with 1.0
 *       at the label); here features = pixel/255, the same doubles sparkprop's {@code PixelScale.BYTE} makes;
 *   <li>{@code FeedForwardTrainer.train}: {@code DataStacker.stack} groups each partition's rows, in order,
 *       into blocks of {@code blockSize} (the last block of a partition holds the rest), then every block
 *       becomes (0.0, an mllib vector) for the optimizer.
 * </ul>
 *
 * Converting inside each partition keeps sparkprop's partitions, so MLlib's blocks are cut where they
 * would be if the DataFrame had these partitions.
 */
final class MllibRows {
  private MllibRows() {}

  /** The rows as (features, one-hot label) pairs of ml vectors, lazily, in the rows' order. */
  static JavaRDD<Tuple2<Vector, Vector>> pairs(JavaRDD<RowChunk> rows, int outputs) {
    return rows.mapPartitions(chunks -> new Pairs(chunks, outputs), true);
  }

  /** What MLlib's optimizer iterates over: one (0.0, stacked block) per block, as FeedForwardTrainer hands it. */
  static RDD<Tuple2<Object, org.apache.spark.mllib.linalg.Vector>> stacked(JavaRDD<RowChunk> rows, int inputs,
      int outputs, int blockSize) {
    RDD<Tuple2<Object, Vector>> stacked = new DataStacker(blockSize, inputs, outputs).stack(pairs(rows, outputs).rdd());
    return stacked.toJavaRDD()
        .map(t -> new Tuple2<Object, org.apache.spark.mllib.linalg.Vector>(t._1(),
            org.apache.spark.mllib.linalg.Vectors.fromML(t._2())))
        .rdd();
  }

  /** Row after row of the partition's chunks. */
  private static final class Pairs implements Iterator<Tuple2<Vector, Vector>> {
    private final Iterator<RowChunk> chunks;
    private final int outputs;
    private RowChunk chunk;
    private int row;

    Pairs(Iterator<RowChunk> chunks, int outputs) {
      this.chunks = chunks == null ? Collections.emptyIterator() : chunks;
      this.outputs = outputs;
    }

    @Override
    public boolean hasNext() {
      while (chunk == null || row >= chunk.count) {
        if (!chunks.hasNext()) return false;
        chunk = chunks.next();
        row = 0;
      }
      return true;
    }

    @Override
    public Tuple2<Vector, Vector> next() {
      if (!hasNext()) throw new NoSuchElementException();
      int r = row++;
      double[] features = new double[chunk.width];
      for (int i = 0; i < features.length; i++) features[i] = PixelScale.BYTE.toDouble(chunk.pixel(r, i));
      int label = chunk.labels[r] & 0xff;
      if (label >= outputs) {
        // MLlib's checkClassificationLabels refuses such a row too.
        throw new BadInputException("row " + chunk.rowIds[r] + ": label " + label + " is not one of the network's "
            + outputs + " classes, which MLlib's multilayer perceptron needs");
      }
      Vector oneHot = Vectors.sparse(outputs, new int[] {label}, new double[] {1.0});
      return new Tuple2<>(Vectors.dense(features), oneHot);
    }
  }
}
