package sparkprop.bench;

import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.RDDInfo;
import scala.Tuple2;
import sparkprop.rows.RowChunk;

/** Spark's storage memory as the scaling sweep sees it: what caching rows costs, what is free, what got cached. */
final class CacheStorage {
  /** Bytes one cached row takes besides its pixels: its label and its long id. */
  private static final int ROW_OVERHEAD = 1 + 8;

  private CacheStorage() {}

  /** What caching {@code rows} rows costs: pixels, label and id per row (the chunks' own overhead is small). */
  static double cachedBytes(long rows, int m) {
    return (double) rows * (m + ROW_OVERHEAD);
  }

  /** Storage memory free for caching now, over the executors (in local mode: the driver's). */
  static long freeStorage(JavaSparkContext sc) {
    long free = 0;
    for (Tuple2<Object, Object> t : status(sc).values()) free += (Long) t._2();
    return free;
  }

  static long maxStorage(JavaSparkContext sc) {
    long max = 0;
    for (Tuple2<Object, Object> t : status(sc).values()) max += (Long) t._1();
    return max;
  }

  static boolean fullyCached(JavaSparkContext sc, JavaRDD<RowChunk> rows) {
    RDD<RowChunk> rdd = rows.rdd();
    for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
      if (info.id() == rdd.id()) return info.numCachedPartitions() == info.numPartitions();
    }
    return false;
  }

  private static Map<String, Tuple2<Object, Object>> status(JavaSparkContext sc) {
    return scala.jdk.javaapi.CollectionConverters.asJava(sc.sc().getExecutorMemoryStatus());
  }
}
