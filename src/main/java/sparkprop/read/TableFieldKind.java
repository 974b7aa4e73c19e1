package sparkprop.read;

/** What a table's top-level column holds, whatever the file format says it in. */
enum TableFieldKind {
  /** byte, short, int, long. */
  INTEGRAL,
  /** float, double. */
  FLOATING,
  /** bytes: one unsigned byte per pixel. */
  BINARY,
  /** array of byte, short, int, long, float or double. */
  NUMERIC_ARRAY,
  /** MLlib's VectorUDT: struct&lt;type: byte, size: int, indices: array&lt;int&gt;, values: array&lt;double&gt;&gt;. */
  VECTOR,
  /** anything else (strings, maps, decimals, …). */
  OTHER;

  boolean numeric() {
    return this == INTEGRAL || this == FLOATING;
  }

  boolean features() {
    return this == BINARY || this == NUMERIC_ARRAY || this == VECTOR;
  }

  /** The names of VectorUDT's struct fields, in Spark's order. */
  static final String[] VECTOR_FIELDS = {"type", "size", "indices", "values"};
}
