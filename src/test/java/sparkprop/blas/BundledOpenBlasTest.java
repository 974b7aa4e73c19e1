package sparkprop.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled OpenBLAS is the library netlib loaded in this JVM: JNIBLAS, through nativeLibPath set to
 * the extracted file, mapped into the process, and no system libblas.so.3 beside it.
 */
class BundledOpenBlasTest {
  @Test
  void netlibRunsTheExtractedOpenBlas() {
    BlasInfo info = BundledOpenBlas.install();
    assertEquals(BlasInfo.Source.BUNDLED, info.source, info::toString);
    assertEquals("JNIBLAS", info.implementation);
    BLAS blas = BLAS.getInstance();
    assertTrue(blas instanceof NativeBLAS, blas.getClass().getName());
    assertEquals("JNIBLAS", blas.getClass().getSimpleName());

    Path lib = Path.of(info.library);
    assertEquals("libopenblas.so.0", lib.getFileName().toString());
    assertTrue(Files.isRegularFile(lib), lib + " missing");
    assertEquals(info.library, System.getProperty(BundledOpenBlas.NATIVE_LIB_PATH));
    assertTrue(lib.startsWith(BundledFiles.defaultBase()) || lib.toString().contains("sparkprop-openblas-"), info.library);
    assertTrue(MappedLibraries.isMapped(lib), "the extracted library is not mapped into the process");
    assertTrue(MappedLibraries.named("libblas.so").isEmpty(),
        "the system's libblas is loaded too: " + MappedLibraries.named("libblas.so"));
    List<String> openblas = MappedLibraries.named("libopenblas");
    assertEquals(List.of(MappedLibraries.realPath(lib)), openblas, "one OpenBLAS in the process, the extracted one");
    assertFalse(MappedLibraries.named("libnetlibblasjni").isEmpty(), "netlib's JNI library is not loaded");
    // Its Fortran runtime is the bundled one too, even where the system has one: no install step needed.
    Path dir = Path.of(MappedLibraries.realPath(lib)).getParent();
    for (String runtime : new String[] {"libgfortran.so.5", "libquadmath.so.0"}) {
      assertEquals(List.of(dir.resolve(runtime).toString()), MappedLibraries.named(runtime.substring(0, runtime.indexOf('.'))));
    }
  }

  @Test
  void reportsVersionCoreAndThreads() {
    BlasInfo info = BlasInfo.current();
    assertEquals("0.3.31", info.version, info::toString);
    assertNotEquals(OpenBlasInfo.UNKNOWN, info.coreName, info::toString);
    assertFalse(info.coreName.isEmpty());
    assertEquals("bundled OpenBLAS loaded", info.reason);
    if ("1".equals(System.getenv("OPENBLAS_NUM_THREADS"))) assertEquals(1, info.threads, info::toString);
    else assertTrue(info.threads >= 1, info::toString);
    String line = info.describe();
    assertTrue(line.startsWith("JNIBLAS: bundled OpenBLAS 0.3.31, core " + info.coreName), line);
    assertTrue(line.contains(info.library), line);
    assertSame(info, BundledOpenBlas.install(), "install() is done once per JVM");
  }

  @Test
  void gemmThroughNetlibComputesTheProduct() {
    BundledOpenBlas.install();
    // C (2x2) = Aᵀ (2x3 → A is 3x2) · B (3x2), column-major.
    double[] a = {1, 2, 3, 4, 5, 6};
    double[] b = {1, 0, 1, 0, 1, 1};
    double[] c = new double[4];
    BLAS.getInstance().dgemm("T", "N", 2, 2, 3, 1.0, a, 3, b, 3, 0.0, c, 2);
    assertArrayEquals(new double[] {4, 10, 5, 11}, c);
    float[] fa = {1, 2, 3, 4, 5, 6};
    float[] fb = {1, 0, 1, 0, 1, 1};
    float[] fc = new float[4];
    BLAS.getInstance().sgemm("T", "N", 2, 2, 3, 1f, fa, 3, fb, 3, 0f, fc, 2);
    assertArrayEquals(new float[] {4, 10, 5, 11}, fc);
  }
}
