package sparkprop.read;

import java.io.Serializable;

/**
 * Which columns of a Spark table hold a row's pixels and its label ({@code --features-col},
 * {@code --label-col}); MLlib's names by default.
 *
 * @param features the features column: a VectorUDT, an array of numbers or binary; when the table has
 *     no column of this name (and it is the default), every other numeric column is a pixel
 * @param label the label column: integral or floating, holding a whole class number
 */
public record TableColumns(String features, String label) implements Serializable {
  public static final String DEFAULT_FEATURES = "features";
  public static final String DEFAULT_LABEL = "label";
  public static final TableColumns DEFAULT = new TableColumns(DEFAULT_FEATURES, DEFAULT_LABEL);

  /** Whether the features column is MLlib's default name, so that its absence means "numeric columns". */
  public boolean defaultFeatures() {
    return DEFAULT_FEATURES.equals(features);
  }
}
