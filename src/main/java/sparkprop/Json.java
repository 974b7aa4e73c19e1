package sparkprop;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON files sparkprop writes, through Jackson databind over records: a record's components are
 * the keys, in their order, camelCase in Java and snake_case in the file ({@code maxAbsDiff} →
 * {@code max_abs_diff}; {@code @JsonProperty} names the odd one). A record lives in the package of
 * the command that writes it and is named for what it holds ({@code check/CheckReportJson}: check's
 * report.json); a static {@code of(...)} builds it from the command's result.
 *
 * <p>Numbers JSON cannot hold: NaN and ±∞ are written as {@code null}. The keys that wrote them as
 * the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} before this rule (Jackson's
 * default) keep doing so, marked {@link NonFiniteAsString}; a new key is never marked.
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .registerModule(new SimpleModule("sparkprop-non-finite-as-null")
          .addSerializer(Double.class, new NonFiniteAsNull<>(Double.class))
          .addSerializer(double.class, new NonFiniteAsNull<>(double.class))
          .addSerializer(double[].class, new NonFiniteAsNullArray()));
  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private Json() {}

  /** The document indented, as report.json, bench.json and checkpoint.json are. */
  public static byte[] pretty(Object document) {
    try {
      return PRETTY.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The document on one line with a line feed, as markers and lock files are. */
  public static byte[] line(Object document) {
    try {
      return (MAPPER.writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * On a key that wrote NaN and ±∞ as the strings "NaN", "Infinity", "-Infinity" before sparkprop wrote
   * them as null: it keeps doing so, for the pipelines that read it. On a number, an array of numbers,
   * or a map or list whose values are numbers. Never on a new key.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
  @JacksonAnnotationsInside
  @JsonSerialize(using = NonFiniteAsStringWriter.class)
  public @interface NonFiniteAsString {}

  /** A finite number as Jackson writes it; NaN and ±∞ as null. */
  private static final class NonFiniteAsNull<T extends Double> extends StdSerializer<T> {
    NonFiniteAsNull(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T v, JsonGenerator g, SerializerProvider p) throws IOException {
      number(v, g);
    }
  }

  private static final class NonFiniteAsNullArray extends StdSerializer<double[]> {
    NonFiniteAsNullArray() {
      super(double[].class);
    }

    @Override
    public void serialize(double[] v, JsonGenerator g, SerializerProvider p) throws IOException {
      g.writeStartArray(v, v.length);
      for (double x : v) number(x, g);
      g.writeEndArray();
    }
  }

  private static void number(double v, JsonGenerator g) throws IOException {
    if (Double.isFinite(v)) g.writeNumber(v);
    else g.writeNull();
  }

  /** Jackson's own encoding: a finite number as it is, NaN and ±∞ as strings (WRITE_NAN_AS_STRINGS). */
  static final class NonFiniteAsStringWriter extends StdSerializer<Object> {
    NonFiniteAsStringWriter() {
      super(Object.class);
    }

    @Override
    public void serialize(Object v, JsonGenerator g, SerializerProvider p) throws IOException {
      if (v instanceof Double d) {
        g.writeNumber(d);
      } else if (v instanceof double[] a) {
        g.writeStartArray(a, a.length);
        for (double x : a) g.writeNumber(x);
        g.writeEndArray();
      } else if (v instanceof Map<?, ?> m) {
        g.writeStartObject(m);
        for (Map.Entry<?, ?> e : m.entrySet()) {
          g.writeFieldName(String.valueOf(e.getKey()));
          serialize(e.getValue(), g, p);
        }
        g.writeEndObject();
      } else if (v instanceof Collection<?> c) {
        g.writeStartArray(c, c.size());
        for (Object x : c) serialize(x, g, p);
        g.writeEndArray();
      } else {
        p.defaultSerializeValue(v, g);
      }
    }
  }
}
