package sparkprop.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import sparkprop.LocalSpark;
import sparkprop.rows.RowChunk;

/**
 * Digits written as Spark tables by Spark's own writers ({@code df.write().parquet/orc}), the way a
 * pipeline leaves them: one file per RDD partition, in row order.
 */
public final class SparkTables {
  private SparkTables() {}

  /** How a table holds the pixels. */
  public enum Layout {
    /** MLlib's VectorUDT column {@code features}: even rows dense, odd rows sparse. */
    VECTOR,
    /** {@code features: array<int>} of grey levels. */
    INT_ARRAY,
    /** {@code pixel0 … pixel783} integer columns, the label first. */
    INT_COLUMNS,
    /** {@code features: array<double>} of k/255, for {@code --pixel-max 1}. */
    SCALED_DOUBLES,
    /** {@code features: binary}, one byte per pixel. */
    BINARY
  }

  public static SparkSession spark() {
    return SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate();
  }

  /** Writes {@code rows} as a table at {@code folder} in {@code format} ("parquet", "orc") as {@code files} files. */
  public static Path write(Path folder, RowChunk rows, Layout layout, String format, int files) {
    List<Row> out = new ArrayList<>();
    for (int r = 0; r < rows.count; r++) out.add(row(rows, r, layout));
    return write(folder, out, schema(layout, rows.width), format, files);
  }

  /** Writes any rows of any schema as a table. */
  public static Path write(Path folder, List<Row> rows, StructType schema, String format, int files) {
    spark().createDataFrame(LocalSpark.context().parallelize(rows, files), schema).write().format(format)
        .save(folder.toString());
    return folder;
  }

  static StructType schema(Layout layout, int width) {
    StructField label = new StructField("label", DataTypes.DoubleType, false, org.apache.spark.sql.types.Metadata.empty());
    switch (layout) {
      case VECTOR:
        return new StructType(new StructField[] {label, field("features", SQLDataTypes.VectorType())});
      case INT_ARRAY:
        return new StructType(new StructField[] {label, field("features", DataTypes.createArrayType(DataTypes.IntegerType))});
      case SCALED_DOUBLES:
        return new StructType(new StructField[] {label, field("features", DataTypes.createArrayType(DataTypes.DoubleType))});
      case BINARY:
        return new StructType(new StructField[] {label, field("features", DataTypes.BinaryType)});
      default: {
        StructField[] f = new StructField[width + 1];
        f[0] = field("label", DataTypes.IntegerType);
        for (int j = 0; j < width; j++) f[j + 1] = field("pixel" + j, DataTypes.IntegerType);
        return new StructType(f);
      }
    }
  }

  public static StructField field(String name, DataType type) {
    return new StructField(name, type, true, org.apache.spark.sql.types.Metadata.empty());
  }

  private static Row row(RowChunk rows, int r, Layout layout) {
    int m = rows.width;
    double label = rows.labels[r];
    double[] grey = new double[m];
    for (int j = 0; j < m; j++) grey[j] = rows.pixels[r * m + j] & 0xff;
    switch (layout) {
      case VECTOR: {
        Vector v = Vectors.dense(grey);
        return RowFactory.create(label, r % 2 == 0 ? v.toDense() : v.toSparse());
      }
      case INT_ARRAY: {
        int[] a = new int[m];
        for (int j = 0; j < m; j++) a[j] = (int) grey[j];
        return RowFactory.create(label, a);
      }
      case SCALED_DOUBLES: {
        double[] a = new double[m];
        for (int j = 0; j < m; j++) a[j] = grey[j] / 255;
        return RowFactory.create(label, a);
      }
      case BINARY:
        return RowFactory.create(label, java.util.Arrays.copyOfRange(rows.pixels, r * m, (r + 1) * m));
      default: {
        Object[] values = new Object[m + 1];
        values[0] = (int) rows.labels[r];
        for (int j = 0; j < m; j++) values[j + 1] = (int) grey[j];
        return RowFactory.create(values);
      }
    }
  }
}
