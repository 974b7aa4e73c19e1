package sparkprop.read;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import sparkprop.app.DataOptions;
import sparkprop.app.PreparedRows;
import sparkprop.rows.RowChunk;

/**
 * What caching a dataset's rows costs from a Spark table against the IDX path, in the same run: the
 * IDX files at {@code DATA} are written once as Parquet and ORC tables with MLlib's (label double,
 * features vector) columns by Spark's own writer — dense vectors, and sparse ones as
 * {@code Vector.compressed} makes them for images mostly black — two files each; then each source is
 * opened, read by 2 tasks and cached exactly as {@code check} and {@code train} do it
 * ({@link PreparedRows#open}), {@code ROUNDS} times in turn, and the medians compared:
 * {@code mvn -q -Papparatus process-test-classes -Dapparatus="TableCaching [DATA] [ROUNDS]"}.
 */
public final class TableCaching {
  private TableCaching() {}

  public static void main(String[] args) throws Exception {
    String data = args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    JavaSparkContext sc = sparkprop.Apparatus.spark("table-caching", "local[2]");
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    RowChunk rows = RowSources.open(data, null, RowSources.DEFAULT_PIXEL_MAX, conf.get()).readPart(0, 1, conf.get()).next();
    Path dir = Files.createTempDirectory("sparkprop-table-caching");
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("idx", data);
    sources.put("parquet dense vectors", write(sc, rows, dir.resolve("dense.parquet"), "parquet", false));
    sources.put("parquet sparse vectors", write(sc, rows, dir.resolve("sparse.parquet"), "parquet", true));
    sources.put("orc dense vectors", write(sc, rows, dir.resolve("dense.orc"), "orc", false));
    Map<String, List<Double>> ms = new LinkedHashMap<>();
    for (String s : sources.keySet()) ms.put(s, new ArrayList<>());
    for (int round = -1; round < rounds; round++) { // round -1 warms every path up, untimed
      for (Map.Entry<String, String> s : sources.entrySet()) {
        DataOptions o = new DataOptions();
        o.data = s.getValue();
        o.partitions = 2;
        long t0 = System.nanoTime();
        PreparedRows p = PreparedRows.open(sc, o, conf);
        double took = (System.nanoTime() - t0) / 1e6;
        if (p.count != rows.count) throw new IllegalStateException(s.getKey() + ": " + p.count + " rows");
        p.parts.unpersist(true);
        if (round >= 0) ms.get(s.getKey()).add(took);
      }
    }
    double idx = median(ms.get("idx"));
    System.out.printf(Locale.ROOT, "caching %d rows of %d pixels, 2 partitions, local[2], median of %d rounds:%n",
        rows.count, rows.width, rounds);
    for (Map.Entry<String, List<Double>> e : ms.entrySet()) {
      double m = median(e.getValue());
      System.out.printf(Locale.ROOT, "  %-24s %8.0f ms  %5.2fx idx   (rounds: %s)%n", e.getKey(), m, m / idx,
          e.getValue().stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }
    sc.stop();
  }

  private static String write(JavaSparkContext sc, RowChunk rows, Path folder, String format, boolean sparse) {
    List<Row> out = new ArrayList<>(rows.count);
    for (int r = 0; r < rows.count; r++) {
      double[] grey = new double[rows.width];
      for (int j = 0; j < grey.length; j++) grey[j] = rows.pixel(r, j);
      Vector v = Vectors.dense(grey);
      out.add(RowFactory.create((double) rows.labels[r], sparse ? v.compressed() : v));
    }
    StructType schema = new StructType(new StructField[] {
        new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("features", SQLDataTypes.VectorType(), true, Metadata.empty())});
    SparkSession.builder().sparkContext(sc.sc()).getOrCreate().createDataFrame(sc.parallelize(out, 2), schema)
        .write().format(format).save(folder.toString());
    return folder.toString();
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}
