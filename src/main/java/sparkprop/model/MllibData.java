package sparkprop.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import sparkprop.BadInputException;

/**
 * {@code DIR/data/part-*.parquet}: the one row of a saved MLlib MLP, its {@code weights} vector (dense or
 * sparse) and, from Spark 2.x, its {@code layers} (see {@link MllibModel}).
 *
 * <p>Bounded before anything is materialized: each part's footer says how many values its columns hold,
 * and they must not exceed {@code maxValues} (what the layers need, or what the driver's heap can hold);
 * a sparse vector's declared size is checked by {@link MllibModel} before its array is allocated, so a
 * Parquet file of a few hundred bytes cannot ask for gigabytes.
 */
final class MllibData {
  final String file;
  /** Vector type 1 (dense): values are the weights. Type 0 (sparse): {@link #size} with indices and values. */
  final boolean dense;
  final int size;
  final int[] indices;
  final double[] values;
  /** The Spark 2.x column, or null. */
  final int[] layers;

  private MllibData(String file, boolean dense, int size, int[] indices, double[] values, int[] layers) {
    this.file = file;
    this.dense = dense;
    this.size = size;
    this.indices = indices;
    this.values = values;
    this.layers = layers;
  }

  /** How many weights the vector holds: its length when dense, its declared size when sparse. */
  long length() {
    return dense ? values.length : size;
  }

  /** The weights as one dense array; call only after {@link #length} has been checked. */
  double[] weights(String dir) {
    if (dense) return values;
    double[] weights = new double[size];
    for (int j = 0; j < indices.length; j++) {
      if (indices[j] < 0 || indices[j] >= size) {
        throw BadInputException.inFile(dir, file + ": sparse 'weights' index " + indices[j] + " is outside [0, " + size + ")");
      }
      weights[indices[j]] = values[j];
    }
    return weights;
  }

  /**
   * Reads the one row; {@code maxValues} bounds the values of each part's columns (read from its footer
   * first), {@code limit} says in words where the bound comes from.
   */
  static MllibData read(String dir, FileSystem fs, Path root, Configuration conf, long maxValues, String limit) {
    List<FileStatus> parts = MllibModel.parts(dir, fs, root, "data",
        "no data/ folder (a saved model holds metadata/ and data/, the weights)");
    if (parts.isEmpty()) throw BadInputException.inFile(dir, "data/ holds no Parquet part file");
    Group row = null;
    String rowFile = null;
    for (FileStatus part : parts) {
      String file = "data/" + part.getPath().getName();
      try {
        long values = values(part.getPath(), conf);
        if (values > maxValues) {
          throw BadInputException.inFile(dir, file + " holds " + String.format("%,d", values) + " values, more than "
              + String.format("%,d", maxValues) + " (" + limit + ")");
        }
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), part.getPath()).withConf(conf).build()) {
          for (Group g = reader.read(); g != null; g = reader.read()) {
            if (row != null) throw BadInputException.inFile(dir, "data/ holds more than one row (" + rowFile + ", " + file + ")");
            row = g;
            rowFile = file;
          }
        }
      } catch (BadInputException e) {
        throw e;
      } catch (IOException | RuntimeException e) { // parquet reports a malformed file as a RuntimeException
        throw BadInputException.inFile(dir, file + ": not a readable Parquet file (" + MllibModel.oneLine(e) + ")");
      }
    }
    if (row == null) throw BadInputException.inFile(dir, "data/ holds no row (files: " + MllibModel.names(parts) + ")");
    return decode(dir, rowFile, row);
  }

  /** The values of every column chunk of a Parquet file, from its footer alone. */
  private static long values(Path path, Configuration conf) throws IOException {
    long n = 0;
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
      for (BlockMetaData block : r.getFooter().getBlocks()) {
        for (ColumnChunkMetaData column : block.getColumns()) n += column.getValueCount();
      }
    }
    return n;
  }

  private static MllibData decode(String dir, String file, Group row) {
    GroupType schema = row.getType();
    if (!schema.containsField("weights")) {
      throw BadInputException.inFile(dir, file + " has no 'weights' column (columns: " + columns(schema) + ")");
    }
    Type wt = schema.getType("weights");
    if (!isVector(wt)) {
      throw BadInputException.inFile(dir, file + ": 'weights' is not a Spark ML vector (" + MllibModel.oneLine(wt.toString()) + ")");
    }
    if (row.getFieldRepetitionCount("weights") == 0) throw BadInputException.inFile(dir, file + ": 'weights' is null");
    Group v = row.getGroup("weights", 0);
    double[] values = doubles(dir, file, v, "values");
    int type = v.getInteger("type", 0);
    int size = 0;
    int[] indices = null;
    if (type == 0) {
      indices = ints(dir, file, v, "indices");
      if (v.getFieldRepetitionCount("size") == 0) throw BadInputException.inFile(dir, file + ": a sparse 'weights' without a size");
      size = v.getInteger("size", 0);
      if (size < 0 || indices.length != values.length) {
        throw BadInputException.inFile(dir, file + ": a sparse 'weights' of size " + size + " with " + indices.length
            + " indices and " + values.length + " values");
      }
    } else if (type != 1) {
      throw BadInputException.inFile(dir, file + ": 'weights' has vector type " + type + " (expected 0 sparse or 1 dense)");
    }
    int[] layers = null;
    if (schema.containsField("layers")) {
      if (!isList(schema.getType("layers"), PrimitiveTypeName.INT32)) {
        throw BadInputException.inFile(dir, file + ": 'layers' is not a list of integers ("
            + MllibModel.oneLine(schema.getType("layers").toString()) + ")");
      }
      layers = ints(dir, file, row, "layers");
    }
    return new MllibData(file, type == 1, size, indices, values, layers);
  }

  /** Spark's VectorUDT as Parquet: a group of type (int32), size (int32), indices (int32 list), values (double list). */
  private static boolean isVector(Type t) {
    if (t.isPrimitive()) return false;
    GroupType g = t.asGroupType();
    return g.containsField("type") && isPrimitive(g.getType("type"), PrimitiveTypeName.INT32)
        && g.containsField("size") && isPrimitive(g.getType("size"), PrimitiveTypeName.INT32)
        && g.containsField("indices") && isList(g.getType("indices"), PrimitiveTypeName.INT32)
        && g.containsField("values") && isList(g.getType("values"), PrimitiveTypeName.DOUBLE);
  }

  private static boolean isPrimitive(Type t, PrimitiveTypeName name) {
    return t.isPrimitive() && t.asPrimitiveType().getPrimitiveTypeName() == name && !t.isRepetition(Type.Repetition.REPEATED);
  }

  /**
   * A Parquet list of {@code name}: a group with one repeated field that is the element itself (Spark's
   * legacy two-level form) or a group of one element field (the standard three-level form).
   */
  private static boolean isList(Type t, PrimitiveTypeName name) {
    if (t.isPrimitive() || t.asGroupType().getFieldCount() != 1) return false;
    Type rep = t.asGroupType().getType(0);
    if (!rep.isRepetition(Type.Repetition.REPEATED)) return false;
    if (rep.isPrimitive()) return rep.asPrimitiveType().getPrimitiveTypeName() == name;
    return rep.asGroupType().getFieldCount() == 1 && isPrimitive(rep.asGroupType().getType(0), name);
  }

  /** The elements of list field {@code field} of {@code parent} (checked by {@link #isList}); null list → empty. */
  private static double[] doubles(String dir, String file, Group parent, String field) {
    if (parent.getFieldRepetitionCount(field) == 0) return new double[0];
    Group list = parent.getGroup(field, 0);
    int n = list.getFieldRepetitionCount(0);
    boolean nested = !list.getType().getType(0).isPrimitive();
    double[] out = new double[n];
    for (int j = 0; j < n; j++) {
      if (!nested) {
        out[j] = list.getDouble(0, j);
      } else {
        Group e = list.getGroup(0, j);
        if (e.getFieldRepetitionCount(0) == 0) throw BadInputException.inFile(dir, file + ": '" + field + "' has a null at index " + j);
        out[j] = e.getDouble(0, 0);
      }
    }
    return out;
  }

  private static int[] ints(String dir, String file, Group parent, String field) {
    if (parent.getFieldRepetitionCount(field) == 0) return new int[0];
    Group list = parent.getGroup(field, 0);
    int n = list.getFieldRepetitionCount(0);
    boolean nested = !list.getType().getType(0).isPrimitive();
    int[] out = new int[n];
    for (int j = 0; j < n; j++) {
      if (!nested) {
        out[j] = list.getInteger(0, j);
      } else {
        Group e = list.getGroup(0, j);
        if (e.getFieldRepetitionCount(0) == 0) throw BadInputException.inFile(dir, file + ": '" + field + "' has a null at index " + j);
        out[j] = e.getInteger(0, 0);
      }
    }
    return out;
  }

  private static String columns(GroupType schema) {
    List<String> n = new ArrayList<>();
    for (Type t : schema.getFields()) n.add(t.getName());
    return String.join(", ", n);
  }
}
