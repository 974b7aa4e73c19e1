package sparkprop.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import sparkprop.partition.RowPartitions;
import sparkprop.partition.SelectedRows;
import sparkprop.read.HadoopConf;
import sparkprop.read.IdxDataset;
import sparkprop.rows.RowChunk;

/**
 * The race's training and test rows for MLlib, cached before any fit: sparkprop's partitions of the
 * rows, as DataFrames of (label, features). Closing unpersists them.
 */
final class RaceRows implements AutoCloseable {
  private final JavaRDD<RowChunk> trainChunks;
  private final JavaRDD<RowChunk> testChunks;
  final Dataset<Row> train;
  final Dataset<Row> test;
  final long trainCount;
  final long testCount;

  RaceRows(JavaSparkContext sc, IdxDataset trainData, IdxDataset testData, int partitions, HadoopConf conf) {
    trainChunks = RowPartitions.of(sc, trainData, partitions, conf).persist(StorageLevel.MEMORY_ONLY());
    testChunks = RowPartitions.of(sc, testData, partitions, conf).persist(StorageLevel.MEMORY_ONLY());
    SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    train = MllibMlp.dataFrame(spark, trainChunks).persist(StorageLevel.MEMORY_ONLY());
    test = MllibMlp.dataFrame(spark, testChunks).persist(StorageLevel.MEMORY_ONLY());
    trainCount = SelectedRows.count(trainChunks);
    testCount = SelectedRows.count(testChunks);
    train.count();
    test.count();
  }

  @Override
  public void close() {
    train.unpersist(true);
    test.unpersist(true);
    trainChunks.unpersist(true);
    testChunks.unpersist(true);
  }
}
