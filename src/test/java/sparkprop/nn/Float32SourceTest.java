package sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The float32 code is generated from the float64 code (Float32Source, as EJML generates its 32-bit
 * classes): the checked-in Float32Matrix.java and the float32 kernels of Activation, Mse and
 * CrossEntropy must be what the generator makes from today's float64 code. When this fails, run
 * {@code java src/apparatus/java/sparkprop/nn/Float32Source.java} and commit the result.
 */
class Float32SourceTest {
  @Test
  void theCheckedInFloat32CodeIsWhatTheGeneratorMakesNow() throws IOException {
    Map<Path, String> generated = Float32Source.generated(Path.of(""));
    assertEquals(4, generated.size());
    for (Map.Entry<Path, String> e : generated.entrySet()) {
      String checkedIn = Files.readString(e.getKey(), StandardCharsets.UTF_8);
      assertEquals(e.getValue(), checkedIn, e.getKey() + " is not what Float32Source generates: run "
          + "java src/apparatus/java/sparkprop/nn/Float32Source.java and commit it");
    }
  }

  @Test
  void theRulesTurnTheElementTypeButKeepWideSumsAndTheApi() {
    String float64 = String.join("\n",
        "  public double get(int k) {",
        "    double v = (double) x.data[k] * 2.0; // double in a comment stays, float64 turns",
        "    /*wide*/ double sum = Double.MAX_VALUE;",
        "    Blas.get().dgemm(\"double\");",
        "    return StrictMath.exp(x) + StrictMath.log(x);",
        "  private Float64Matrix(double[] data) {");
    String float32 = String.join("\n",
        "  public double get(int k) {",
        "    float v = (float) x.data[k] * 2.0f; // double in a comment stays, float32 turns",
        "    /*wide*/ double sum = Float.MAX_VALUE;",
        "    Blas.get().sgemm(\"double\");",
        "    return Float32Exp.exp(x) + StrictMath.log(x);",
        "  private Float32Matrix(float[] data) {");
    assertEquals(float32, Float32Source.toFloat32(float64));
  }

  @Test
  void eachKernelFileHoldsBothBlocks() throws IOException {
    for (String name : new String[] {"Activation", "Mse", "CrossEntropy"}) {
      String text = Files.readString(Path.of("src/main/java/sparkprop/nn/" + name + ".java"), StandardCharsets.UTF_8);
      int b64 = text.indexOf("// BEGIN float64 kernels");
      int b32 = text.indexOf("// BEGIN float32 kernels");
      assertTrue(b64 >= 0 && b32 > b64, name);
      assertTrue(text.indexOf("Float32Matrix", b32) > b32, name + "'s float32 block holds float32 kernels");
    }
  }
}
