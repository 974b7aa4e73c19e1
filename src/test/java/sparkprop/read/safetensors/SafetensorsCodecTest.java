package sparkprop.read.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzReader;

/**
 * The safetensors codec against the format's specification (huggingface/safetensors README, "Format")
 * and against files written by an independent writer ({@code src/test/resources/safetensors/fixtures.py}:
 * numpy, json and struct, no safetensors package).
 */
class SafetensorsCodecTest {
  static final Path FIXTURES = Path.of("src/test/resources/safetensors");

  static SafetensorsReader.Content read(byte[] bytes) {
    return SafetensorsReader.read(new ByteArrayInputStream(bytes), bytes.length, "t.safetensors");
  }

  static SafetensorsReader.Content fixture(String name) throws IOException {
    return read(Files.readAllBytes(FIXTURES.resolve(name)));
  }

  static Map<String, NpyArray> npz(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return NpzReader.read(in, file.toString());
    }
  }

  private static final double[] ODD = {0.0, -0.0, 1.0, -1.5, Double.MIN_VALUE, Double.MAX_VALUE, Math.PI, -1e-300, 123456.789};

  /** The writer's bytes, decoded by hand from the specification: u64 length, space-padded JSON, LE float64 tiling the buffer. */
  @Test
  void theWriterLaysOutTheSpecificationsBytes() throws IOException {
    double[] w = {1, 2, 3, 4, 5, 6};
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "pt");
    meta.put("layers", "3-2");
    byte[] bytes = SafetensorsWriter.bytes(List.of(SafeTensor.f64("0.weight", new int[] {2, 3}, w),
        SafeTensor.f64("0.bias", new int[] {2}, new double[] {-0.0, 7.5}), SafeTensor.f64("s", new int[0], new double[] {9})), meta);

    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long n = b.getLong();
    assertEquals(0, (8 + n) % 8, "the buffer starts 8-byte aligned, as the reference writer pads the header");
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertTrue(header.startsWith("{"), header);
    assertEquals(header.stripTrailing().length(), header.replaceAll(" +$", "").length(), "padded with spaces only");
    JsonNode json = new ObjectMapper().readTree(header);
    assertEquals("pt", json.get("__metadata__").get("format").asText());
    assertEquals("3-2", json.get("__metadata__").get("layers").asText());
    Iterator<String> names = json.fieldNames();
    assertEquals("__metadata__", names.next());
    assertEquals(List.of("0.weight", "0.bias", "s"), List.of(names.next(), names.next(), names.next()));
    long buffer = bytes.length - 8 - n;
    String[] order = {"0.weight", "0.bias", "s"};
    long at = 0;
    for (String name : order) {
      JsonNode t = json.get(name);
      assertEquals("F64", t.get("dtype").asText());
      assertEquals(at, t.get("data_offsets").get(0).asLong(), name + " begins where the previous ended");
      at = t.get("data_offsets").get(1).asLong();
    }
    assertEquals(buffer, at, "the offsets tile the buffer exactly");
    assertEquals("[2,3]", json.get("0.weight").get("shape").toString());
    assertEquals("[]", json.get("s").get("shape").toString(), "a scalar's shape is empty");
    for (double v : w) assertEquals(Double.doubleToRawLongBits(v), b.getLong(8 + (int) n + 8 * (int) (v - 1)));
    assertEquals(Double.doubleToRawLongBits(-0.0), b.getLong(8 + (int) n + 48));
  }

  @Test
  void readsBackWhatItWritesBitForBit() {
    byte[] bytes = SafetensorsWriter.bytes(List.of(SafeTensor.f64("a", new int[] {3, 3}, ODD),
        SafeTensor.f64("empty", new int[] {0, 4}, new double[0])), Map.of());
    SafetensorsReader.Content c = read(bytes);
    assertEquals(List.of("a", "empty"), List.copyOf(c.tensors().keySet()));
    assertArrayEquals(ODD, c.tensors().get("a").values());
    assertArrayEquals(new int[] {3, 3}, c.tensors().get("a").shape());
    assertEquals(SafeDtype.F64, c.tensors().get("a").dtype());
    assertEquals(0, c.tensors().get("empty").values().length);
    assertTrue(c.metadata().isEmpty());
  }

  /** F16 and BF16 (and their subnormals, -0, the largest finite values) widened as numpy widens them. */
  @Test
  void halfAndBfloat16FromTheIndependentWriterWidenExactly() throws IOException {
    SafetensorsReader.Content c = fixture("torch-4x3x2-f16-bf16.safetensors");
    Map<String, NpyArray> expected = npz(FIXTURES.resolve("torch-4x3x2-f16-bf16.expected.npz"));
    assertEquals(expected.keySet(), c.tensors().keySet());
    for (NpyArray e : expected.values()) {
      SafeTensor t = c.tensors().get(e.name());
      assertArrayEquals(e.shape(), t.shape(), e.name());
      double[] want = e.data();
      for (int k = 0; k < want.length; k++) {
        assertEquals(Double.doubleToRawLongBits(want[k]), Double.doubleToRawLongBits(t.values()[k]), e.name() + "[" + k + "]");
      }
    }
    assertEquals(SafeDtype.F16, c.tensors().get("0.weight").dtype());
    assertEquals(SafeDtype.BF16, c.tensors().get("2.bias").dtype());
    assertEquals(Map.of("format", "pt", "layers", "4-3-2", "activation", "tanh", "loss", "cross-entropy"), c.metadata());
  }

  /** Every one of the 65,536 F16 bit patterns against binary32's own bits, rebiased (exponent 15 → 127). */
  @Test
  void everyHalfBitPatternWidensToTheFloatItIs() {
    for (int bits = 0; bits < 1 << 16; bits++) {
      int sign = (bits & 0x8000) << 16;
      int exponent = (bits >> 10) & 0x1f;
      int fraction = bits & 0x3ff;
      float expected;
      if (exponent == 0x1f) expected = Float.intBitsToFloat(sign | 0x7f800000 | fraction << 13);
      else if (exponent == 0) expected = Math.copySign(fraction * 0x1p-24f, sign != 0 ? -1f : 1f); // exact in binary32
      else expected = Float.intBitsToFloat(sign | (exponent - 15 + 127) << 23 | fraction << 13);
      double got = SafeDtype.half((short) bits);
      if (Float.isNaN(expected)) assertTrue(Double.isNaN(got), Integer.toHexString(bits));
      else assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got), Integer.toHexString(bits));
    }
  }

  /** F32 tensors under another prefix, header and buffer in different orders, equal the float32 .npz of the same values. */
  @Test
  void float32InAnyOrderEqualsNumpysFloat32() throws IOException {
    SafetensorsReader.Content c = fixture("torch-prefixed-f32.safetensors");
    Map<String, NpyArray> f32 = npz(Path.of("src/test/resources/npz/params-784x50-f32-compressed.npz"));
    double[] w1 = f32.get("w1").data(); // (784, 50) C order
    double[] w1t = c.tensors().get("net.layers.0.weight").values(); // (50, 784) C order
    for (int i = 0; i < 784; i++) {
      for (int j = 0; j < 50; j++) assertEquals(w1[i * 50 + j], w1t[j * 784 + i], "w1[" + i + ", " + j + "]");
    }
    assertArrayEquals(f32.get("b1").data(), c.tensors().get("net.layers.0.bias").values());
    assertArrayEquals(f32.get("w2").data(), c.tensors().get("net.layers.3.weight").values());
    assertEquals(SafeDtype.F32, c.tensors().get("net.layers.3.bias").dtype());
    assertEquals(List.of("net.layers.0.bias", "net.layers.3.weight", "net.layers.0.weight", "net.layers.3.bias"),
        List.copyOf(c.tensors().keySet()), "in buffer order");
  }
}
