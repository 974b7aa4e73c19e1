package sparkprop.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates sparkprop's float32 code from its float64 code, as EJML generates its 32-bit classes from
 * the 64-bit ones: {@code Float32Matrix.java} from {@code Float64Matrix.java} as a whole, and in
 * {@code Activation}, {@code Mse} and {@code CrossEntropy} the block between {@code // BEGIN float32
 * kernels} and {@code // END float32 kernels} from the block between the float64 markers above it.
 * Run from the project's folder after editing the float64 code (JDK only, no build needed):
 *
 * <pre>  java src/apparatus/java/sparkprop/nn/Float32Source.java</pre>
 *
 * Float32SourceTest fails while a checked-in float32 copy is not what this makes.
 *
 * <p>The rules, in code (outside comments and string literals):
 * <ol>
 *   <li>{@code Float64Matrix} → {@code Float32Matrix}, {@code FLOAT64} → {@code FLOAT32},
 *       {@code float64} → {@code float32}, {@code dgemm} → {@code sgemm}, {@code StrictMath.exp} →
 *       {@code Float32Exp.exp} (as reproducible, twice as fast, exact to 2^−46: see Float32Exp);
 *   <li>the element type: the word {@code double} → {@code float}, except in a method declaration (the
 *       matrices' and kernels' API is double in both precisions; a constructor's is not) and where
 *       written {@code /*wide*}{@code / double}: sums carried in double in both precisions;
 *   <li>{@code Double.} → {@code Float.} (its constants), and a decimal literal {@code 1.0} → {@code 1.0f}.
 * </ol>
 * In comments and strings only {@code float64} → {@code float32} and {@code dgemm} → {@code sgemm}.
 * So an explicit cast {@code (double) v} in the float64 code, a no-op there, is the float32 code's
 * rounding of a value computed wider ({@code (float) v}).
 */
public final class Float32Source {
  private static final String NN = "src/main/java/sparkprop/nn/";
  private static final List<String> KERNEL_FILES = List.of("Activation.java", "Mse.java", "CrossEntropy.java");
  private static final String BEGIN64 = "// BEGIN float64 kernels";
  private static final String END64 = "// END float64 kernels";
  private static final String BEGIN32 = "// BEGIN float32 kernels";
  private static final String END32 = "// END float32 kernels";
  private static final String HEADER =
      "// Generated from Float64Matrix.java by Float32Source (java src/apparatus/java/sparkprop/nn/Float32Source.java):\n"
          + "// do not edit; edit Float64Matrix.java and regenerate.\n";

  private static final String WIDE = "/*wide*/ double";
  private static final String KEEP_WIDE = "\u0000WIDE\u0000";
  private static final String KEEP_DOUBLE = "\u0000DOUBLE\u0000";
  private static final Pattern METHOD = Pattern.compile(
      "^\\s*(?:@\\w+\\s+)?(?:(?:public|protected|private|static|final|abstract|synchronized)\\s+)*"
          + "[\\w\\[\\]<>.]+\\s+(\\w+)\\s*\\([^;]*\\)\\s*\\{\\s*$");
  private static final Pattern DECIMAL = Pattern.compile("\\b(\\d+\\.\\d+)(?![\\w.])");

  private Float32Source() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    for (Map.Entry<Path, String> e : generated(root).entrySet()) {
      String now = Files.readString(e.getKey(), StandardCharsets.UTF_8);
      if (now.equals(e.getValue())) continue;
      Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8);
      System.out.println("wrote " + e.getKey());
    }
  }

  /** Each float32 file under {@code root} as the generator makes it from the float64 code now. */
  public static Map<Path, String> generated(Path root) {
    Map<Path, String> out = new LinkedHashMap<>();
    Path nn = root.resolve(NN);
    out.put(nn.resolve("Float32Matrix.java"), HEADER + toFloat32(read(nn.resolve("Float64Matrix.java"))));
    for (String name : KERNEL_FILES) {
      Path file = nn.resolve(name);
      out.put(file, withFloat32Kernels(read(file), file));
    }
    return out;
  }

  /** {@code text} with its float32 block replaced by the float64 block, converted. */
  static String withFloat32Kernels(String text, Path file) {
    int b64 = lineAfter(text, BEGIN64, file);
    int e64 = text.indexOf(END64, b64);
    int b32 = lineAfter(text, BEGIN32, file);
    int e32 = text.indexOf(END32, b32);
    if (e64 < 0 || e32 < 0 || b32 < e64) throw new IllegalStateException(file + ": kernel markers out of order");
    int e64Line = text.lastIndexOf('\n', e64) + 1;
    int e32Line = text.lastIndexOf('\n', e32) + 1;
    return text.substring(0, b32) + toFloat32(text.substring(b64, e64Line)) + text.substring(e32Line);
  }

  private static int lineAfter(String text, String marker, Path file) {
    int at = text.indexOf(marker);
    if (at < 0) throw new IllegalStateException(file + ": no '" + marker + "'");
    return text.indexOf('\n', at) + 1;
  }

  /** The rules above, applied to float64 source text. */
  static String toFloat32(String float64) {
    StringBuilder lines = new StringBuilder();
    for (String line : float64.split("\n", -1)) {
      Matcher m = METHOD.matcher(line);
      boolean declaration = m.matches() && !m.group(1).equals("Float64Matrix") && !line.contains(" new ");
      lines.append(declaration ? line.replaceAll("\\bdouble\\b", KEEP_DOUBLE) : line).append('\n');
    }
    String text = lines.substring(0, lines.length() - 1).replace(WIDE, KEEP_WIDE);
    StringBuilder out = new StringBuilder();
    int k = 0;
    while (k < text.length()) {
      int end;
      boolean code = false;
      if (text.startsWith("//", k)) {
        end = endOf(text, "\n", k + 2, 0);
      } else if (text.startsWith("/*", k)) {
        end = endOf(text, "*/", k + 2, 2);
      } else if (text.charAt(k) == '"' || text.charAt(k) == '\'') {
        end = endOfLiteral(text, k);
      } else {
        end = nextSpecial(text, k);
        code = true;
      }
      String part = text.substring(k, end);
      out.append(code ? codeToFloat32(part) : part.replace("float64", "float32").replace("dgemm", "sgemm"));
      k = end;
    }
    return out.toString().replace(KEEP_WIDE, WIDE).replace(KEEP_DOUBLE, "double");
  }

  private static String codeToFloat32(String code) {
    String s = code.replace("Float64Matrix", "Float32Matrix").replace("FLOAT64", "FLOAT32")
        .replace("float64", "float32").replace("dgemm", "sgemm").replace("StrictMath.exp(", "Float32Exp.exp(");
    s = s.replaceAll("\\bdouble\\b", "float").replaceAll("\\bDouble\\.", "Float.");
    return DECIMAL.matcher(s).replaceAll("$1f");
  }

  private static int endOf(String text, String close, int from, int extra) {
    int at = text.indexOf(close, from);
    return at < 0 ? text.length() : at + extra;
  }

  private static int endOfLiteral(String text, int start) {
    char quote = text.charAt(start);
    int k = start + 1;
    while (k < text.length() && text.charAt(k) != quote) k += text.charAt(k) == '\\' ? 2 : 1;
    return Math.min(k + 1, text.length());
  }

  private static int nextSpecial(String text, int from) {
    for (int k = from; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c == '"' || c == '\'' || (c == '/' && k + 1 < text.length() && (text.charAt(k + 1) == '/' || text.charAt(k + 1) == '*'))) {
        return k;
      }
    }
    return text.length();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
