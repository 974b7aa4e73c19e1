package sparkprop.read.safetensors;

import static sparkprop.read.CostAssertions.assertRefusedCheaply;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every way a safetensors file can lie is exit 2's one line, decided from the length prefix and the
 * header before any tensor is allocated: cheap in time and in bytes allocated, whatever the header claims.
 */
class SafetensorsBadInputTest {
  private static final long MILLIS = 2_000;
  /**
   * Far below what any of the lies would allocate if believed (a header of 100 MB, 2^25 doubles: 256 MiB);
   * a header of 4,096 entries, the most one may name, costs about 6 MB to parse.
   */
  private static final long BYTES = 16L << 20;

  /** A file: the prefix N (as given), the header text, and {@code buffer} zero bytes. */
  private static byte[] file(long n, String header, int buffer) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + buffer).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(n).put(h);
    return b.array();
  }

  private static byte[] file(String header, int buffer) {
    return file(header.getBytes(StandardCharsets.UTF_8).length, header, buffer);
  }

  private static void refused(byte[] bytes, String... fragments) {
    refused(bytes, bytes.length, fragments);
  }

  private static void refused(byte[] bytes, long declaredLength, String... fragments) {
    String[] all = new String[fragments.length + 1];
    all[0] = "t.safetensors: ";
    System.arraycopy(fragments, 0, all, 1, fragments.length);
    assertRefusedCheaply(() -> SafetensorsReader.read(new ByteArrayInputStream(bytes), declaredLength, "t.safetensors"),
        MILLIS, BYTES, all);
  }

  private static String tensor(String name, String dtype, String shape, long begin, long end) {
    return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
  }

  @Test
  void aHeaderLengthBeyondTheFormatsLimitOrTheFileIsRefusedBeforeReadingIt() {
    refused(file(-1L, "{}", 0), "header length 18446744073709551615 bytes exceeds the format's 100000000");
    refused(file(100_000_001L, "{}", 0), "header length 100000001 bytes exceeds");
    refused(file(1000L, "{}", 16), "header length 1000 bytes runs past the end of the file (26 bytes)");
    refused(new byte[5], "5 bytes, too short");
    // An HDF5 or .npz file given by mistake: its first 8 bytes read as a huge length.
    refused("PK\u0003\u0004\u0014\u0000\u0000\u0000rest".getBytes(StandardCharsets.ISO_8859_1), "exceeds the format's");
  }

  @Test
  void offsetsThatDoNotTileTheBufferAreRefused() {
    String a = tensor("a", "F64", "[2]", 0, 16);
    refused(file("{" + a + "," + tensor("b", "F64", "[2]", 8, 24) + "}", 24), "tensor 'b' (bytes 8–24) overlaps tensor 'a' (bytes 0–16)");
    refused(file("{" + a + "," + tensor("b", "F64", "[1]", 24, 32) + "}", 32), "no tensor covers bytes 16–24");
    refused(file("{" + tensor("a", "F64", "[2]", 8, 24) + "}", 24), "no tensor covers bytes 0–8");
    refused(file("{" + a + "}", 24), "the tensors end at byte 16 of the data, but it holds 24 bytes");
    refused(file("{" + a + "}", 8), "tensor 'a' ends at byte 16 of the data, past its end at 8");
    refused(file("{" + tensor("a", "F64", "[3]", 0, 16) + "}", 16), "span 16 bytes, but (3,) of F64 takes 24");
    refused(file("{" + tensor("a", "F32", "[2]", 8, 0) + "}", 8), "end before they begin");
  }

  /** Claims of huge tensors, in a file of a few bytes, cost nothing: no array of the claimed size is made. */
  @Test
  void claimsOfHugeTensorsAreRefusedWithoutAllocatingThem() {
    long big = 8L * (SafetensorsReader.MAX_VALUES + 1L);
    refused(file("{" + tensor("a", "F64", "[" + (SafetensorsReader.MAX_VALUES + 1) + "]", 0, big) + "}", 8),
        "holds more than 33554432 values");
    refused(file("{" + tensor("a", "F64", "[4096, 8192]", 0, 8L * 4096 * 8192) + "}", 8), "tensor 'a' ends at byte 268435456");
    refused(file("{" + tensor("a", "F64", "[65536, 65536, 65536, 65536, 65536]", 0, 8) + "}", 8), "holds more than");
    StringBuilder many = new StringBuilder("{");
    for (int k = 0; k <= SafetensorsHeader.MAX_ENTRIES; k++) many.append(k > 0 ? "," : "").append(tensor("t" + k, "F64", "[0]", 0, 0));
    refused(file(many + "}", 0), "more than 4096 entries");
    // Tensors that each fit but together exceed the limit.
    int half = SafetensorsReader.MAX_VALUES / 2 + 1;
    refused(file("{" + tensor("a", "F16", "[" + half + "]", 0, 2L * half) + "," + tensor("b", "F16", "[" + half + "]", 2L * half, 4L * half)
        + "}", 8), "its tensors hold more than 33554432 values");
  }

  @Test
  void aFileCutShortIsRefusedAtItsEnd() {
    byte[] whole = SafetensorsWriter.bytes(List.of(SafeTensor.f64("a", new int[] {4}, new double[] {1, 2, 3, 4})), Map.of());
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
    refused(cut, whole.length, "truncated: the file ends inside tensor 'a'");
  }

  @Test
  void headersThatAreNotTheFormatsJsonAreRefused() {
    refused(file("[1,2]", 0), "the header is not a JSON object");
    refused(file("{\"a\":", 0), "the header is not valid JSON");
    refused(file("{} {}", 0), "more than one JSON object");
    refused(file("{" + tensor("a", "F64", "[0]", 0, 0) + "," + tensor("a", "F64", "[0]", 0, 0) + "}", 0), "not valid JSON", "Duplicate field 'a'");
    refused(file(2, "\u0000\u0000", 0), "not valid JSON");
    byte[] bad = file("{\"xx\":1}", 0);
    bad[10] = (byte) 0xe9; // a lone Latin-1 é where UTF-8 is required
    refused(bad, "the header is not UTF-8 text");
    refused(file("{" + tensor("a", "I64", "[1]", 0, 8) + "}", 8), "tensor 'a': dtype I64 is not supported (expected F64, F32, F16 or BF16)");
    refused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1]}}", 8), "tensor 'a': missing data_offsets");
    refused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8],\"x\":1}}", 8), "unexpected field 'x'");
    refused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}", 8), "outside 0 … 2^53");
    refused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1.5],\"data_offsets\":[0,8]}}", 8), "holds '1.5', not a whole number");
    refused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8,16]}}", 8), "more than 2 elements");
    refused(file("{\"__metadata__\":{\"k\":1}}", 0), "__metadata__ key 'k' is not a string");
    refused(file("{\"__metadata__\":[]}", 0), "__metadata__ is not a JSON object");
  }
}
