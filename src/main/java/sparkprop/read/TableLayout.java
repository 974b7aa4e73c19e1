package sparkprop.read;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import sparkprop.BadInputException;

/**
 * Where a table's pixels and label are, decided from one file's columns: the features column
 * ({@link TableFieldKind#VECTOR}, {@link TableFieldKind#NUMERIC_ARRAY} or {@link TableFieldKind#BINARY}),
 * or — when the table has no column of the default name {@code features} — every numeric column but
 * the label and the partition columns, in schema order (XGBoost's {@code pixel0 … pixel783}).
 */
final class TableLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How the pixels are held. */
  final TableFieldKind features;
  /** The pixel columns: the features column alone, or every numeric pixel column in schema order. */
  final String[] pixelColumns;
  final String label;

  private TableLayout(TableFieldKind features, String[] pixelColumns, String label) {
    this.features = features;
    this.pixelColumns = pixelColumns;
    this.label = label;
  }

  /** One column per pixel (rather than one column holding them all). */
  boolean columnPerPixel() {
    return features == TableFieldKind.INTEGRAL;
  }

  /**
   * The layout of a file with these columns.
   *
   * @param partitionColumns names taken from {@code name=value} folders, never pixels
   * @throws BadInputException naming {@code file} if the label or the features are missing or mistyped
   */
  static TableLayout of(String file, List<TableField> fields, TableColumns columns, Set<String> partitionColumns) {
    TableField label = find(fields, columns.label());
    if (label == null) {
      throw BadInputException.inFile(file, "no label column '" + columns.label() + "' (columns: " + names(fields)
          + "; name it with --label-col)");
    }
    if (!label.kind().numeric()) {
      throw BadInputException.inFile(file, "column " + label.name() + ": " + label.typeName()
          + ", expected an integral or floating label");
    }
    TableField features = find(fields, columns.features());
    if (features != null) {
      if (!features.kind().features()) {
        throw BadInputException.inFile(file, "column " + features.name() + ": " + features.typeName()
            + ", expected an MLlib vector, an array of numbers or binary");
      }
      return new TableLayout(features.kind(), new String[] {features.name()}, label.name());
    }
    if (!columns.defaultFeatures()) {
      throw BadInputException.inFile(file, "no features column '" + columns.features() + "' (columns: " + names(fields) + ")");
    }
    List<String> pixels = new ArrayList<>();
    for (TableField f : fields) {
      if (f.kind().numeric() && !f.name().equals(label.name()) && !partitionColumns.contains(f.name())) pixels.add(f.name());
    }
    if (pixels.isEmpty()) {
      throw BadInputException.inFile(file, "no features column '" + columns.features()
          + "' and no numeric pixel columns (columns: " + names(fields) + "; name it with --features-col)");
    }
    return new TableLayout(TableFieldKind.INTEGRAL, pixels.toArray(new String[0]), label.name());
  }

  private static TableField find(List<TableField> fields, String name) {
    for (TableField f : fields) if (f.name().equals(name)) return f;
    return null;
  }

  private static String names(List<TableField> fields) {
    StringBuilder b = new StringBuilder();
    int shown = Math.min(fields.size(), 8);
    for (int i = 0; i < shown; i++) b.append(i > 0 ? ", " : "").append(fields.get(i).name());
    if (shown < fields.size()) b.append(", ... (").append(fields.size()).append(" in all)");
    return fields.isEmpty() ? "none" : b.toString();
  }

  /** The column a pixel comes from, for messages. */
  String pixelColumn(int pixel) {
    return columnPerPixel() ? pixelColumns[pixel] : pixelColumns[0];
  }

  @Override
  public String toString() {
    return columnPerPixel() ? pixelColumns.length + " numeric columns" : pixelColumns[0] + " (" + features + ")";
  }
}
