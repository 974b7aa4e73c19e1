package sparkprop.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One protocol-buffers message being written, field after field, in the wire format
 * (protobuf.dev, "Encoding"): each field a tag {@code (number << 3) | wire type} as a varint, then
 * its value — wire type 0 a varint (int32, int64, enum; a negative int64 as its two's complement,
 * ten bytes), wire type 2 a varint length and that many bytes (string, bytes, an embedded message).
 * Only what {@link OnnxModel} writes; a field is written when called, so defaults are left out by
 * not calling.
 */
final class ProtobufMessage {
  private static final int VARINT = 0;
  private static final int LENGTH_DELIMITED = 2;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProtobufMessage varint(int field, long value) {
    tag(field, VARINT);
    raw(value);
    return this;
  }

  ProtobufMessage string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtobufMessage bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    raw(value.length);
    out.write(value, 0, value.length);
    return this;
  }

  ProtobufMessage message(int field, ProtobufMessage value) {
    return bytes(field, value.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void tag(int field, int wireType) {
    raw(((long) field << 3) | wireType);
  }

  /** Base-128 varint: seven bits a byte, least significant first, the high bit set on all but the last. */
  private void raw(long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
