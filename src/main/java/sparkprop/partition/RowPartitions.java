package sparkprop.partition;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkprop.read.HadoopConf;
import sparkprop.read.RowChunk;
import sparkprop.read.RowSource;

/**
 * The dataset as an RDD of P partitions, partition p being the source's part p of P, read by its
 * own task straight from the storage (the driver ships only the index p).
 */
public final class RowPartitions {
  private RowPartitions() {}

  public static JavaRDD<RowChunk> of(JavaSparkContext sc, RowSource source, int partitions, HadoopConf conf) {
    if (partitions <= 0) throw new IllegalArgumentException("partitions " + partitions);
    List<Integer> indices = IntStream.range(0, partitions).boxed().collect(Collectors.toList());
    return sc.parallelize(indices, partitions)
        .mapPartitionsWithIndex((p, ignored) -> source.readPart(p, partitions, conf.get()), true);
  }
}
