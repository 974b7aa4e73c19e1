package sparkprop.read.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes tensors as a safetensors file that {@code safetensors.torch.load_file} (and
 * {@link SafetensorsReader}) reads: the 8-byte little-endian header length, the header as compact JSON
 * ({@code __metadata__} first when there is any, then each tensor with dtype {@code F64}, its shape and
 * its {@code data_offsets}) padded with spaces to a multiple of 8 bytes, as the reference writer pads
 * it, and the values as little-endian float64 in list order, each tensor right after the previous one.
 * The output is deterministic: the same tensors and metadata give the same bytes.
 */
public final class SafetensorsWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private SafetensorsWriter() {}

  /**
   * The file's bytes; each tensor's values are written as float64 whatever its {@link SafeTensor#dtype()}.
   *
   * @throws IllegalArgumentException if two tensors share a name or one is named {@code __metadata__}
   */
  public static byte[] bytes(List<SafeTensor> tensors, Map<String, String> metadata) {
    byte[] header = header(tensors, metadata);
    long length = 8L + header.length;
    for (SafeTensor t : tensors) length += 8L * t.values().length;
    if (length > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("tensors too large for one array: " + length + " bytes");
    ByteBuffer out = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(header.length).put(header);
    for (SafeTensor t : tensors) {
      out.asDoubleBuffer().put(t.values()); // a view from the current position, which it does not move
      out.position(out.position() + 8 * t.values().length);
    }
    return out.array();
  }

  private static byte[] header(List<SafeTensor> tensors, Map<String, String> metadata) {
    Set<String> names = new HashSet<>();
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(json)) {
      g.writeStartObject();
      if (!metadata.isEmpty()) {
        g.writeObjectFieldStart(SafetensorsHeader.METADATA);
        for (Map.Entry<String, String> e : metadata.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
      }
      long at = 0;
      for (SafeTensor t : tensors) {
        if (t.name().equals(SafetensorsHeader.METADATA) || !names.add(t.name())) {
          throw new IllegalArgumentException("tensor name '" + t.name() + "' taken");
        }
        long end = at + 8L * t.values().length;
        g.writeObjectFieldStart(t.name());
        g.writeStringField("dtype", SafeDtype.F64.name());
        g.writeFieldName("shape");
        g.writeArray(t.shape(), 0, t.shape().length);
        g.writeFieldName("data_offsets");
        g.writeArray(new long[] {at, end}, 0, 2);
        g.writeEndObject();
        at = end;
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int pad = (8 - json.size() % 8) % 8;
    json.write(" ".repeat(pad).getBytes(StandardCharsets.US_ASCII), 0, pad);
    return json.toByteArray();
  }
}
