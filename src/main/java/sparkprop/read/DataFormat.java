package sparkprop.read;

import java.util.Locale;
import sparkprop.BadInputException;

/** The layouts a dataset can have on disk; see {@link RowSources} for how each is found and read. */
public enum DataFormat {
  /** MNIST's own: {@code *images-idx3-ubyte[.gz]} and {@code *labels-idx1-ubyte[.gz]} in a folder. */
  IDX,
  /** A folder tree {@code ROOT/LABEL/ANY.png}, LABEL a digit 0–9. */
  PNG,
  /** {@code label,pixel0,…,pixel(m-1)} text, one row per line: a .csv file or a folder of them. */
  CSV,
  /** {@code label index:value …} text, one row per line: a file or a folder of them. */
  LIBSVM,
  /** A Spark table's Parquet files ({@code part-*.parquet}, partition folders {@code name=value/}), or one. */
  PARQUET,
  /** A Spark table's ORC files ({@code *.orc}, partition folders {@code name=value/}), or one. */
  ORC;

  /** Parquet or ORC: a table with named, typed columns. */
  public boolean table() {
    return this == PARQUET || this == ORC;
  }

  /** The name used by {@code --format}: idx, png, csv, libsvm, parquet, orc. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format named {@code name} (case-insensitive).
   *
   * @throws BadInputException naming the known formats if there is no such format
   */
  public static DataFormat parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (DataFormat f : values()) {
      if (f.label().equals(n)) return f;
    }
    throw new BadInputException("--format: unknown format '" + name + "' (expected " + names() + ")");
  }

  /** "idx, png, csv, libsvm, parquet or orc". */
  static String names() {
    StringBuilder b = new StringBuilder();
    DataFormat[] all = values();
    for (int i = 0; i < all.length; i++) {
      if (i > 0) b.append(i == all.length - 1 ? " or " : ", ");
      b.append(all[i].label());
    }
    return b.toString();
  }
}
