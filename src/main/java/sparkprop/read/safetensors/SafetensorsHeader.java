package sparkprop.read.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkprop.BadInputException;

/**
 * A safetensors header, parsed and checked against the file before any tensor is allocated:
 *
 * <pre>
 *   {"__metadata__": {"key": "value", …},                     optional, strings only
 *    "NAME": {"dtype": "F32", "shape": [d0, d1, …], "data_offsets": [begin, end]}, …}
 * </pre>
 *
 * The offsets are relative to the byte buffer after the header. As the format's reference
 * implementation ({@code safetensors}' {@code Metadata::validate}) demands, sorted by begin they tile
 * the buffer exactly — each begins where the previous ended, the first at 0, the last ends at the
 * buffer's end — and each spans shape's element count × the dtype's size. The header is parsed as a
 * stream (Jackson's {@link JsonParser}), never held as a tree: at most {@link #MAX_ENTRIES} entries,
 * strings of at most {@link #MAX_STRING_CHARS} characters, and all tensors together at most
 * {@link SafetensorsReader#MAX_VALUES} values, so a lying header costs its parse and no more.
 */
final class SafetensorsHeader {
  /** The most tensors (and metadata keys) a header may name: a network file has a few. */
  static final int MAX_ENTRIES = 4096;
  /** The longest string a header may hold (a name, a dtype, a metadata value). */
  static final int MAX_STRING_CHARS = 1 << 16;
  static final String METADATA = "__metadata__";

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).maxNestingDepth(8).build())
      .build();

  /** One tensor's entry: where its bytes lie in the buffer. */
  record Entry(String name, SafeDtype dtype, int[] shape, int count, long begin, long end) {}

  /** The entries in buffer order. */
  final List<Entry> entries;
  final Map<String, String> metadata;

  private SafetensorsHeader(List<Entry> entries, Map<String, String> metadata) {
    this.entries = entries;
    this.metadata = metadata;
  }

  /**
   * Parses the header's JSON from {@code json} (exactly the header's text) and checks its entries
   * against a buffer of {@code bufferBytes}.
   */
  static SafetensorsHeader parse(Reader json, long bufferBytes, String file) {
    List<Entry> entries = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw bad(file, "the header is not a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (entries.size() + metadata.size() >= MAX_ENTRIES) {
          throw bad(file, "the header names more than " + MAX_ENTRIES + " entries (SafetensorsHeader.MAX_ENTRIES)");
        }
        p.nextToken();
        if (name.equals(METADATA)) readMetadata(p, metadata, file);
        else entries.add(readEntry(p, name, file));
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw bad(file, "the header holds more than one JSON object");
      }
    } catch (JsonProcessingException e) {
      throw bad(file, "the header is not valid JSON: " + oneLine(e.getOriginalMessage()) + " (character "
          + (e.getLocation() == null ? "?" : e.getLocation().getCharOffset()) + " of the header)");
    } catch (CharacterCodingException e) {
      throw bad(file, "the header is not UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    checkTiling(entries, bufferBytes, file);
    return new SafetensorsHeader(entries, metadata);
  }

  private static void readMetadata(JsonParser p, Map<String, String> metadata, String file) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) throw bad(file, METADATA + " is not a JSON object of strings");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (p.nextToken() != JsonToken.VALUE_STRING) throw bad(file, METADATA + " key '" + key + "' is not a string");
      if (metadata.size() >= MAX_ENTRIES) throw bad(file, METADATA + " has more than " + MAX_ENTRIES + " keys");
      metadata.put(key, p.getText());
    }
  }

  private static Entry readEntry(JsonParser p, String name, String file) throws IOException {
    String where = "tensor '" + name + "'";
    if (p.currentToken() != JsonToken.START_OBJECT) throw bad(file, where + " is not a JSON object");
    String dtypeName = null;
    int[] shape = null;
    long[] offsets = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "dtype":
          if (value != JsonToken.VALUE_STRING) throw bad(file, where + ": dtype is not a string");
          dtypeName = p.getText();
          break;
        case "shape":
          shape = toShape(integers(p, where + ": shape", 64, file), where, file);
          break;
        case "data_offsets":
          offsets = integers(p, where + ": data_offsets", 2, file);
          if (offsets.length != 2) throw bad(file, where + ": data_offsets must be [begin, end]");
          break;
        default:
          throw bad(file, where + ": unexpected field '" + field + "' (a tensor has dtype, shape and data_offsets)");
      }
    }
    if (dtypeName == null || shape == null || offsets == null) {
      throw bad(file, where + ": missing " + (dtypeName == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
    }
    SafeDtype dtype = SafeDtype.of(dtypeName);
    if (dtype == null) {
      throw bad(file, where + ": dtype " + dtypeName + " is not supported (expected F64, F32, F16 or BF16)");
    }
    long count = cappedCount(shape);
    if (count > SafetensorsReader.MAX_VALUES) {
      throw bad(file, where + ": shape " + SafeTensor.shapeString(shape) + " holds more than "
          + SafetensorsReader.MAX_VALUES + " values (SafetensorsReader.MAX_VALUES)");
    }
    long begin = offsets[0];
    long end = offsets[1];
    if (end < begin) throw bad(file, where + ": data_offsets [" + begin + ", " + end + "] end before they begin");
    if (end - begin != count * dtype.size) {
      throw bad(file, where + ": data_offsets [" + begin + ", " + end + "] span " + (end - begin) + " bytes, but "
          + SafeTensor.shapeString(shape) + " of " + dtype + " takes " + count * dtype.size);
    }
    return new Entry(name, dtype, shape, (int) count, begin, end);
  }

  /** A JSON array of at most {@code max} non-negative integers below 2^53. */
  private static long[] integers(JsonParser p, String what, int max, String file) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) throw bad(file, what + " is not a JSON array");
    long[] values = new long[max];
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw bad(file, what + " holds " + describe(p, t) + ", not a whole number");
      }
      long v = p.getLongValue();
      if (v < 0 || v > (1L << 53)) throw bad(file, what + " holds " + v + ", outside 0 … 2^53");
      if (n == max) throw bad(file, what + " has more than " + max + " elements");
      values[n++] = v;
    }
    return java.util.Arrays.copyOf(values, n);
  }

  private static int[] toShape(long[] dims, String where, String file) {
    int[] shape = new int[dims.length];
    for (int k = 0; k < dims.length; k++) {
      if (dims[k] > Integer.MAX_VALUE) throw bad(file, where + ": dimension " + dims[k] + " too large");
      shape[k] = (int) dims[k];
    }
    return shape;
  }

  /** The shape's element count, or MAX_VALUES + 1 once it exceeds MAX_VALUES (64 dimensions below 2^31 overflow a long). */
  private static long cappedCount(int[] shape) {
    for (int d : shape) {
      if (d == 0) return 0;
    }
    long n = 1;
    for (int d : shape) {
      n *= d; // below 2^25 · 2^31 before the check
      if (n > SafetensorsReader.MAX_VALUES) return SafetensorsReader.MAX_VALUES + 1L;
    }
    return n;
  }

  /** Sorted by begin, the entries cover [0, bufferBytes) without gap or overlap; all of them at most MAX_VALUES values. */
  private static void checkTiling(List<Entry> entries, long bufferBytes, String file) {
    entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long values = 0;
    for (Entry e : entries) values += e.count; // each at most MAX_VALUES, at most MAX_ENTRIES of them
    if (values > SafetensorsReader.MAX_VALUES) {
      throw bad(file, "its tensors hold more than " + SafetensorsReader.MAX_VALUES + " values (SafetensorsReader.MAX_VALUES)");
    }
    long at = 0;
    Entry previous = null;
    for (Entry e : entries) {
      if (e.begin < at) {
        throw bad(file, "tensor '" + e.name + "' (bytes " + e.begin + "–" + e.end + ") overlaps tensor '" + previous.name
            + "' (bytes " + previous.begin + "–" + previous.end + ")");
      }
      if (e.begin > at) {
        throw bad(file, "no tensor covers bytes " + at + "–" + e.begin + " of the data (the offsets must tile it; next is '"
            + e.name + "')");
      }
      if (e.end > bufferBytes) {
        throw bad(file, "tensor '" + e.name + "' ends at byte " + e.end + " of the data, past its end at " + bufferBytes);
      }
      at = e.end;
      previous = e;
    }
    if (at != bufferBytes) {
      throw bad(file, "the tensors end at byte " + at + " of the data, but it holds " + bufferBytes
          + " bytes (the offsets must tile it exactly)");
    }
  }

  private static String describe(JsonParser p, JsonToken t) throws IOException {
    return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_STRING
        ? "'" + p.getText() + "'" : String.valueOf(t).toLowerCase(java.util.Locale.ROOT).replace("_", " ");
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  static BadInputException bad(String file, String problem) {
    return BadInputException.inFile(file, problem);
  }
}
